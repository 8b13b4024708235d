import { strings } from "../lib/strings.da.js";
import { formatDateShort, formatDateTime, formatInstantDateShort } from "../lib/format-da.js";
import type { MeetingKind, Unit } from "../domain/types.js";
import type { UnitStatus } from "../domain/channel-service.js";
import { shorten } from "./feedback.js";
import { kindLabel } from "./meeting-labels.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface UnitDetailCardInput {
  unit: Unit;
  status?: UnitStatus;
  open: { text: string; owner: string; dueDate: string }[];
  decisions: { text: string; meetingKind: MeetingKind; firstOfLoop: boolean; startsAt: Date }[];
  upcoming: { kind: MeetingKind; firstOfLoop: boolean; startsAt: Date }[];
  today: string;
  tz: string;
}

const MAX_TEXT = 200;

/** One unit for the channel: open follow-ups with owners, recent decisions, coming meetings. No reflections. */
export function unitDetailCardData({ unit, status, open, decisions, upcoming, today, tz }: UnitDetailCardInput) {
  const s = strings.channel;
  return {
    title: s.unitTitle(unit.name),
    facts: status ? [s.open(status.open), s.dueThisWeek(status.dueThisWeek), s.overdue(status.overdue), s.doneLast30(status.doneLast30), s.focusAreas(status.focusAreas), ...(status.congested ? [s.congested] : [])].join(" · ") : "",
    openHeading: s.unitOpen,
    openNone: open.length ? "" : s.unitOpenNone,
    open: open.map((f) => ({ text: s.unitItem(shorten(f.text, MAX_TEXT), f.owner, formatDateShort(f.dueDate), f.dueDate < today), color: f.dueDate < today ? "Attention" : "Default" })),
    decisionsHeading: s.unitDecisions,
    decisionsNone: decisions.length ? "" : s.unitDecisionsNone,
    decisions: decisions.map((d) => ({ text: s.unitDecision(shorten(d.text, MAX_TEXT), kindLabel({ kind: d.meetingKind, firstOfLoop: d.firstOfLoop }), formatInstantDateShort(d.startsAt, tz)) })),
    upcomingHeading: s.unitUpcoming,
    upcomingNone: upcoming.length ? "" : s.unitUpcomingNone,
    upcoming: upcoming.map((m) => ({ text: `${kindLabel(m)} ${formatDateTime(m.startsAt, tz)}` })),
    privacy: s.unitPrivacy,
  };
}

export const buildUnitDetailCard = (input: UnitDetailCardInput): AdaptiveCard => expand("unit-detail", unitDetailCardData(input));
