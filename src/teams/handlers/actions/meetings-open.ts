import { z } from "zod";
import type { TeamsDeps } from "../../deps.js";
import { execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";

export const meetingsOpen = (deps: TeamsDeps, views: Views) =>
  execute(deps, verbs.meetingsOpen, z.object({}).passthrough(), (t) => views.meetings(t.actor));
