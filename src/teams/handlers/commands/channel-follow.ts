import type { TeamsDeps } from "../../deps.js";
import { channelTarget } from "../../channel-target.js";
import { command, inChannel } from "../../turn.js";
import type { Views } from "../../views.js";
import { buildNoticeCard } from "../../../cards/notice-card.js";
import { strings } from "../../../lib/strings.da.js";

/** `@Læringsloop følg område` (or `overblik`) in a team channel: the card that links it to an area. */
export const channelFollow = (deps: TeamsDeps, views: Views) =>
  command(
    deps,
    "channel-follow",
    async (t) => (inChannel(t.context) ? views.channelLink(t.actor, channelTarget(t.context).conversationId) : buildNoticeCard(strings.channel.notInChannel)),
    { anywhere: true },
  );
