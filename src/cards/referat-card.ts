import { kindLabel } from "./meeting-labels.js";
import { strings } from "../lib/strings.da.js";
import { formatDateShort } from "../lib/format-da.js";
import type { AgendaItem, FollowUp, FollowUpView, FormRow, Meeting } from "../domain/types.js";
import { followUpStatus } from "./followup-status.js";
import { initials, shorten } from "./feedback.js";
import { meetingHeader, type MeetingHeaderData } from "./meeting-labels.js";
import { fitLevels, SHORTENINGS } from "./budget.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface ReferatCardData extends MeetingHeaderData {
  intro: string;
  title: string;
  decisionsLabel: string;
  recommendsLabel: string;
  items: { heading: string; recommendations: { text: string }[]; hasRecommendations: boolean; decisions: { text: string; followsUp: string }[]; hasDecisions: boolean }[];
  withoutDecisions: string;
  carriedHeading: string;
  carried: { text: string }[];
  openSummary: string;
}

export interface ReferatCardInput {
  meeting: Meeting;
  agendaItems: AgendaItem[];
  rows: FormRow[];
  followUps: FollowUp[];
  /** Follow-ups from earlier 1:1s that were on this meeting's agenda, as they stand now. */
  carried: FollowUpView[];
  today: string;
  tz: string;
  intro?: boolean;
}

/** The minutes in the shape leaders know: «Punkt N: titel», «Beslutninger:», «(XX følger op)». */
/** `maxChars` shortens displayed texts, which the budget uses only when the full referat would not fit. */
export function referatCardData({ meeting, agendaItems, rows, followUps, carried, today, tz, intro }: ReferatCardInput, maxChars = Infinity): ReferatCardData {
  const s = strings.referat;
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
      recommendations: (it.recommendation ?? "")
        .split(/\n+/)
        .map((l) => l.trim())
        .filter(Boolean)
        .map((l, n) => ({ text: `${n + 1}. ${cut(l)}` })),
      decisions: rows.filter((r) => r.agendaItemId === it.id).map(decisionOf),
    }));
  const items = numbered
    .filter((it) => it.decisions.length > 0 || it.recommendations.length > 0)
    .map((it) => ({ ...it, hasRecommendations: it.recommendations.length > 0, hasDecisions: it.decisions.length > 0 }));
  const other = rows.filter((r) => !r.agendaItemId || !agendaItems.some((it) => it.id === r.agendaItemId));
  if (other.length > 0) items.push({ heading: s.other, recommendations: [], hasRecommendations: false, decisions: other.map(decisionOf), hasDecisions: true });
  const withoutDecisions = numbered.filter((it) => it.decisions.length === 0 && it.recommendations.length === 0).map((it) => it.heading);
  const open = followUps.filter((f) => f.status === "open").length;
  const data: ReferatCardData = {
    intro: intro ? s.intro : "",
    title: s.title(kindLabel(meeting)),
    ...meetingHeader(meeting, tz),
    decisionsLabel: s.decisions,
    recommendsLabel: s.recommends,
    items,
    withoutDecisions: withoutDecisions.length ? s.withoutDecisions(withoutDecisions.join("; ")) : "",
    carriedHeading: carried.length ? s.carriedHeading : "",
    carried: carried.map((c) => ({ text: `${cut(c.followUp.text)} (${initials(c.owner.name)}): ${followUpStatus(c.followUp, today, tz).text}` })),
    openSummary: s.openFollowUps(open),
  };
  return data;
}

/** The full referat, or with texts shortened step by step if it would not fit in a Teams card. */
export const buildReferatCard = (input: ReferatCardInput): AdaptiveCard => fitLevels(SHORTENINGS, (maxChars) => expand("referat", referatCardData(input, maxChars)));
