import type { TeamsDeps } from "../../deps.js";
import { command, type CommandScope } from "../../turn.js";
import type { Views } from "../../views.js";

/** `giv videre`: the chief's list of follow-ups whose owner has left the organisation. */
export const reassign = (deps: TeamsDeps, views: Views, scopes: readonly CommandScope[]) => command(deps, "reassign", (t) => views.reassign(t.actor), { scopes });
