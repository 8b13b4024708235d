import type { TeamsDeps } from "../../deps.js";
import { command, type CommandScope } from "../../turn.js";
import type { Views } from "../../views.js";

/** `mine møder`: coming and recent meetings with buttons to their cards. */
export const myMeetings = (deps: TeamsDeps, views: Views, scopes: readonly CommandScope[]) => command(deps, "my-meetings", (t) => views.meetings(t.actor), { scopes });
