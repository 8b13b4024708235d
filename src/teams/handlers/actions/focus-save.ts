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
  .pipe(z.array(z.object({ id: id.optional(), version: version.optional() }).strict()).max(10));

const schema = z.object({ meetingId: id, rows: rowRefs }).catchall(z.unknown());

function rowsFrom(data: z.infer<typeof schema>): FocusAreaRowInput[] {
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
    };
  });
}

export const focusSave = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.focusSave,
    schema,
    async (t, data) => {
      const { effects } = await deps.focusAreas.save(t.actor, data.meetingId, rowsFrom(data));
      return answer(await views.focusAreas(t.actor, data.meetingId, { feedback: { notice: strings.focus.saved } }), effects);
    },
    (t, data, err) =>
      views.focusAreas(t.actor, data.meetingId, {
        feedback: { error: err.text, fieldErrors: err.fieldErrors },
        typed: err.code === "invalid-input" ? rowsFrom(data) : undefined,
      }),
  );
