import type { TeamsDeps } from "../../deps.js";
import { execute } from "../../turn.js";
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
      const { already } = await deps.meetings.cancel(t.actor, data.meetingId);
      if (!already) {
        deps.refreshCardCopies("agenda", data.meetingId, t.context.activity.replyToId);
        deps.kickDelivery();
      }
      return views.agenda(t.actor, data.meetingId, { feedback: { notice: already ? strings.meeting.cancelAlready : strings.meeting.cancelDone } });
    },
    (t, data, err) => views.agenda(t.actor, data.meetingId, { feedback: { error: err.text } }),
  );
