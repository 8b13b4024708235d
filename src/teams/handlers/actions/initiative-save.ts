import { z } from "zod";
import { strings } from "../../../lib/strings.da.js";
import type { InitiativeInput } from "../../../domain/initiative-service.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { localDate, optionalText } from "./schemas.js";

/** A multi-select ChoiceSet arrives as one comma-separated string. */
const scope = z
  .string()
  .max(4000)
  .optional()
  .default("")
  .transform((s) => [...new Set(s.split(",").map((v) => v.trim()).filter(Boolean))].slice(0, 200));

const schema = z.object({
  requestId: z.string().uuid(),
  title: optionalText,
  scope,
  fromDate: localDate.optional().default(""),
  evaluateOn: localDate.optional().default(""),
});

const inputOf = (data: z.infer<typeof schema>): InitiativeInput => ({
  title: data.title,
  scope: data.scope,
  fromDate: data.fromDate || undefined,
  evaluateOn: data.evaluateOn || undefined,
  requestId: data.requestId,
});

/** `initiative.save`: the chief registers a forvaltning initiative (once per card, however often it is sent). */
export const initiativeSave = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.initiativeSave,
    schema,
    async (t, data) => {
      const { initiative, created, effects } = await deps.initiatives.register(t.actor, inputOf(data));
      const notice = created ? strings.initiatives.saved(initiative.title) : strings.initiatives.alreadySaved(initiative.title);
      return answer(await views.initiatives(t.actor, { feedback: { notice } }), effects);
    },
    // What was typed stays in the card, with the same one-time id: a corrected submit still registers one.
    (t, data, err) =>
      views.initiatives(t.actor, {
        requestId: data.requestId,
        typed: err.code === "invalid-input" ? { title: data.title, scope: data.scope, fromDate: data.fromDate || undefined, evaluateOn: data.evaluateOn || undefined } : undefined,
        feedback: { error: err.text, fieldErrors: err.fieldErrors },
      }),
  );
