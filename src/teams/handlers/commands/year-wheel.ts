import type { TeamsDeps } from "../../deps.js";
import { command, type CommandScope } from "../../turn.js";
import type { Views } from "../../views.js";

/** `årshjul`: the chief's year wheel for their first unit, with a picker for the others. */
export const yearWheel = (deps: TeamsDeps, views: Views, scopes: readonly CommandScope[]) => command(deps, "yearWheel", (t) => views.yearWheel(t.actor), { scopes });
