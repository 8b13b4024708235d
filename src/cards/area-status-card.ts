import { joinMarkup } from "../lib/markup.js";
import { strings } from "../lib/strings.da.js";
import { formatDateTime, formatInstantDateShort, formatTime } from "../lib/format-da.js";
import type { AreaStatus, UnitStatus } from "../domain/channel-service.js";
import { fitLevels } from "./budget.js";
import { shorten, type CardFeedback } from "./feedback.js";
import { kindLabel } from "./meeting-labels.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface AreaStatusCardInput {
  status: AreaStatus;
  tz: string;
  /** When the content last changed (shown as «Opdateret …»). */
  updatedAt: Date;
  feedback?: CardFeedback;
  /** The default period offered for the export. */
  exportPeriod: { from: string; to: string };
}

/** Fullest first: every unit with charts; then fewer units listed and shorter names (all stay in the picker). */
const LEVELS = [
  { units: Infinity, name: Infinity },
  { units: 40, name: 80 },
  { units: 20, name: 60 },
  { units: 10, name: 40 },
  { units: 10, name: 25 },
] as const;
const MONTH_NAMES = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."];
const OVERDUE_BARS = 8;

const monthLabel = (month: string) => `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(2, 4)}`;

const BAR_CELLS = 20;

/** A bar for the chart, and for its fallback a row of block characters (readable in any client). */
const bar = (label: string, value: number, max: number, suffix: string) => {
  const cells = max > 0 ? Math.round((value / max) * BAR_CELLS) : 0;
  return { label, value, text: `${value}${suffix}`, blocks: `${"█".repeat(cells)}${"░".repeat(BAR_CELLS - cells)}` };
};

function unitLine(u: UnitStatus, tz: string, nameMax: number) {
  const s = strings.channel;
  const facts = [s.open(u.open), s.dueThisWeek(u.dueThisWeek), s.overdue(u.overdue), s.doneLast30(u.doneLast30), s.focusAreas(u.focusAreas)];
  const next = u.nextMeeting
    ? s.nextMeeting(kindLabel(u.nextMeeting), `${formatInstantDateShort(u.nextMeeting.startsAt, tz)} kl. ${formatTime(u.nextMeeting.startsAt, tz)}`, u.nextMeeting.reflectionsSent, u.nextMeeting.reflectionsExpected)
    : s.noNextMeeting;
  return {
    name: joinMarkup([s.unitLine(shorten(u.unit.name, nameMax)), ...(u.congested ? [s.congested] : [])], " · "),
    color: u.congested || u.overdue > 0 ? "Attention" : "Default",
    facts: facts.join(" · "),
    next,
  };
}

/** The status card data for an area, listing at most `maxUnits` units. */
export function areaStatusCardData({ status, tz, updatedAt, feedback, exportPeriod }: AreaStatusCardInput, level: { units: number; name: number } = LEVELS[0]) {
  const maxUnits = level.units;
  const s = strings.channel;
  const shown = status.units.slice(0, maxUnits);
  const hidden = status.units.length - shown.length;
  const percents = status.completion.map((m) => (m.total > 0 ? Math.round((m.done / m.total) * 100) : 0));
  const overdue = status.units.filter((u) => u.overdue > 0).slice(0, OVERDUE_BARS);
  const maxOverdue = Math.max(0, ...overdue.map((u) => u.overdue));
  return {
    title: s.statusTitle(status.area.name),
    updated: s.statusUpdated(formatDateTime(updatedAt, tz)),
    notice: feedback?.notice ?? "",
    error: feedback?.error ?? "",
    noUnits: status.units.length === 0 ? s.noUnits : "",
    units: shown.map((u) => unitLine(u, tz, level.name)),
    more: hidden > 0 ? s.moreUnits(hidden) : "",
    showCharts: status.units.length > 0,
    completionTitle: s.completionTitle,
    completion: status.completion.map((m, i) => bar(monthLabel(m.month), percents[i]!, 100, " %")),
    overdueTitle: s.overdueTitle,
    noOverdue: overdue.length === 0 ? s.noOverdue : "",
    overdueBars: overdue.map((u) => bar(shorten(u.unit.name, Math.min(level.name, 40)), u.overdue, maxOverdue, "")),
    hasUnits: status.units.length > 0,
    unitPickLabel: s.unitPickLabel,
    unitPickPlaceholder: s.unitPickPlaceholder,
    datePlaceholder: strings.generic.datePlaceholder,
    dateRequired: strings.generic.invalidDate,
    unitChoices: status.units.map((u) => ({ title: shorten(u.unit.name, level.name), value: u.unit.id })),
    unitPickButton: s.unitPickButton,
    areaId: status.area.id,
    exportButton: s.exportButton,
    exportFrom: s.exportFrom,
    exportTo: s.exportTo,
    exportFromValue: exportPeriod.from,
    exportToValue: exportPeriod.to,
    exportSubmit: s.exportSubmit,
  };
}

/** The area's status card, as full as fits in a Teams card. */
export const buildAreaStatusCard = (input: AreaStatusCardInput): AdaptiveCard => fitLevels(LEVELS, (level) => expand("area-status", areaStatusCardData(input, level)));
