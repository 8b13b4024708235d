import type { TeamsDeps } from "../../deps.js";
import { command } from "../../turn.js";
import type { Views } from "../../views.js";

/** `indstillinger`: the person's own reminder settings. */
export const preferences = (deps: TeamsDeps, views: Views) => command(deps, "preferences", (t) => views.preferences(t.actor));
