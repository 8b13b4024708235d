import { z } from "zod";
import { strings } from "../../../lib/strings.da.js";
import type { IndstillingDraftInput } from "../../../domain/meeting-service.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { shortHash } from "../../../lib/short-hash.js";
import { id, optionalText, text } from "./schemas.js";

const PREFIX = "ind_";

/** The texts the card showed, by agenda item id (JSON in the card's data). */
const shown = z
  .string()
  .max(60_000)
  .transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "shown is not JSON" });
      return z.NEVER;
    }
  })
  .pipe(z.record(id, z.string().max(5000)).refine((r) => Object.keys(r).length <= 60, "too many items"));

const schema = z.object({ meetingId: id, shown }).catchall(z.unknown());

/** The half-typed topic on the same card (its «Tilføj punkt» input), carried over a save of indstillinger. */
const topicFrom = (data: Record<string, unknown>): string | undefined => {
  const v = optionalText.safeParse(data.topic);
  return v.success && v.data ? v.data : undefined;
};

/**
 * The indstillinger someone typed on a dagsorden card and has not saved (the text differs from what
 * the card showed), so another button on the card (adding a topic) can carry them over.
 */
export function editedIndstillinger(data: Record<string, unknown>): Record<string, string> | undefined {
  const parsed = schema.safeParse(data);
  if (!parsed.success) return undefined;
  const typed = typedFrom(parsed.data);
  const edited = Object.entries(typed).filter(([itemId, text]) => {
    const was = parsed.data.shown[itemId] ?? "";
    return shortHash(text.trim()) !== was && text.trim() !== was.trim();
  });
  return edited.length ? Object.fromEntries(edited) : undefined;
}

/** The indstillinger typed on the card, by agenda item id (only the items the card offered). */
function typedFrom(data: z.infer<typeof schema>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const itemId of Object.keys(data.shown)) {
    const v = text.safeParse(data[`${PREFIX}${itemId}`] ?? "");
    out[itemId] = v.success ? v.data : "";
  }
  return out;
}

function draftsFrom(data: z.infer<typeof schema>): IndstillingDraftInput[] {
  const typed = typedFrom(data);
  return Object.entries(data.shown).map(([agendaItemId, was]) => ({ agendaItemId, text: typed[agendaItemId] ?? "", shown: was }));
}

/** «Gem indstillinger» on the dagsorden: the chair's or the topic's author's «Det indstilles, at …». */
export const agendaIndstilling = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.agendaIndstilling,
    schema,
    async (t, data) => {
      const { changed, effects } = await deps.meetings.draftIndstillinger(t.actor, data.meetingId, draftsFrom(data));
      return answer(await views.agenda(t.actor, data.meetingId, { feedback: { notice: strings.proposals.indstilling.saved(changed) }, typedTopic: topicFrom(data) }), effects);
    },
    (t, data, err) =>
      views.agenda(t.actor, data.meetingId, {
        feedback: { error: err.text, fieldErrors: err.fieldErrors },
        typedIndstillinger: err.code === "invalid-input" || err.code === "stale-card" ? typedFrom(data) : undefined,
        typedTopic: topicFrom(data),
      }),
  );
