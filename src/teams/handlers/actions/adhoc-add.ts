import { z } from "zod";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { id, optionalText, pickedId } from "./schemas.js";

/** The chair's «Tilføj deltager» on the add card: a person from the area, or a guest by name; answered with the dagsorden (decision 0022). */
const schema = z.object({ meetingId: id, adHocPersonId: pickedId, guestName: optionalText, guestEmail: optionalText, guestPhone: optionalText });

export const adHocAdd = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.adHocAdd,
    schema,
    async (t, data) => {
      const { notice, effects } = await deps.meetings.addAdHoc(t.actor, data.meetingId, { personId: data.adHocPersonId, guestName: data.guestName, guestEmail: data.guestEmail, guestPhone: data.guestPhone });
      return answer(await views.agenda(t.actor, data.meetingId, { feedback: { notice } }), effects);
    },
    (t, data, err) =>
      err.code === "invalid-input"
        ? // Nothing typed is lost: the add card comes back with it.
          views.adHoc(t.actor, data.meetingId, {
            feedback: { error: err.text, fieldErrors: err.fieldErrors },
            typed: { personId: data.adHocPersonId, guestName: data.guestName, guestEmail: data.guestEmail, guestPhone: data.guestPhone },
          })
        : views.agenda(t.actor, data.meetingId, { feedback: { error: err.text } }),
  );
