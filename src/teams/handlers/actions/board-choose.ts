import { z } from "zod";
import { strings } from "../../../lib/strings.da.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { id } from "./schemas.js";

const schema = z.object({ meetingId: id, mode: z.enum(["statement", "participation"]) });

/** «Udtalelse» / «Deltagelse» on a later læringssamtale's dagsorden: the chair chooses how the board takes part. */
export const boardChoose = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.boardChoose,
    schema,
    async (t, data) => {
      const { effects } = await deps.meetings.chooseBoardMode(t.actor, data.meetingId, data.mode);
      const notice = data.mode === "statement" ? strings.theBoard.chosenStatement : strings.theBoard.chosenParticipation;
      return answer(await views.agenda(t.actor, data.meetingId, { feedback: { notice } }), effects);
    },
    (t, data, err) => views.agenda(t.actor, data.meetingId, { feedback: { error: err.text } }),
  );
