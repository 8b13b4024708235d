import { strings } from "../lib/strings.da.js";
import { formatDateLong, formatInstantDateShort } from "../lib/format-da.js";
import { addDays, compareDates } from "../lib/zoned-time.js";
import type { IntentionLoad } from "../domain/congestion-service.js";
import type { YearWheelEntry } from "../domain/ports.js";
import type { YearWheelView } from "../domain/year-wheel-service.js";
import { fitLevels } from "./budget.js";
import { fieldError, shorten, type CardFeedback } from "./feedback.js";
import { kindLabel } from "./meeting-labels.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface YearWheelCardInput {
  view: YearWheelView;
  tz: string;
  workday: { start: string; end: string };
  load?: IntentionLoad;
  feedback?: CardFeedback;
  typed?: { entryId?: string; date?: string; time?: string };
  /** When not every 1:1 with a pædagogisk leder fits the card: whose to list (and move). */
  showPersonId?: string;
  /** «Føj til kalender»: one .ics with the person's meetings of the confirmed wheel (false: nothing about calendars). */
  calendar?: boolean;
}

/** Names in the lists are cut so that a long one cannot crowd out the meetings. */
const NAME_MAX = 40;
const UNIT_MAX = 60;

/** Calendar half-years: January–June and July–December (seed 002 plans the data and the læringssamtaler «halvårligt»). */
const halfOf = (date: string): 1 | 2 => (Number(date.slice(5, 7)) <= 6 ? 1 : 2);

/** A læringssamtale is the spring or the autumn one by the half-year it is planned in. */
const entryKind = (e: YearWheelEntry, names: Map<string, string>): string => {
  const base = kindLabel({ kind: e.kind, firstOfLoop: e.firstOfLoop });
  if (e.kind === "laeringssamtale") return strings.yearWheel.samtaleSeason(halfOf(e.date) === 1 ? "forår" : "efterår", base);
  return e.kind === "leader_pl" && e.withPersonId ? strings.yearWheel.withPerson(shorten(names.get(e.withPersonId) ?? "", NAME_MAX)) : base;
};

const entryWhen = (e: YearWheelEntry): string => `${formatDateLong(e.date)} kl. ${e.time.replace(":", ".")}`;


/** One markdown list line; names come from the organisation file, so no markdown of their own. */
const line = (text: string, bold: boolean) => `- ${bold ? `**${text.replace(/\*/g, "")}**` : text.replace(/\*/g, "")}`;

/**
 * The chief's årshjul for one unit: the loop's meetings by calendar half-year, a move form and «Godkend».
 * `allPl` lists every 1:1 with a pædagogisk leder; without it (a big leadership team would not fit
 * Teams' card size) they are counted per half-year and listed for the one chosen in the picker.
 */
