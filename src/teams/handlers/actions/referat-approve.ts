import { z } from "zod";
import { strings } from "../../../lib/strings.da.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { id, version } from "./schemas.js";

const schema = z.object({
  meetingId: id,
  /** The referat version the card showed: a corrected referat is approved anew. */
  referatVersion: version,
  /** On the referat as it was sent (with its intro): given back the same way. */
  sent: z.preprocess((v) => v === true || v === "true", z.boolean()).default(false),
});

/** «Godkend referat» on a participant's referat: the referat in force comes back saying so; every copy shows the approval. */
export const referatApprove = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.referatApprove,
    schema,
    async (t, data) => {
      const { outcome, effects } = await deps.referatApprovals.approve(t.actor.id, data.meetingId, data.referatVersion);
      t.log.info({ meetingId: data.meetingId, referatVersion: data.referatVersion, outcome }, "referat approved");
      const notice = outcome === "approved" ? strings.referatApproval.approvedNow : strings.referatApproval.alreadyApproved;
      return answer(await views.referat(t.actor, data.meetingId, data.sent, { feedback: { notice } }), effects);
    },
    (t, data, err) => views.referat(t.actor, data.meetingId, data.sent, { feedback: { error: err.text } }),
  );
