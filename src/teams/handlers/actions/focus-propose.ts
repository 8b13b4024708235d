import { strings } from "../../../lib/strings.da.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { focusSchema, rowsFrom } from "./focus-save.js";

/** «Send forslaget»: the unit's leader proposes the focus areas before the loop's first læringssamtale. */
export const focusPropose = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.focusPropose,
    focusSchema,
    async (t, data) => {
      const { effects } = await deps.focusAreas.propose(t.actor, data.meetingId, rowsFrom(data), data.proposal ?? 0);
      return answer(await views.focusAreas(t.actor, data.meetingId, { feedback: { notice: strings.proposals.focus.sent } }), effects);
    },
    (t, data, err) =>
      views.focusAreas(t.actor, data.meetingId, {
        feedback: { error: err.text, fieldErrors: err.fieldErrors },
        // Refused or out of date: the card as it stands now, with what was typed (nothing is lost).
        typed: err.code === "invalid-input" || err.code === "stale-card" ? rowsFrom(data) : undefined,
      }),
  );
