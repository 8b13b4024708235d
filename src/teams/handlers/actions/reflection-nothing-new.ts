import { z } from "zod";
import { strings } from "../../../lib/strings.da.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { id, version } from "./schemas.js";

const schema = z.object({ meetingId: id, version });

/** «Intet nyt»: the leader answers a 1:1 guide in one tap. A second tap finds it answered and changes nothing. */
export const reflectionNothingNew = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.reflectionNothingNew,
    schema,
    async (t, data) => {
      const { effects } = await deps.reflections.nothingNew(t.actor, data.meetingId, data.version === 0 ? undefined : data.version);
      return answer(await views.reflection(t.actor, data.meetingId, { editing: false, feedback: { notice: strings.reflection.nothingNewNotice } }), effects);
    },
    (t, data, err) => views.reflection(t.actor, data.meetingId, { feedback: { error: err.text } }),
  );