export function yearWheelCardData({ view, tz, workday, load, feedback, typed, showPersonId, calendar }: YearWheelCardInput, allPl = true) {
  const s = strings.yearWheel;
  const { wheel, unit, loop, names, today } = view;
  const listed = (e: YearWheelEntry) => allPl || e.kind !== "leader_pl" || e.withPersonId === showPersonId;
  const leader = view.role === "leader";
  const cancelled = (e: YearWheelEntry) => view.cancelled.has(e.id);
  // The chief moves the wheel's meetings, except the leader's own 1:1s once they are meetings; the leader only those 1:1s (a co-leader nothing).
  const ownPl = (e: YearWheelEntry) => view.holdsPl && e.kind === "leader_pl";
  const movable = (e: YearWheelEntry) => !cancelled(e) && (leader ? ownPl(e) : !(e.kind === "leader_pl" && e.meetingId));
  // Only the one who holds a meeting cancels it: the leader their 1:1s, the chief the rest (not a selvejende unit's læringssamtale).
  const cancellable = (e: YearWheelEntry) =>
    Boolean(e.meetingId) && !cancelled(e) && (leader ? ownPl(e) : e.kind !== "leader_pl" && !(unit.selvejende && e.kind === "laeringssamtale"));
  const seasons: { heading: string; lines: string[]; hidden: number }[] = [];
  for (const e of wheel.entries) {
    const heading = s.halfYear(halfOf(e.date), e.date.slice(0, 4));
    let group = seasons.find((g) => g.heading === heading);
    if (!group) seasons.push((group = { heading, lines: [], hidden: 0 }));
    if (!listed(e)) {
      group.hidden += 1;
      continue;
    }
    const past = compareDates(e.date, today) <= 0;
    const mark = cancelled(e) ? ` (${s.cancelledEntry})` : past ? ` (${s.past})` : "";
    group.lines.push(line(`${s.entry(entryWhen(e), entryKind(e, names))}${mark}`, e.kind === "laeringssamtale"));
  }
  const future = wheel.entries.filter((e) => compareDates(e.date, today) > 0 && listed(e) && movable(e));
  const toCancel = wheel.entries.filter((e) => compareDates(e.date, today) > 0 && listed(e) && cancellable(e));
  const ownToMake = leader && wheel.entries.some((e) => ownPl(e) && !e.meetingId && compareDates(e.date, today) > 0);
  const count = (k: YearWheelEntry["kind"]) => wheel.entries.filter((e) => e.kind === k).length;
  const pls = [...new Set(wheel.entries.flatMap((e) => (e.kind === "leader_pl" && e.withPersonId ? [e.withPersonId] : [])))];
  return {
    title: s.title(shorten(unit.name, UNIT_MAX)),
    loop: s.loop(loop.name),
    notice: feedback?.notice ?? "",
    warning: feedback?.warning ?? "",
    error: feedback?.error ?? "",
    intro: leader ? (view.holdsPl ? s.introLeader : s.introCoLeader) : s.intro,
    selvejende: unit.selvejende ? s.introSelvejende : "",
    status: wheel.status === "confirmed" && wheel.confirmedAt ? s.statusConfirmed(formatInstantDateShort(wheel.confirmedAt, tz)) : leader && view.holdsPl ? s.statusProposedLeader : s.statusProposed,
    counts: s.counts(count("laeringssamtale"), count("one_on_one"), count("leader_pl")),
    congestion: load?.over ? strings.congestion.cardNotice(load) : "",
    seasons: seasons.map((g) => ({ heading: g.heading, text: [...g.lines, ...(g.hidden ? [line(s.plHidden(g.hidden), false)] : [])].join("\n") })),
    moveHeading: s.moveHeading,
    meetingLabel: s.meetingLabel,
    meetingPlaceholder: s.meetingPlaceholder,
    canMove: future.length > 0,
    manyUnits: view.units.length > 1,
    moveChoices: future.map((e) => ({ title: shorten(`${entryWhen(e)}: ${entryKind(e, names)}`, 100), value: e.id })),
    entryValue: typed?.entryId ?? "",
    entryError: fieldError(feedback, "entry"),
    dateLabel: s.dateLabel,
    dateValue: typed?.date ?? "",
    minDate: addDays(today, 1),
    datePlaceholder: strings.generic.datePlaceholder,
    timePlaceholder: strings.generic.timePlaceholder,
    maxDate: addDays(loop.endDate, -1),
    dateError: fieldError(feedback, "date"),
    timeLabel: s.timeLabel,
    timeValue: typed?.time ?? "",
    minTime: workday.start,
    maxTime: workday.end,
    timeError: fieldError(feedback, "time"),
    moveButton: s.moveButton,
    unitLabel: s.unitLabel,
    unitChoices: view.units.map((u) => ({ title: shorten(u.name, UNIT_MAX), value: u.id })),
    showUnit: s.showUnit,
    plPicker: !allPl && pls.length > 0,
    plLabel: s.plLabel,
    plPlaceholder: s.plPlaceholder,
    plChoices: pls.map((id) => ({ title: shorten(names.get(id) ?? "", NAME_MAX), value: id })),
    plValue: showPersonId && pls.includes(showPersonId) ? showPersonId : "",
    showPl: s.showPl,
    unitId: unit.id,
    version: wheel.version,
    confirmButton: !leader && wheel.status === "proposed" ? s.confirmButton : "",
    confirmOwnButton: ownToMake ? s.confirmOwnButton : "",
    canCancel: toCancel.length > 0,
    cancelHeading: s.cancelHeading,
    cancelPlaceholder: s.cancelPlaceholder,
    cancelChoices: toCancel.map((e) => ({ title: shorten(`${entryWhen(e)}: ${entryKind(e, names)}`, 100), value: e.id })),
    cancelError: fieldError(feedback, "cancelEntry"),
    cancelButton: s.cancelButton,
    calendarButton: calendar ? strings.calendar.button : "",
    calendarHint: calendar ? strings.calendar.wheelHint : "",
  };
}

/** Every 1:1 with a pædagogisk leder when they fit; otherwise the chosen one's. */
export const buildYearWheelCard = (input: YearWheelCardInput): AdaptiveCard =>
  fitLevels([true, false], (all) => expand("year-wheel", yearWheelCardData(input, all)));
