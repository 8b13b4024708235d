import type { TeamsDeps } from "../../deps.js";
import { command, type CommandScope } from "../../turn.js";
import type { Views } from "../../views.js";

/** `mine opgaver`: the person's open follow-ups, soonest due first, with their buttons. */
export const myTasks = (deps: TeamsDeps, views: Views, scopes: readonly CommandScope[]) => command(deps, "my-tasks", (t) => views.tasks(t.actor), { scopes });
