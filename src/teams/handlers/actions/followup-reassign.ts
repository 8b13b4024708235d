import { z } from "zod";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { id, version } from "./schemas.js";

/** The button names the input that holds its row's new owner (one ChoiceSet per follow-up). */
const schema = z.object({ followUpId: id, version, ownerInput: z.string().max(100) }).catchall(z.unknown());

/** «Giv videre»: the chief gives a follow-up whose owner has left to someone in the unit. */
export const followUpReassign = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.followUpReassign,
    schema,
    async (t, data) => {
      const picked = z.string().max(100).safeParse(data[data.ownerInput] ?? "");
      const { notice, effects } = await deps.followUps.reassign(t.actor, data.followUpId, data.version, picked.success ? picked.data.trim() : "");
      return answer(await views.reassign(t.actor, { feedback: { notice } }), effects);
    },
    (t, _data, err) => views.reassign(t.actor, { feedback: { error: err.text, fieldErrors: err.fieldErrors } }),
  );
