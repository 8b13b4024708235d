import type { TeamsDeps } from "../../deps.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { dueDateInput, followUpAction } from "./followup-action.js";

/** *Udsæt*: a new, later due date; the reminder follows it. */
export const followUpPostpone = (deps: TeamsDeps, views: Views) =>
  followUpAction(deps, views, verbs.followUpPostpone, (t, d) => deps.followUps.postpone(t.actor, d.followUpId, d.version, dueDateInput(d)));
