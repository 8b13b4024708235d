import type { TeamsDeps } from "../../deps.js";
import { execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { openBeside } from "./open-from.js";
import { id, meetingRef } from "./schemas.js";

/** `authorId`: in a læringssamtale, a participant opens another participant's sent reflection. */
const schema = meetingRef.extend({ authorId: id.optional() });

export const reflectionOpen = (deps: TeamsDeps, views: Views) =>
  execute(deps, verbs.reflectionOpen, schema, async (t, data) => openBeside(deps, t, views, await views.reflection(t.actor, data.meetingId, { authorId: data.authorId }), data));
