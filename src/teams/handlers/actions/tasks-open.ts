import { z } from "zod";
import type { TeamsDeps } from "../../deps.js";
import { execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";

export const tasksOpen = (deps: TeamsDeps, views: Views) =>
  execute(deps, verbs.tasksOpen, z.object({}).passthrough(), (t) => views.tasks(t.actor));
