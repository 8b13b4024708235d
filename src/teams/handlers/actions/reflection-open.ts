import type { TeamsDeps } from "../../deps.js";
import { execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { openBeside } from "./open-from.js";
import { meetingRef } from "./schemas.js";

export const reflectionOpen = (deps: TeamsDeps, views: Views) =>
  execute(deps, verbs.reflectionOpen, meetingRef, async (t, data) => openBeside(t, views, await views.reflection(t.actor, data.meetingId), data));
