import type { TeamsDeps } from "../../deps.js";
import { command } from "../../turn.js";
import type { Views } from "../../views.js";

/** `årshjul`: the chief's year wheel for their first unit, with a picker for the others. */
export const yearWheel = (deps: TeamsDeps, views: Views) => command(deps, "yearWheel", (t) => views.yearWheel(t.actor));
