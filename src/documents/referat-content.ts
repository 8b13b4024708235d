import { indstillingLines } from "../lib/text.js";
import type { ReferatView } from "../domain/form-service.js";
import type { ReferatApprovalLine } from "../domain/referat-file-service.js";
import type { FormRow, Meeting } from "../domain/types.js";
import { formatDateLong, formatDateShort, formatDateTime, formatTime } from "../lib/format-da.js";
import { strings } from "../lib/strings.da.js";
import { localDateOf } from "../lib/zoned-time.js";
import { initials } from "../cards/feedback.js";
import { followUpStatus } from "../cards/followup-status.js";

export interface ReferatContentInput {
  /** The referat in force (ReferatView of a closed meeting: `shown` is set). */
  referat: ReferatView;
  /** Where its approval stands (absent: no approval round, and the referat says nothing of one). */
  approval?: ReferatApprovalLine;
  tz: string;
  /** Today (yyyy-mm-dd in tz): how the carried follow-ups stand, as the referat card says it. */
  today: string;
  /** Where the meeting was held, when known. */
  place?: string;
}

/** One agenda item in the minutes: «Punkt N: titel», «Det indstilles, at:», «Beslutning:». */
export interface ReferatContentItem {
  heading: string;
  /** «Det indstilles, at:» one per line as written in the form (numbered when drawn: 1., 2., …). */
  recommendations: string[];
  decisions: { text: string; followsUp: string }[];
}

/** What the referat PDF says, in order: plain texts (people's own text stays text: nothing is interpreted). */
export interface ReferatContent {
  title: string;
  /** A corrected referat: which version, when and by whom. */
  corrected: string;
  facts: { label: string; value: string }[];
  participants: string[];
  items: ReferatContentItem[];
  withoutDecisions: string;
  carriedHeading: string;
  carried: string[];
  approval: string[];
  /** For the document's metadata and footer. */
  subject: string;
  footer: string;
}

/** «A, B og C». */
const list = (names: string[]): string => (names.length > 1 ? `${names.slice(0, -1).join(", ")}${strings.referatPdf.and}${names.at(-1)}` : names.join(""));

/** The kind of meeting as the referat names it («Læringssamtale», «1:1 ledelsesopfølgning»). */
const kindOf = (m: Meeting): string => strings.meeting.kinds[m.kind];

/**
 * The referat in the municipality's minutes shape (seed 002): the title, «Tid», «Sted»,
 * «Deltagere» with their roles, each «Punkt N» with its indstilling and decisions and
 * «(XX følger op)», the carried follow-ups, and the approval line. Reflections are not part of a
 * ReferatView, so they cannot appear here.
 */
export function referatContent({ referat, approval, tz, today, place }: ReferatContentInput): ReferatContent {
  const s = strings.referatPdf;
  const { meeting, agendaItems, rows, carried, shown } = referat;
  const names = new Map(meeting.participants.map((p) => [p.person.id, p.person.name]));
  const end = new Date(meeting.startsAt.getTime() + meeting.durationMinutes * 60_000);
  const date = localDateOf(meeting.startsAt, tz);
  const roles = strings.meeting.roles as Record<string, string>;
  // A guest the chair added (a person outside the organisation file, role ad hoc) is named as the cards name them: «Anne Holm (gæst)».
  const participants = meeting.participants.map((p) => (p.person.origin === "guest" ? s.guest(p.person.name) : s.participant(p.person.name, roles[p.role] ?? p.role)));
  const decisionOf = (r: FormRow) => ({
    text: r.decision,
    followsUp: r.followUpText && r.ownerId && r.dueDate ? s.followsUp(r.followUpText, formatDateShort(r.dueDate), initials(names.get(r.ownerId) ?? "")) : "",
  });
  const numbered = agendaItems
    .filter((it) => it.kind !== "carried")
    .map((it, i) => ({
      heading: s.item(i + 1, it.title, it.addedBy ? initials(it.addedBy.name) : ""),
      recommendations: indstillingLines(it.recommendation),
      decisions: rows.filter((r) => r.agendaItemId === it.id).map(decisionOf),
    }));
  const items: ReferatContentItem[] = numbered.filter((it) => it.decisions.length > 0 || it.recommendations.length > 0);
  const other = rows.filter((r) => !r.agendaItemId || !agendaItems.some((it) => it.id === r.agendaItemId));
  if (other.length > 0) items.push({ heading: s.other, recommendations: [], decisions: other.map(decisionOf) });
  const without = numbered.filter((it) => it.decisions.length === 0 && it.recommendations.length === 0).map((it) => it.heading);

  const approvalLines = (): string[] => {
    if (!approval) return [];
    if (!approval.required) {
      // A 1:1 is not asked (by setting); a læringssamtale not asked was closed before approval
      // existed, or its texts were erased: the PDF then says nothing it cannot know.
      if (approval.approvals.length > 0) return [s.approved(list(approval.approvals.map((a) => s.approvedBy(a.name, formatDateLong(localDateOf(a.at, tz)).replace(/^\S+ den /, "")))))];
      return meeting.kind === "laeringssamtale" ? [] : [s.notRequired];
    }
    const lines: string[] = [];
    if (approval.approvals.length > 0) lines.push(s.approved(list(approval.approvals.map((a) => s.approvedBy(a.name, formatDateLong(localDateOf(a.at, tz)).replace(/^\S+ den /, ""))))));
    if (approval.pending.length > 0) lines.push(s.pending(list(approval.pending.map((p) => p.name))));
    return lines.length ? lines : [s.notRequired];
  };

  const facts = [{ label: s.time, value: s.when(formatDateTime(meeting.startsAt, tz), formatTime(end, tz)) }];
  if (place) facts.push({ label: s.place, value: place });
  facts.push({ label: s.unit, value: meeting.unit.name });
  return {
    title: s.title(kindOf(meeting), meeting.unit.name),
    corrected: shown && shown.version > 1 ? s.corrected(shown.version, formatDateTime(shown.closedAt, tz), shown.closedBy) : "",
    facts,
    participants,
    items,
    withoutDecisions: without.length ? s.withoutDecisions(without.join("; ")) : "",
    carriedHeading: carried.length ? s.carriedHeading : "",
    carried: carried.map((c) => `${c.followUp.text} (${initials(c.owner.name)}): ${followUpStatus(c.followUp, today, tz).text}`),
    approval: approvalLines(),
    subject: s.subject(kindOf(meeting), meeting.unit.name, formatDateShort(date)),
    footer: s.footer(meeting.unit.name, formatDateShort(date)),
  };
}

/** The file name for the case system (ESDH): `2027-03-03 Solsikken Læringssamtale.pdf`. */
export function referatFileName(meeting: Meeting, tz: string): string {
  const safe = (t: string) => t.replace(/[\\/:*?"<>|\p{Cc}]+/gu, "-").replace(/\s+/g, " ").trim();
  return `${localDateOf(meeting.startsAt, tz)} ${safe(meeting.unit.name)} ${safe(strings.referatPdf.fileKinds[meeting.kind])}.pdf`;
}
