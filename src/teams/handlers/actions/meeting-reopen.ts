import { z } from "zod";
import { strings } from "../../../lib/strings.da.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute, postCard } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { formRows, recommendationsFrom, rowsFrom, typedSomething } from "./form-input.js";
import { id, version } from "./schemas.js";

const schema = z
  .object({
    meetingId: id,
    /** The referat the card showed: a card from before a later closing reopens nothing. */
    referatVersion: version,
    from: z.enum(["form", "referat", "remark"]).default("form"),
    /** From the chair's card with a participant's remark to the referat (decision 0027): that card comes back. */
    remarkId: id.optional(),
    /** On the referat as it was sent (with its intro): given back the same way. */
    sent: z.preprocess((v) => v === true || v === "true", z.boolean()).default(false),
    /** From a closed form typed into: what was typed, kept in the reopened form (not saved). */
    rows: formRows.optional(),
  })
  .catchall(z.unknown());

type Data = z.infer<typeof schema>;

const typedIn = (data: Data) => (data.rows ? rowsFrom({ ...data, rows: data.rows }) : undefined);

/**
 * «Genåbn mødet» (confirmed), on the chair's opfølgningsskema or referat: the meeting is reopened
 * for corrections. From the form, the form comes back editable (with what was typed into it);
 * from the referat, the referat shows that it is being corrected and the form opens beside it; from
 * the card with a participant's remark (decision 0027), that card says so and the form opens beside it.
 */
export const meetingReopen = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.meetingReopen,
    schema,
    async (t, data) => {
      const { already, effects } = await deps.meetings.reopen(t.actor, data.meetingId, data.referatVersion);
      t.log.info({ meetingId: data.meetingId, already }, "meeting reopened");
      if (data.from === "remark" && data.remarkId) {
        if (!already) await postCard(deps, t, await views.form(t.actor, data.meetingId, { feedback: { notice: strings.closing.reopened } }));
        const notice = already ? strings.closing.reopenAlready : strings.referatApproval.remarkReopened;
        return answer(await views.referatRemark(t.actor, data.remarkId, { feedback: { notice } }), effects);
      }
      if (data.from === "referat") {
        if (!already) await postCard(deps, t, await views.form(t.actor, data.meetingId, { feedback: { notice: strings.closing.reopened } }));
        return answer(await views.referat(t.actor, data.meetingId, data.sent), effects);
      }
      const typed = typedIn(data);
      const keep = typed !== undefined && typedSomething(typed);
      const notice = already ? strings.closing.reopenAlready : keep ? strings.closing.reopenedTyped : strings.closing.reopened;
      return answer(
        await views.form(t.actor, data.meetingId, { typed: keep ? typed : undefined, typedRecommendations: keep ? recommendationsFrom(data) : undefined, feedback: { notice } }),
        effects,
      );
    },
    (t, data, err) => {
      if (data.from === "remark" && data.remarkId) return views.referatRemark(t.actor, data.remarkId, { feedback: { error: err.text } });
      if (data.from === "referat") return views.referat(t.actor, data.meetingId, data.sent, { feedback: { error: err.text } });
      const typed = typedIn(data);
      const keep = typed !== undefined && typedSomething(typed);
      return views.form(t.actor, data.meetingId, { typed: keep ? typed : undefined, typedRecommendations: keep ? recommendationsFrom(data) : undefined, feedback: { error: err.text } });
    },
  );
