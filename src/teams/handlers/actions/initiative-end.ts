import { z } from "zod";
import { strings } from "../../../lib/strings.da.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { id, version } from "./schemas.js";

/** Only from the card's confirmation («Ja, afslut indsatsen»), as closing a meeting. */
const schema = z.object({ id, version, confirmed: z.literal(true) });

/**
 * `initiative.end`: «Afslut» on the initiatives card, after its question. The initiative ends as
 * at its evaluation (the evaluation service's rule: who may, audit, re-evaluation, the evaluation
 * card cancelled); the answer is the list again, with it marked ended.
 */
export const initiativeEnd = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.initiativeEnd,
    schema,
    async (t, data) => {
      const shown = (await deps.initiatives.view(t.actor)).initiatives.find((i) => i.id === data.id);
      const { notice, effects } = await deps.evaluations.end(t.actor, "initiative", data.id, data.version);
      return answer(await views.initiatives(t.actor, { feedback: { notice: shown ? strings.weightFixes.initiativeEnded(shown.title) : notice }, ended: shown && { ...shown, status: "ended" } }), effects);
    },
    (t, _data, err) => views.initiatives(t.actor, { feedback: { error: err.text } }),
  );
