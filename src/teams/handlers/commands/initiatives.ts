import type { TeamsDeps } from "../../deps.js";
import { command, type CommandScope } from "../../turn.js";
import type { Views } from "../../views.js";

/** `indsatser`: the forvaltning's initiatives in the chief's areas, what weighs on each unit, and a form to register one. */
export const initiatives = (deps: TeamsDeps, views: Views, scopes: readonly CommandScope[]) => command(deps, "initiatives", (t) => views.initiatives(t.actor), { scopes });
