import { z } from "zod";
import { strings } from "../../../lib/strings.da.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { answersFrom } from "./reflection-answers.js";
import { id, version } from "./schemas.js";

/** The card's inputs come along (q_<id>): text typed in the guide is never thrown away. */
const schema = z.object({ meetingId: id, version }).catchall(z.unknown());

/**
 * «Intet nyt»: the leader answers a 1:1 guide in one tap. A second tap finds it answered and changes
 * nothing. A tap with text typed in the guide is refused, and the text stays in the card.
 */
export const reflectionNothingNew = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.reflectionNothingNew,
    schema,
    async (t, data) => {
      const { effects } = await deps.reflections.nothingNew(t.actor, data.meetingId, data.version === 0 ? undefined : data.version, answersFrom(data));
      return answer(await views.reflection(t.actor, data.meetingId, { editing: false, feedback: { notice: strings.reflection.nothingNewNotice } }), effects);
    },
    (t, data, err) => {
      const typed = answersFrom(data);
      const kept = Object.values(typed).some((a) => a !== "");
      return views.reflection(t.actor, data.meetingId, { ...(kept ? { editing: true, typed } : {}), feedback: { error: err.text } });
    },
  );
