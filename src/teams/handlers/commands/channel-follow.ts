import type { TeamsDeps } from "../../deps.js";
import { channelTarget } from "../../channel-target.js";
import { command, type CommandScope } from "../../turn.js";
import type { Views } from "../../views.js";

/** `@Læringsloop følg område` (or `overblik`) in a team channel: the card that links it to an area. */
export const channelFollow = (deps: TeamsDeps, views: Views, scopes: readonly CommandScope[]) =>
  command(deps, "channel-follow", async (t) => views.channelLink(t.actor, channelTarget(t.context).conversationId), { scopes });
