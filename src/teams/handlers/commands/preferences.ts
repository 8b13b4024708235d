import type { TeamsDeps } from "../../deps.js";
import { command, type CommandScope } from "../../turn.js";
import type { Views } from "../../views.js";

/** `indstillinger`: the person's own reminder settings. */
export const preferences = (deps: TeamsDeps, views: Views, scopes: readonly CommandScope[]) => command(deps, "preferences", (t) => views.preferences(t.actor), { scopes });
