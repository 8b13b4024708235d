import { z } from "zod";
import type { TeamsDeps } from "../../deps.js";
import { execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { id } from "./schemas.js";

export const reflectionEdit = (deps: TeamsDeps, views: Views) =>
  execute(deps, verbs.reflectionEdit, z.object({ meetingId: id }), (t, data) => views.reflection(t.actor, data.meetingId, { editing: true }));
