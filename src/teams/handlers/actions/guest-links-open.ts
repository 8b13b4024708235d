import type { TeamsDeps } from "../../deps.js";
import { execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { openBeside } from "./open-from.js";
import { meetingRef } from "./schemas.js";

/** «Deltagere uden Teams» on the chair's dagsorden: the links card, posted beside it (decision 0025). */
export const guestLinksOpen = (deps: TeamsDeps, views: Views) =>
  execute(deps, verbs.guestLinksOpen, meetingRef, async (t, data) => openBeside(deps, t, views, await views.guestLinks(t.actor, data.meetingId), data));
