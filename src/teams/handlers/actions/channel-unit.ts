import { z } from "zod";
import type { TeamsDeps } from "../../deps.js";
import { cardActivity, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { strings } from "../../../lib/strings.da.js";
import { AppError } from "../../../lib/errors.js";
import { id, pickedId } from "./schemas.js";

const schema = z.object({ areaId: id, unitId: pickedId }).passthrough();

/**
 * «Vis enheden» on the status card: the unit's card is posted in the card's thread, and the
 * status card itself stays as it is for everyone.
 */
export const channelUnit = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.channelUnit,
    schema,
    async (t, data) => {
      if (!data.unitId) throw new AppError("invalid-input", strings.channel.unknownUnit);
      await t.context.sendActivity(cardActivity(await views.unitDetail(data.areaId, data.unitId)));
      return views.areaStatus(await deps.channels.status(data.areaId), t.now);
    },
    async (t, data, err) => views.areaStatus(await deps.channels.status(data.areaId), t.now, { feedback: { error: err.text } }),
    { where: "channel" },
  );
