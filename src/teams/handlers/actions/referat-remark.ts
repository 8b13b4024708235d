import { z } from "zod";
import { strings } from "../../../lib/strings.da.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { id, optionalText, version } from "./schemas.js";

const schema = z.object({
  meetingId: id,
  /** The referat version the card showed: a remark to a corrected one is refused. */
  referatVersion: version,
  remark: optionalText,
  /** On the referat as it was sent (with its intro): given back the same way. */
  sent: z.preprocess((v) => v === true || v === "true", z.boolean()).default(false),
});

/**
 * «Bemærkning til referatet»: the remark is kept with its referat version and reaches the chair (a
 * card with «Genåbn mødet»). A refused remark (empty, too long, to a corrected referat) stays in the card with the reason.
 */
export const referatRemark = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.referatRemark,
    schema,
    async (t, data) => {
      const { outcome, effects } = await deps.referatApprovals.remark(t.actor.id, data.meetingId, data.referatVersion, data.remark);
      t.log.info({ meetingId: data.meetingId, referatVersion: data.referatVersion, outcome }, "referat remark");
      const notice = outcome === "sent" ? strings.referatApproval.remarkSent : strings.referatApproval.remarkSentAgain;
      return answer(await views.referat(t.actor, data.meetingId, data.sent, { feedback: { notice } }), effects);
    },
    (t, data, err) =>
      views.referat(t.actor, data.meetingId, data.sent, {
        feedback: { error: err.text, fieldErrors: err.fieldErrors },
        // Refused (empty, too long) or about a version corrected since: what was typed stays in the card.
        typedRemark: err.code === "invalid-input" || err.code === "stale-card" ? data.remark : undefined,
      }),
  );
