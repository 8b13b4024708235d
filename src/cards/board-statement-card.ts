import { strings } from "../lib/strings.da.js";
import { formatDateTime } from "../lib/format-da.js";
import type { BoardStatementView } from "../domain/board-statement-service.js";
import type { FocusArea } from "../domain/types.js";
import { fieldError, type CardFeedback } from "./feedback.js";
import { kindDefinite, kindLabel, meetingWhen } from "./meeting-labels.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface BoardStatementCardInput {
  view: BoardStatementView;
  focusAreas: FocusArea[];
  tz: string;
  maxLength: number;
  typed?: string;
  feedback?: CardFeedback;
}

/** The board representative's card before a later læringssamtale: the statement that becomes input D. */
export function boardStatementCardData({ view, focusAreas, tz, maxLength, typed, feedback }: BoardStatementCardInput) {
  const s = strings.board;
  const { meeting, statement } = view;
  return {
    title: s.title,
    subtitle: `${kindLabel(meeting)} · ${meeting.unit.name} · ${meetingWhen(meeting, tz)}`,
    notice: feedback?.notice ?? "",
    warning: "",
    error: feedback?.error ?? "",
    intro: s.intro(kindDefinite(meeting), meetingWhen(meeting, tz), meeting.unit.name),
    focusHeading: focusAreas.length ? s.focusHeading : "",
    focus: focusAreas.map((f) => ({ label: f.title })),
    label: s.label,
    placeholder: `${s.placeholder} ${strings.generic.maxLengthHint(maxLength)}`,
    maxLength,
    value: typed ?? statement?.text ?? "",
    statementError: fieldError(feedback, "statement"),
    editable: view.editable,
    status: statement ? s.sent(formatDateTime(statement.sentAt, tz)) : view.editable ? "" : s.closed,
    sendButton: statement ? s.sendChanges : s.send,
    meetingId: meeting.id,
    version: statement?.version ?? 0,
  };
}

export const buildBoardStatementCard = (input: BoardStatementCardInput): AdaptiveCard => expand("board-statement", boardStatementCardData(input));
