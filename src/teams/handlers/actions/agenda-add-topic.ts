import { z } from "zod";
import { strings } from "../../../lib/strings.da.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { editedIndstillinger } from "./agenda-indstilling.js";
import { id, optionalText } from "./schemas.js";

const schema = z.object({ meetingId: id, topic: optionalText }).catchall(z.unknown());

export const agendaAddTopic = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.agendaAddTopic,
    schema,
    async (t, data) => {
      const { othersWithAgenda, others, effects } = await deps.meetings.addTopic(t.actor, data.meetingId, data.topic);
      // Indstillinger typed on the same card and not saved yet stay in their fields.
      return answer(await views.agenda(t.actor, data.meetingId, { feedback: { notice: strings.agenda.topicAdded(othersWithAgenda, others) }, typedIndstillinger: editedIndstillinger(data) }), effects);
    },
    (t, data, err) =>
      views.agenda(t.actor, data.meetingId, { feedback: { error: err.text, fieldErrors: err.fieldErrors }, typedTopic: err.code === "invalid-input" ? data.topic : undefined, typedIndstillinger: editedIndstillinger(data) }),
  );
