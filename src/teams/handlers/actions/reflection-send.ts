import { strings } from "../../../lib/strings.da.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { answersFrom } from "./reflection-answers.js";
import { reflectionData as schema } from "./schemas.js";

export const reflectionSend = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.reflectionSend,
    schema,
    async (t, data) => {
      const answers = answersFrom(data);
      const { view, effects } = await deps.reflections.send(t.actor, data.meetingId, answers, data.version === 0 ? undefined : data.version);
      const max = deps.config.maxTextLength;
      const full = Object.values(answers).some((a) => a.length === max) ? ` ${strings.generic.atLimit(max)}` : "";
      const notice = view.reflection?.nothingNew ? strings.reflection.nothingNewNotice : `${strings.reflection.sentNotice}${full}`;
      return answer(await views.reflection(t.actor, data.meetingId, { editing: false, feedback: { notice } }), effects);
    },
    (t, data, err) =>
      views.reflection(t.actor, data.meetingId, {
        editing: err.code === "invalid-input" || err.code === "stale-card",
        typed: err.code === "invalid-input" || err.code === "stale-card" ? answersFrom(data) : undefined,
        feedback: { error: err.text, fieldErrors: err.fieldErrors },
      }),
  );
