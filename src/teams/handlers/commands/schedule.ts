import type { TeamsDeps } from "../../deps.js";
import { command, type CommandScope } from "../../turn.js";
import type { Views } from "../../views.js";

/** `planlæg 1:1`: opens the scheduling form (chiefs only; others get a Danish refusal). */
export const schedule = (deps: TeamsDeps, views: Views, scopes: readonly CommandScope[]) => command(deps, "schedule", (t) => views.schedule(t.actor), { scopes });
