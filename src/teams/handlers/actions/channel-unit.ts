import { z } from "zod";
import type { TeamsDeps } from "../../deps.js";
import { channelTarget } from "../../channel-target.js";
import { cardActivity, execute, type Turn } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { strings } from "../../../lib/strings.da.js";
import { AppError } from "../../../lib/errors.js";
import { id, pickedId } from "./schemas.js";
import type { CardFeedback } from "../../../cards/feedback.js";

const schema = z.object({ areaId: id, unitId: pickedId }).passthrough();

/**
 * The status card again, for everyone in the channel, with `error` on it until the next tick
 * paints it clean. Only while the channel follows the area: otherwise just the refusal.
 */
export async function statusAnswer(deps: TeamsDeps, views: Views, t: Turn, areaId: string, feedback?: CardFeedback) {
  const link = await deps.channels.assertFollowed(channelTarget(t.context).conversationId, areaId).catch(() => undefined);
  if (!link) return views.notice(feedback?.error ?? strings.channel.notFollowed);
  if (feedback) await deps.channels.repaintLater(link);
  return views.areaStatus(await deps.channels.status(areaId), t.now, { feedback });
}

/**
 * «Vis enheden» on the status card: the unit's card is posted in the card's thread, and the
 * status card itself stays as it is for everyone. Only for an area this channel follows.
 */
export const channelUnit = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.channelUnit,
    schema,
    async (t, data) => {
      await deps.channels.assertFollowed(channelTarget(t.context).conversationId, data.areaId);
      if (!data.unitId) throw new AppError("invalid-input", strings.channel.unknownUnit);
      await t.context.sendActivity(cardActivity(await views.unitDetail(data.areaId, data.unitId)));
      return statusAnswer(deps, views, t, data.areaId);
    },
    (t, data, err) => statusAnswer(deps, views, t, data.areaId, { error: err.text }),
    { where: "channel" },
  );
