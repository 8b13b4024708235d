import { strings } from "../lib/strings.da.js";
import { formatDateShort, formatDateTime } from "../lib/format-da.js";
import type { BoardReportFollowUpInput, BoardReportView } from "../domain/board-report-service.js";
import { fieldError, type CardFeedback } from "./feedback.js";
import { expand, type AdaptiveCard } from "./template.js";

/** How many follow-up rows the card offers (the board agrees few things; more goes in the next year's). */
export const BOARD_REPORT_ROWS = 3;

export interface BoardReportCardInput {
  view: BoardReportView;
  tz: string;
  maxLength: number;
  /** What was typed, when sending was refused: nothing typed is lost. */
  typed?: { followedUp: string; rows: BoardReportFollowUpInput[] };
  feedback?: CardFeedback;
  /** The chief's copy: what the board sent, with a line on what the chief can do. */
  received?: boolean;
}

/** The board chair's yearly afrapportering (a selvejende dagtilbud), and the chief's copy of what was sent. */
export function boardReportCardData({ view, tz, maxLength, typed, feedback, received }: BoardReportCardInput) {
  const s = strings.theBoard;
  const { meeting, report } = view;
  const ownerName = (id: string) => view.owners.find((p) => p.id === id)?.name ?? "";
  const owners = view.owners.map((p) => ({ id: p.id, name: p.name }));
  return {
    title: s.reportTitle(view.year),
    subtitle: meeting.unit.name,
    notice: feedback?.notice ?? "",
    error: feedback?.error ?? "",
    intro: received ? s.reportReceivedIntro(meeting.unit.name) : s.reportIntro(meeting.unit.name),
    label: s.reportLabel,
    placeholder: `${s.reportPlaceholder} ${strings.generic.maxLengthHint(maxLength)}`,
    maxLength,
    value: typed?.followedUp ?? report?.followedUp ?? "",
    followedUpError: fieldError(feedback, "followedUp"),
    editable: view.editable,
    followUpsHeading: view.editable || view.followUps.length ? s.reportFollowUpsHeading : "",
    rows: view.editable
      ? Array.from({ length: BOARD_REPORT_ROWS }, (_, index) => {
          const row = typed?.rows[index];
          return {
            index,
            label: s.reportFollowUpLabel(index + 1),
            text: row?.text ?? "",
            ownerId: row?.ownerId ?? "",
            dueDate: row?.dueDate ?? "",
            ownerLabel: s.reportOwnerLabel,
            ownerPlaceholder: s.reportOwnerPlaceholder,
            dueLabel: s.reportDueLabel,
            owners,
            textError: fieldError(feedback, `followup_${index}`),
            ownerError: fieldError(feedback, `owner_${index}`),
            dueError: fieldError(feedback, `due_${index}`),
          };
        })
      : [],
    sentFollowUps: view.followUps.map((f) => ({ label: s.reportFollowUp(f.text, ownerName(f.ownerId), formatDateShort(f.dueDate)) })),
    status: report ? s.reportSent(formatDateTime(report.sentAt, tz), ownerName(report.authorId)) : "",
    datePlaceholder: strings.generic.datePlaceholder,
    sendButton: s.reportSend,
    meetingId: meeting.id,
  };
}

export const buildBoardReportCard = (input: BoardReportCardInput): AdaptiveCard => expand("board-report", boardReportCardData(input));
