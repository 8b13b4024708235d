import { z } from "zod";
import { strings } from "../../../lib/strings.da.js";
import { focusInputs } from "../../../cards/focus-areas-card.js";
import type { FocusAreaRowInput } from "../../../domain/focus-area-service.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { id, localDate, text, version } from "./schemas.js";

/** The rows the card showed: ids and versions, as JSON in the card's data. */
const rowRefs = z
  .string()
  .max(4000)
  .transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "rows is not JSON" });
      return z.NEVER;
    }
  })
  .pipe(z.array(z.object({ id: id.optional(), version: version.optional(), proposed: z.boolean().optional() }).strict()).max(10));

/** The version of the leader's proposal the card showed ("0": none; absent on cards from before proposals). */
const proposal = z.string().max(12).regex(/^\d+$/).transform(Number).optional();

export const focusSchema = z.object({ meetingId: id, rows: rowRefs, proposal }).catchall(z.unknown());
const schema = focusSchema;

export function rowsFrom(data: z.infer<typeof schema>): FocusAreaRowInput[] {
  const value = (key: string, s: z.ZodTypeAny = text) => {
    const v = s.safeParse(data[key] ?? "");
    return v.success ? String(v.data) : "";
  };
  return data.rows.map((ref, i) => {
    const names = focusInputs(i);
    return {
      id: ref.id,
      version: ref.version,
      themeId: value(names.theme, id) || undefined,
      title: value(names.title),
      evaluateOn: value(names.evaluate, localDate) || undefined,
      end: value(names.end) === "true",
      proposed: ref.proposed,
    };
  });
}

export const focusSave = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.focusSave,
    schema,
    async (t, data) => {
      const { effects } = await deps.focusAreas.save(t.actor, data.meetingId, rowsFrom(data), data.proposal);
      const approved = data.proposal !== undefined && data.proposal > 0;
      return answer(await views.focusAreas(t.actor, data.meetingId, { feedback: { notice: approved ? strings.proposals.focus.approved : strings.focus.saved } }), effects);
    },
    (t, data, err) =>
      views.focusAreas(t.actor, data.meetingId, {
        feedback: { error: err.text, fieldErrors: err.fieldErrors },
        // Refused or out of date: the card as it stands now, with what was typed (nothing is lost).
        typed: err.code === "invalid-input" || err.code === "stale-card" ? rowsFrom(data) : undefined,
      }),
  );
