import { z } from "zod";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { id, optionalText, pickedId } from "./schemas.js";

/** The chair's «Tilføj deltager» on the dagsorden: a person from the organisation, or a guest by name (decision 0022). */
const schema = z.object({ meetingId: id, adHocPersonId: pickedId, guestName: optionalText, guestEmail: optionalText, guestPhone: optionalText, topic: optionalText });

export const adHocAdd = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.adHocAdd,
    schema,
    async (t, data) => {
      const { notice, effects } = await deps.meetings.addAdHoc(t.actor, data.meetingId, { personId: data.adHocPersonId, guestName: data.guestName, guestEmail: data.guestEmail, guestPhone: data.guestPhone });
      // A topic typed on the same card (Teams sends every input with the button) is kept, not lost.
      return answer(await views.agenda(t.actor, data.meetingId, { feedback: { notice }, typedTopic: data.topic || undefined }), effects);
    },
    (t, data, err) =>
      views.agenda(t.actor, data.meetingId, {
        feedback: { error: err.text, fieldErrors: err.fieldErrors },
        typedTopic: data.topic || undefined,
        // Nothing typed is lost: the card comes back with it.
        typedAdHoc: err.code === "invalid-input" ? { personId: data.adHocPersonId, guestName: data.guestName, guestEmail: data.guestEmail, guestPhone: data.guestPhone } : undefined,
      }),
  );
