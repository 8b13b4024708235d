import { z } from "zod";
import type { TeamsDeps } from "../../deps.js";
import { execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";

export const preferencesOpen = (deps: TeamsDeps, views: Views) =>
  execute(deps, verbs.preferencesOpen, z.object({}).passthrough(), (t) => views.preferences(t.actor));
