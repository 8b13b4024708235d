import { z } from "zod";
import type { TeamsDeps } from "../../deps.js";
import { execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { strings } from "../../../lib/strings.da.js";
import { id, localDate } from "./schemas.js";
import { channelTarget } from "../../channel-target.js";
import { statusAnswer } from "./channel-unit.js";

const schema = z.object({ areaId: id, exportFrom: localDate.optional().default(""), exportTo: localDate.optional().default("") }).passthrough();

/**
 * «Eksportér til kvalitetsrapporten» on the status card: a chief of the area gets personal,
 * single-use links in their own chat with the bot (never in the channel).
 */
export const channelExport = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.channelExport,
    schema,
    async (t, data) => {
      await deps.channels.assertFollowed(channelTarget(t.context).conversationId, data.areaId);
      await deps.sendToPerson(t.actor.id, async () => views.exportLinks(await deps.downloads.request(t.actor, data.areaId, data.exportFrom, data.exportTo)));
      return statusAnswer(deps, views, t, data.areaId, { notice: strings.channel.exportSent });
    },
    (t, data, err) => statusAnswer(deps, views, t, data.areaId, { error: err.text }),
    { where: "channel" },
  );
