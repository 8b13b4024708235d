import { z } from "zod";
import { formInputIds, recommendationInputId } from "../../../cards/followup-form-card.js";
import type { FormRowInput } from "../../../domain/form-service.js";
import { id, localDate, text } from "./schemas.js";

/**
 * What the opfølgningsskema submits, read back by the buttons that carry its inputs («Gem», the
 * confirmation to close, and «Genåbn mødet» on a form typed into after the meeting was closed).
 */

/** At most this many rows in one form: far more than a meeting makes, small enough to bound work. */
const MAX_ROWS = 60;

/** The row references the card carries (its ids, as rendered); the typed values are beside them. */
export const formRows = z
  .array(
    z.object({
      decisionId: z.string().max(100).default(""),
      followUpId: z.string().max(100).default(""),
      keep: z.boolean().default(false),
      shown: z.object({ ownerId: z.string().max(100), dueDate: localDate }).optional(),
    }),
  )
  .max(MAX_ROWS);

const field = (data: Record<string, unknown>, key: string, schema: z.ZodTypeAny = text): string => {
  const v = schema.safeParse(data[key] ?? "");
  return v.success ? String(v.data) : "";
};

/** The indstillinger as typed, by agenda item id (inputs rec_<itemId>); the domain checks the ids. */
export function recommendationsFrom(data: Record<string, unknown>): Record<string, string> {
  const prefix = recommendationInputId("");
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!key.startsWith(prefix) || key.length > 120) continue;
    const v = text.safeParse(value ?? "");
    if (v.success) out[key.slice(prefix.length)] = v.data;
  }
  return out;
}

/** What the skema showed of each stored indstilling (short hashes, JSON in `recShown`); absent from an older card. */
export function recommendationsShownFrom(data: Record<string, unknown>): Record<string, string> | undefined {
  const raw = z.string().max(20_000).safeParse(data.recShown);
  if (!raw.success) return undefined;
  try {
    const parsed = z.record(z.string().max(100), z.string().max(20)).safeParse(JSON.parse(raw.data));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Reads row i's inputs back (names from formInputIds); the row's ids come from the card's own data. */
export function rowsFrom(data: Record<string, unknown> & { rows: z.infer<typeof formRows> }): FormRowInput[] {
  return data.rows.map((ref, i) => {
    const ids = formInputIds(i);
    return {
      keep: ref.keep,
      shown: ref.followUpId ? ref.shown : undefined,
      decisionId: ref.decisionId || undefined,
      followUpId: ref.followUpId || undefined,
      agendaItemId: field(data, ids.item, id.or(z.literal(""))) || undefined,
      // Only a card that offers the picker sends it: "" is «none», absent keeps what is stored.
      focusAreaId: ids.focus in data ? field(data, ids.focus, id.or(z.literal(""))) : undefined,
      decision: field(data, ids.decision),
      followUpText: field(data, ids.followUp),
      ownerId: field(data, ids.owner, id.or(z.literal(""))) || undefined,
      dueDate: field(data, ids.due, localDate) || undefined,
      evaluateOn: field(data, ids.evaluate, localDate) || undefined,
    };
  });
}

/** Whether anything was typed into the rows (a new decision or follow-up, a changed text). */
export const typedSomething = (rows: FormRowInput[]): boolean => rows.some((r) => !r.keep && (r.decision.trim() !== "" || r.followUpText.trim() !== ""));
