import type { TeamsDeps } from "../../deps.js";
import { execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { openBeside } from "./open-from.js";
import { meetingRef } from "./schemas.js";

export const formOpen = (deps: TeamsDeps, views: Views) =>
  execute(deps, verbs.formOpen, meetingRef, async (t, data) => openBeside(deps, t, views, await views.form(t.actor, data.meetingId), data));
