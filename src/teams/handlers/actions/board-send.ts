import { strings } from "../../../lib/strings.da.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { boardStatementData as schema } from "./schemas.js";

/** The board representative sends (or corrects) the board's udtalelse; the agendas show it as input D. */
export const boardSend = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.boardSend,
    schema,
    async (t, data) => {
      const { effects } = await deps.boardStatements.send(t.actor, data.meetingId, data.statement, data.version === 0 ? undefined : data.version);
      const max = deps.config.maxTextLength;
      const full = data.statement.length === max ? ` ${strings.generic.atLimit(max)}` : "";
      return answer(await views.boardStatement(t.actor, data.meetingId, { feedback: { notice: `${strings.board.sentNotice}${full}` } }), effects);
    },
    (t, data, err) =>
      views.boardStatement(t.actor, data.meetingId, {
        feedback: { error: err.text, fieldErrors: err.fieldErrors },
        typed: err.code === "invalid-input" || err.code === "stale-card" ? data.statement : undefined,
      }),
  );
