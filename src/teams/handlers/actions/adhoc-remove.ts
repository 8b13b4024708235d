import { z } from "zod";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { id, optionalText, pickedId } from "./schemas.js";

/** The chair's «Fjern» beside an ad hoc participant or a guest on the dagsorden, before the meeting (decision 0022). */
const schema = z.object({ meetingId: id, removePersonId: pickedId, removeGuestId: pickedId, topic: optionalText });

export const adHocRemove = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.adHocRemove,
    schema,
    async (t, data) => {
      const { notice, effects } = await deps.meetings.removeAdHoc(t.actor, data.meetingId, { personId: data.removePersonId, guestId: data.removeGuestId });
      // A topic typed on the dagsorden (Teams sends every input with the button) is kept, not lost.
      return answer(await views.agenda(t.actor, data.meetingId, { feedback: { notice }, typedTopic: data.topic || undefined }), effects);
    },
    (t, data, err) => views.agenda(t.actor, data.meetingId, { feedback: { error: err.text, fieldErrors: err.fieldErrors }, typedTopic: data.topic || undefined }),
  );
