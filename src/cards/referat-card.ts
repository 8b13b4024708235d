import { indstillingLines } from "../lib/text.js";
import { kindLabel } from "./meeting-labels.js";
import { strings } from "../lib/strings.da.js";
import { formatDateShort, formatDateTime, formatInstantDateCompact, formatTime } from "../lib/format-da.js";
import type { ReferatApprovalStatus } from "../domain/referat-approval-service.js";
import type { CardText } from "../lib/markup.js";
import type { ReferatView } from "../domain/form-service.js";
import type { FormRow } from "../domain/types.js";
import type { CardFeedback } from "./feedback.js";
import { followUpStatus } from "./followup-status.js";
import { errorLine, fieldError, initials, shorten } from "./feedback.js";
import { meetingHeader, type MeetingHeaderData } from "./meeting-labels.js";
import { fitLevels, SHORTENINGS } from "./budget.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface ReferatCardData extends MeetingHeaderData {
  intro: string;
  title: string;
  /** A corrected referat: when, and by whom. */
  correctedText: string;
  /** Reopened for corrections: this referat is in force until the corrected one comes. */
  reopenedText: string;
  /** A referat from the history: which, and that it has been corrected since. */
  earlierText: string;
  erasedText: string;
  error: CardText;
  /** The answer to the viewer's own click (approved, remark sent). */
  notice: CardText;
  decisionsLabel: string;
  recommendsLabel: string;
  items: { heading: string; recommendations: { text: string }[]; hasRecommendations: boolean; decisions: { text: string; followsUp: string }[]; hasDecisions: boolean }[];
  withoutDecisions: string;
  carriedHeading: string;
  carried: { text: string }[];
  openSummary: string;
  /** «Hent referat som PDF»: on the referat in force of a closed meeting (or one reopened: the referat as sent is in force). */
  pdfButton: string;
  /** «Se tidligere udgave»: the referat before the one shown. */
  earlierButton: string;
  earlierVersion: number;
  /** The card the button was pressed on, given back as it was: an earlier version (its number), or the one in force (0). */
  backVersion: number;
  /** «Genåbn mødet» with its confirmation, on the chair's copy while the meeting may be reopened. */
  reopenButton: string;
  reopenConfirm: string;
  reopenSubmit: string;
  meetingId: string;
  referatVersion: number;
  /** The copy was sent with its intro: a click on it gives it back the same way. */
  sentCopy: boolean;
  /** Who approved the referat in force, and who has not (decision 0027): on every copy, the chair's too. */
  approvalLine: string;
  /** The viewer approved it: when. */
  approvedText: string;
  /** «Godkend referat», for a participant asked who has not approved this version. */
  approveButton: string;
  /** «Bemærkning til referatet» with its text field, for a participant asked. */
  remarkButton: string;
  remarkLabel: string;
  remarkPlaceholder: string;
  remarkMax: number;
  remarkValue: string;
  remarkError: string;
  remarkSubmit: string;
  /** The referat version the buttons are about. */
  approvalVersion: number;
}

/** The approval part of the referat in force, for one viewer. */
export interface ReferatApprovalInput {
  status: ReferatApprovalStatus;
  viewerId: string;
  maxLength: number;
  /** A remark refused (empty, too long): what was typed, kept. */
  typedRemark?: string;
}

/** What the referat shows (the domain's view; the card's own defaults where it is optional), and how. */
export interface ReferatCardInput extends Omit<ReferatView, "earlier" | "erased" | "closing">, Partial<Pick<ReferatView, "earlier" | "erased" | "closing">> {
  today: string;
  tz: string;
  intro?: boolean;
  feedback?: CardFeedback;
  /** Who approved the referat (none: the card shows nothing of it, e.g. an earlier version). */
  approval?: ReferatApprovalInput;
}

/** «Godkendt af Megan Bowen 3.3.2027, Alex Wilber 4.3.2027 · mangler: Jonas …», or empty when nobody is asked. */
export function approvalLine(status: ReferatApprovalStatus, tz: string): string {
  const s = strings.referatApproval;
  if (!status.required && status.approvals.length === 0) return "";
  const pending = status.pending.map((p) => p.name).join(s.nameSeparator);
  if (status.approvals.length === 0) return s.nobodyYet(pending);
  const approved = s.approvedBy(status.approvals.map((a) => s.approvedByOne(a.name, formatInstantDateCompact(a.at, tz))).join(s.nameSeparator));
  return pending ? `${approved}${s.partSeparator}${s.pending(pending)}` : approved;
}

