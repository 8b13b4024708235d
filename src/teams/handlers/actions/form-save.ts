import { z } from "zod";
import { formInputIds, recommendationInputId } from "../../../cards/followup-form-card.js";
import type { FormRowInput } from "../../../domain/form-service.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { id, localDate, text, version } from "./schemas.js";

/** At most this many rows in one form: far more than a meeting makes, small enough to bound work. */
const MAX_ROWS = 60;

const schema = z
  .object({
    meetingId: id,
    version,
    rows: z
      .array(
        z.object({
          decisionId: z.string().max(100).default(""),
          followUpId: z.string().max(100).default(""),
          keep: z.boolean().default(false),
          shown: z.object({ ownerId: z.string().max(100), dueDate: localDate }).optional(),
        }),
      )
      .max(MAX_ROWS),
  })
  .catchall(z.unknown());

const field = (data: Record<string, unknown>, key: string, schema: z.ZodTypeAny = text): string => {
  const v = schema.safeParse(data[key] ?? "");
  return v.success ? String(v.data) : "";
};

/** The indstillinger as typed, by agenda item id (inputs rec_<itemId>); the domain checks the ids. */
function recommendationsFrom(data: Record<string, unknown>): Record<string, string> {
  const prefix = recommendationInputId("");
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!key.startsWith(prefix) || key.length > 120) continue;
    const v = text.safeParse(value ?? "");
    if (v.success) out[key.slice(prefix.length)] = v.data;
  }
  return out;
}

/** Reads row i's inputs back (names from formInputIds); the row's ids come from the card's own data. */
function rowsFrom(data: z.infer<typeof schema>): FormRowInput[] {
  return data.rows.map((ref, i) => {
    const ids = formInputIds(i);
    return {
      keep: ref.keep,
      shown: ref.followUpId ? ref.shown : undefined,
      decisionId: ref.decisionId || undefined,
      followUpId: ref.followUpId || undefined,
      agendaItemId: field(data, ids.item, id.or(z.literal(""))) || undefined,
      decision: field(data, ids.decision),
      followUpText: field(data, ids.followUp),
      ownerId: field(data, ids.owner, id.or(z.literal(""))) || undefined,
      dueDate: field(data, ids.due, localDate) || undefined,
      evaluateOn: field(data, ids.evaluate, localDate) || undefined,
    };
  });
}

const saveForm = (close: boolean) => (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    close ? verbs.formClose : verbs.formSave,
    schema,
    async (t, data) => {
      const { revision, closedNow, load, effects } = await deps.forms.save(t.actor, data.meetingId, data.version, rowsFrom(data), close, recommendationsFrom(data));
      t.log.info({ meetingId: data.meetingId, revision, closedNow }, "form saved");
      return answer(await views.form(t.actor, data.meetingId, { savedAt: t.now, revision, load }), effects);
    },
    (t, data, err) =>
      views.form(t.actor, data.meetingId, {
        // What the person typed stays in the card, also when the form changed meanwhile.
        typed: err.code === "invalid-input" || err.code === "stale-card" ? rowsFrom(data) : undefined,
        typedRecommendations: err.code === "invalid-input" || err.code === "stale-card" ? recommendationsFrom(data) : undefined,
        feedback: { error: err.text, fieldErrors: err.fieldErrors },
      }),
  );

export const formSave = saveForm(false);
export const formClose = saveForm(true);
