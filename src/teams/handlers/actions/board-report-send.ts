import { z } from "zod";
import { strings } from "../../../lib/strings.da.js";
import { BOARD_REPORT_ROWS } from "../../../cards/board-report-card.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { id, localDate, optionalText } from "./schemas.js";

const rowFields = Object.fromEntries(
  Array.from({ length: BOARD_REPORT_ROWS }, (_, i) => [
    [`followup_${i}`, optionalText],
    [`owner_${i}`, z.string().max(100).optional().default("")],
    [`due_${i}`, localDate.optional().default("")],
  ]).flat(),
) as Record<string, z.ZodType<string>>;
const schema = z.object({ meetingId: id, followedUp: optionalText, ...rowFields });
type Data = z.infer<typeof schema> & Record<string, string>;

const rowsOf = (data: Data) =>
  Array.from({ length: BOARD_REPORT_ROWS }, (_, i) => ({ text: data[`followup_${i}`] ?? "", ownerId: data[`owner_${i}`] ?? "", dueDate: data[`due_${i}`] ?? "" }));

/** The board chair sends the yearly afrapportering; the chief gets it, and its follow-ups are like any others. */
export const boardReportSend = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.boardReportSend,
    schema,
    async (t, data) => {
      const { effects } = await deps.boardReports.send(t.actor, data.meetingId, data.followedUp, rowsOf(data as Data));
      return answer(await views.boardReport(t.actor, data.meetingId, { feedback: { notice: strings.theBoard.reportSentNotice } }), effects);
    },
    (t, data, err) =>
      views.boardReport(t.actor, data.meetingId, {
        feedback: { error: err.text, fieldErrors: err.fieldErrors },
        typed: err.code === "invalid-input" || err.code === "stale-card" ? { followedUp: data.followedUp, rows: rowsOf(data as Data) } : undefined,
      }),
  );
