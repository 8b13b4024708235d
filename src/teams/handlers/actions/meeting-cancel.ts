import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { strings } from "../../../lib/strings.da.js";
import { meetingRef } from "./schemas.js";

/** «Aflys mødet» on the agenda: the chair cancels; the agenda shows it, everywhere it was posted. */
export const meetingCancel = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.meetingCancel,
    meetingRef,
    async (t, data) => {
      const { already, effects } = await deps.meetings.cancel(t.actor, data.meetingId);
      return answer(await views.agenda(t.actor, data.meetingId, { feedback: { notice: already ? strings.meeting.cancelAlready : strings.meeting.cancelDone } }), effects);
    },
    (t, data, err) => views.agenda(t.actor, data.meetingId, { feedback: { error: err.text } }),
  );
