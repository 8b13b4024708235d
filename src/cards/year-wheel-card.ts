import { strings } from "../lib/strings.da.js";
import { formatDateLong, formatInstantDateShort } from "../lib/format-da.js";
import { addDays, compareDates } from "../lib/zoned-time.js";
import type { IntentionLoad } from "../domain/congestion-service.js";
import type { YearWheelEntry } from "../domain/ports.js";
import type { YearWheelView } from "../domain/year-wheel-service.js";
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
}

const entryKind = (e: YearWheelEntry, names: Map<string, string>): string => {
  const base = kindLabel({ kind: e.kind, firstOfLoop: e.firstOfLoop });
  return e.kind === "leader_pl" && e.withPersonId ? strings.yearWheel.withPerson(names.get(e.withPersonId) ?? "") : base;
};

const entryWhen = (e: YearWheelEntry): string => `${formatDateLong(e.date)} kl. ${e.time.replace(":", ".")}`;

/** Spring runs January–July, autumn August–December: the halves between the læringssamtaler. */
const seasonOf = (date: string) => ({ season: Number(date.slice(5, 7)) <= 7 ? ("forår" as const) : ("efterår" as const), year: date.slice(0, 4) });

/** The chief's årshjul for one unit: the loop's meetings by half-year, a move form and «Godkend». */
export function yearWheelCardData({ view, tz, workday, load, feedback, typed }: YearWheelCardInput) {
  const s = strings.yearWheel;
  const { wheel, unit, loop, names, today } = view;
  const seasons: { heading: string; entries: { label: string; weight: string; subtle: boolean }[] }[] = [];
  for (const e of wheel.entries) {
    const { season, year } = seasonOf(e.date);
    const heading = s.season(season, year);
    let group = seasons.find((g) => g.heading === heading);
    if (!group) seasons.push((group = { heading, entries: [] }));
    const past = compareDates(e.date, today) <= 0;
    group.entries.push({
      label: `${s.entry(entryWhen(e), entryKind(e, names))}${past ? ` (${s.past})` : ""}`,
      weight: e.kind === "laeringssamtale" ? "Bolder" : "Default",
      subtle: past || e.kind === "leader_pl",
    });
  }
  const future = wheel.entries.filter((e) => compareDates(e.date, today) > 0);
  const count = (k: YearWheelEntry["kind"]) => wheel.entries.filter((e) => e.kind === k).length;
  return {
    title: s.title(unit.name),
    loop: s.loop(loop.name),
    notice: feedback?.notice ?? "",
    warning: "",
    error: feedback?.error ?? "",
    intro: s.intro,
    selvejende: unit.selvejende ? s.introSelvejende : "",
    status: wheel.status === "confirmed" && wheel.confirmedAt ? s.statusConfirmed(formatInstantDateShort(wheel.confirmedAt, tz)) : s.statusProposed,
    counts: s.counts(count("laeringssamtale"), count("one_on_one"), count("leader_pl")),
    congestion: load?.over ? s.congested(load.count, load.ceiling) : "",
    seasons,
    moveHeading: s.moveHeading,
    meetingLabel: s.meetingLabel,
    meetingPlaceholder: s.meetingPlaceholder,
    canMove: future.length > 0,
    manyUnits: view.units.length > 1,
    moveChoices: future.map((e) => ({ title: shorten(`${entryWhen(e)}: ${entryKind(e, names)}`, 80), value: e.id })),
    entryValue: typed?.entryId ?? "",
    entryError: fieldError(feedback, "entry"),
    dateLabel: s.dateLabel,
    dateValue: typed?.date ?? "",
    minDate: addDays(today, 1),
    maxDate: addDays(loop.endDate, -1),
    dateError: fieldError(feedback, "date"),
    timeLabel: s.timeLabel,
    timeValue: typed?.time ?? "",
    minTime: workday.start,
    maxTime: workday.end,
    timeError: fieldError(feedback, "time"),
    moveButton: s.moveButton,
    unitLabel: s.unitLabel,
    unitChoices: view.units.map((u) => ({ title: u.name, value: u.id })),
    showUnit: s.showUnit,
    unitId: unit.id,
    version: wheel.version,
    confirmButton: wheel.status === "proposed" ? s.confirmButton : "",
  };
}

export const buildYearWheelCard = (input: YearWheelCardInput): AdaptiveCard => expand("year-wheel", yearWheelCardData(input));
