import { z } from "zod";
import type { TeamsDeps } from "../../deps.js";
import { execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";

export const scheduleOpen = (deps: TeamsDeps, views: Views) =>
  execute(deps, verbs.scheduleOpen, z.object({}).passthrough(), (t) => views.schedule(t.actor));