/** The minutes in the shape leaders know: «Punkt N: titel», «Beslutninger:», «(XX følger op)». */
/** `maxChars` shortens displayed texts, which the budget uses only when the full referat would not fit. */
export function referatCardData(
  { meeting, agendaItems, rows, openFollowUps, carried, shown, earlier = false, erased = false, closing, today, tz, intro, feedback, approval }: ReferatCardInput,
  maxChars = Infinity,
): ReferatCardData {
  const s = strings.referat;
  const version = shown?.version ?? 0;
  const cut = (t: string) => shorten(t, maxChars);
  const names = new Map(meeting.participants.map((p) => [p.person.id, p.person.name]));
  const decisionOf = (r: FormRow) => ({
    text: cut(r.decision),
    followsUp:
      r.followUpText && r.ownerId && r.dueDate
        ? `${cut(r.followUpText)} ${s.followsUp(initials(names.get(r.ownerId) ?? ""), formatDateShort(r.dueDate))}`
        : "",
  });
  // Like real minutes: the items with decisions in full, the others named in one line.
  const numbered = agendaItems
    .filter((it) => it.kind !== "carried")
    .map((it, i) => ({
      heading: s.item(i + 1, it.title, it.addedBy ? initials(it.addedBy.name) : ""),
      // «Det indstilles, at: 1. … 2. …», one per line as written in the form.
      recommendations: indstillingLines(it.recommendation).map((l, n) => ({ text: `${n + 1}. ${cut(l)}` })),
      decisions: rows.filter((r) => r.agendaItemId === it.id).map(decisionOf),
    }));
  const items = numbered
    .filter((it) => it.decisions.length > 0 || it.recommendations.length > 0)
    .map((it) => ({ ...it, hasRecommendations: it.recommendations.length > 0, hasDecisions: it.decisions.length > 0 }));
  const other = rows.filter((r) => !r.agendaItemId || !agendaItems.some((it) => it.id === r.agendaItemId));
  if (other.length > 0) items.push({ heading: s.other, recommendations: [], hasRecommendations: false, decisions: other.map(decisionOf), hasDecisions: true });
  const withoutDecisions = numbered.filter((it) => it.decisions.length === 0 && it.recommendations.length === 0).map((it) => it.heading);
  const a = strings.referatApproval;
  // Only the referat in force shows its approvals, and only its version is approved.
  const status = approval && !earlier && shown && approval.status.version === version ? approval.status : undefined;
  const viewer = approval?.viewerId ?? "";
  const mine = status?.approvals.find((x) => x.personId === viewer);
  const asked = !!status && (!!mine || status.pending.some((p) => p.personId === viewer));
  const data: ReferatCardData = {
    intro: intro && !earlier && !closing?.reopened ? (version > 1 ? s.introCorrected : s.intro) : "",
    title: version > 1 ? s.titleCorrected(kindLabel(meeting)) : s.title(kindLabel(meeting)),
    correctedText: shown && version > 1 ? s.corrected(formatDateTime(shown.closedAt, tz), shown.closedBy, version) : "",
    reopenedText: !earlier && closing?.reopened ? s.reopened(closing.reopened.by, formatDateTime(closing.reopened.at, tz)) : "",
    earlierText: shown && earlier ? s.earlier(version, closing?.referater.length ?? version, formatDateTime(shown.closedAt, tz)) : "",
    erasedText: erased ? s.erased : "",
    error: errorLine(feedback),
    notice: feedback?.notice ?? "",
    ...meetingHeader(meeting, tz),
    decisionsLabel: s.decisions,
    recommendsLabel: s.recommends,
    items,
    withoutDecisions: withoutDecisions.length ? s.withoutDecisions(withoutDecisions.join("; ")) : "",
    carriedHeading: carried.length ? s.carriedHeading : "",
    carried: carried.map((c) => ({ text: `${cut(c.followUp.text)} (${initials(c.owner.name)}): ${followUpStatus(c.followUp, today, tz).text}` })),
    openSummary: s.openFollowUps(openFollowUps),
    pdfButton: shown && !earlier && !erased ? strings.referatPdf.button : "",
    earlierButton: version > 1 ? s.earlierButton : "",
    earlierVersion: Math.max(1, version - 1),
    backVersion: earlier ? version : 0,
    reopenButton: !earlier && closing?.reopenUntil ? strings.closing.reopenButton : "",
    reopenConfirm: closing?.reopenUntil ? strings.closing.reopenConfirm(formatDateTime(closing.reopenUntil, tz)) : "",
    reopenSubmit: strings.closing.reopenSubmit,
    meetingId: meeting.id,
    referatVersion: meeting.referatVersion,
    sentCopy: !!intro,
    approvalLine: status ? cut(approvalLine(status, tz)) : "",
    approvedText: mine ? a.youApproved(formatInstantDateCompact(mine.at, tz), formatTime(mine.at, tz)) : "",
    approveButton: asked && !mine ? a.approveButton : "",
    remarkButton: asked ? a.remarkButton : "",
    remarkLabel: a.remarkLabel,
    remarkPlaceholder: `${a.remarkPlaceholder} ${strings.generic.maxLengthHint(approval?.maxLength ?? 0)}`,
    remarkMax: approval?.maxLength ?? 0,
    remarkValue: approval?.typedRemark ?? "",
    remarkError: fieldError(feedback, "remark"),
    remarkSubmit: a.remarkSubmit,
    approvalVersion: version,
  };
  return data;
}

/** The full referat, or with texts shortened step by step if it would not fit in a Teams card. */
export const buildReferatCard = (input: ReferatCardInput): AdaptiveCard => fitLevels(SHORTENINGS, (maxChars) => expand("referat", referatCardData(input, maxChars)));
