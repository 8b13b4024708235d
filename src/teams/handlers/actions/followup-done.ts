import type { TeamsDeps } from "../../deps.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { followUpAction } from "./followup-action.js";

/** *Udført*: the owner (or the chair) marks the follow-up done; a second click is answered kindly. */
export const followUpDone = (deps: TeamsDeps, views: Views) =>
  followUpAction(deps, views, verbs.followUpDone, (t, d) => deps.followUps.markDone(t.actor, d.followUpId, d.version));
