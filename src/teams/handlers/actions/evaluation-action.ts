import { z } from "zod";
import type { EvaluationSubject } from "../../../domain/evaluation-service.js";
import type { Person } from "../../../domain/types.js";
import type { Effects } from "../../../domain/effects.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { id, localDate, version } from "./schemas.js";

const schema = z.object({ subject: z.enum(["followup", "focus", "initiative"]), id, version, newEvaluateOn: localDate.optional().default("") });

type Act = (deps: TeamsDeps, actor: Person, data: z.infer<typeof schema>) => Promise<{ notice: string; effects: Effects }>;

/** One of the evaluation card's three choices; the answer is the card, updated. */
function evaluationAction(verb: string, act: Act) {
  return (deps: TeamsDeps, views: Views) =>
    execute(
      deps,
      verb,
      schema,
      async (t, data) => {
        const { notice, effects } = await act(deps, t.actor, data);
        return answer(await views.evaluation(t.actor, data.subject as EvaluationSubject, data.id, { feedback: { notice } }), effects);
      },
      (t, data, err) => views.evaluation(t.actor, data.subject, data.id, { feedback: { error: err.text, fieldErrors: err.fieldErrors } }),
    );
}

export const evaluationExtend = evaluationAction(verbs.evaluationExtend, (deps, actor, d) => deps.evaluations.extend(actor, d.subject, d.id, d.version, d.newEvaluateOn));
export const evaluationEnd = evaluationAction(verbs.evaluationEnd, (deps, actor, d) => deps.evaluations.end(actor, d.subject, d.id, d.version));
export const evaluationNext = evaluationAction(verbs.evaluationNext, (deps, actor, d) => deps.evaluations.evaluateNext(actor, d.subject, d.id, d.version));
