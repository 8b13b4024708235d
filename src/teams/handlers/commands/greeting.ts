import type { TeamsDeps } from "../../deps.js";
import { command, type CommandScope } from "../../turn.js";
import type { Views } from "../../views.js";

/** «hej», «godmorgen», «hi»: a greeting by first name with what the person can do in their role. */
export const greeting = (deps: TeamsDeps, views: Views, scopes: readonly CommandScope[]) => command(deps, "greeting", (t) => views.help(t.actor, { greet: true }), { scopes });
