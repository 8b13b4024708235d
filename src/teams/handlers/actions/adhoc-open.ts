import type { TeamsDeps } from "../../deps.js";
import { execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { openBeside } from "./open-from.js";
import { meetingRef } from "./schemas.js";

/** «Tilføj deltager» on the chair's dagsorden: the add card of its own, posted beside it (decision 0022). */
export const adHocOpen = (deps: TeamsDeps, views: Views) =>
  execute(deps, verbs.adHocOpen, meetingRef, async (t, data) => openBeside(deps, t, views, await views.adHoc(t.actor, data.meetingId), data));
