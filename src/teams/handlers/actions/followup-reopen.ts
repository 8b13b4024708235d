import type { TeamsDeps } from "../../deps.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { followUpAction } from "./followup-action.js";

/** *Genåbn*: a follow-up marked done by mistake goes back to open. */
export const followUpReopen = (deps: TeamsDeps, views: Views) =>
  followUpAction(deps, views, verbs.followUpReopen, (t, d) => deps.followUps.reopen(t.actor, d.followUpId, d.version));
