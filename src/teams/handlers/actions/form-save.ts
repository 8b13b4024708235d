import { z } from "zod";
import { referatRecipients } from "../../../cards/followup-form-card.js";
import { strings } from "../../../lib/strings.da.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { formRows, recommendationsFrom, recommendationsShownFrom, rowsFrom } from "./form-input.js";
import { id, version } from "./schemas.js";

const schema = z
  .object({
    meetingId: id,
    version,
    rows: formRows,
    /** Set by the confirmation under «Gem og afslut mødet»; an older card's one-tap button has none. */
    confirmed: z.boolean().optional(),
    /** How many times the meeting had been closed when the card was rendered. */
    after: z.coerce.number().int().min(0).max(10_000).optional(),
  })
  .catchall(z.unknown());

/**
 * «Gem», and the confirmed «Gem og afslut mødet»: saves what was typed and says what was saved;
 * closing sends the referat (a corrected one after a reopening). Nothing is closed by one tap: a
 * close without the confirmation (a card from before it existed) saves and asks to confirm.
 */
const saveForm = (close: boolean) => (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    close ? verbs.formClose : verbs.formSave,
    schema,
    async (t, data) => {
      const confirmed = close && data.confirmed === true;
      const closing = confirmed ? (data.after === undefined ? true : { after: data.after }) : false;
      const { view, revision, summary, closedNow, referatVersion, load, effects } = await deps.forms.save(t.actor, data.meetingId, data.version, rowsFrom(data), closing, recommendationsFrom(data), recommendationsShownFrom(data));
      t.log.info({ meetingId: data.meetingId, revision, closedNow, referatVersion }, "form saved");
      const to = referatRecipients(view);
      const notice = !close
        ? ""
        : !confirmed
          ? strings.closing.notConfirmed
          : closedNow
            ? referatVersion > 1
              ? strings.closing.closedAgain(to)
              : strings.closing.closed(to)
            : strings.closing.alreadyClosed;
      return answer(await views.form(t.actor, data.meetingId, { saved: { at: t.now, revision, summary }, load, feedback: notice ? { notice } : undefined }), effects);
    },
    (t, data, err) => {
      // What the person typed stays in the card: refused, out of date, or the meeting closed meanwhile.
      const keep = err.code === "invalid-input" || err.code === "stale-card" || err.code === "meeting-closed";
      return views.form(t.actor, data.meetingId, {
        typed: keep ? rowsFrom(data) : undefined,
        typedRecommendations: keep ? recommendationsFrom(data) : undefined,
        shownRecommendations: keep ? recommendationsShownFrom(data) : undefined,
        feedback: { error: err.text, fieldErrors: err.fieldErrors },
      });
    },
  );

export const formSave = saveForm(false);
export const formClose = saveForm(true);
