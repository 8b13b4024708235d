import type { TeamsDeps } from "../../deps.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { commentInput, followUpAction } from "./followup-action.js";

/** *Kommentér*: a note on the follow-up, kept in its history. */
export const followUpComment = (deps: TeamsDeps, views: Views) =>
  followUpAction(deps, views, verbs.followUpComment, (t, d) => deps.followUps.comment(t.actor, d.followUpId, d.version, commentInput(d)));
