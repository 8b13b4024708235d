import { strings } from "../lib/strings.da.js";
import { formatDateShort } from "../lib/format-da.js";
import type { AgendaItem, FollowUp, FormRow, Meeting } from "../domain/types.js";
import { initials } from "./feedback.js";
import { meetingHeader, type MeetingHeaderData } from "./meeting-labels.js";
import { fitToBudget } from "./budget.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface ReferatCardData extends MeetingHeaderData {
  intro: string;
  title: string;
  decisionsLabel: string;
  noDecisions: string;
  items: { heading: string; decisions: { text: string; followsUp: string }[] }[];
  openSummary: string;
}

export interface ReferatCardInput {
  meeting: Meeting;
  agendaItems: AgendaItem[];
  rows: FormRow[];
  followUps: FollowUp[];
  tz: string;
  intro?: boolean;
}

/** The minutes in the shape leaders know: «Punkt N: titel», «Beslutninger:», «(XX følger op)». */
/** `maxChars` shortens displayed texts, which the budget uses only when the full referat would not fit. */
export function referatCardData({ meeting, agendaItems, rows, followUps, tz, intro }: ReferatCardInput, maxChars = Infinity): ReferatCardData {
  const s = strings.referat;
  const cut = (t: string) => (t.length > maxChars ? `${t.slice(0, maxChars - 1)}…` : t);
  const names = new Map(meeting.participants.map((p) => [p.person.id, p.person.name]));
  const decisionOf = (r: FormRow) => ({
    text: cut(r.decision),
    followsUp:
      r.followUpText && r.ownerId && r.dueDate
        ? `${cut(r.followUpText)} ${s.followsUp(initials(names.get(r.ownerId) ?? ""), formatDateShort(r.dueDate))}`
        : "",
  });
  let n = 0;
  const items = agendaItems
    .filter((it) => it.kind !== "carried")
    .map((it) => {
      n += 1;
      const byInitials = it.addedBy ? initials(it.addedBy.name) : "";
      return { heading: s.item(n, it.title, byInitials), decisions: rows.filter((r) => r.agendaItemId === it.id).map(decisionOf) };
    });
  const other = rows.filter((r) => !r.agendaItemId || !agendaItems.some((it) => it.id === r.agendaItemId));
  if (other.length > 0) items.push({ heading: s.other, decisions: other.map(decisionOf) });
  const open = followUps.filter((f) => f.status === "open").length;
  const data: ReferatCardData = {
    intro: intro ? s.intro : "",
    title: s.title,
    ...meetingHeader(meeting, tz),
    decisionsLabel: s.decisions,
    noDecisions: s.noDecisions,
    items,
    openSummary: s.openFollowUps(open),
  };
  return data;
}

const SHORTENINGS = [Infinity, 300, 150, 60];

/** The full referat, or with texts shortened step by step if it would not fit in a Teams card. */
export const buildReferatCard = (input: ReferatCardInput): AdaptiveCard =>
  fitToBudget(SHORTENINGS.length - 1, 0, (n) => expand("referat", referatCardData(input, SHORTENINGS[SHORTENINGS.length - 1 - n])));
