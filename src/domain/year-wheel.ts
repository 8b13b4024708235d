/**
 * Year wheel (årshjul): the bot's proposal of a unit's meeting plan for one two-year
 * læringsloop (seed 002, "Børn og Unges ramme for lokal kvalitetsopfølgning og tilsyn"):
 *
 * - four læringssamtaler (2 hours), one each spring and autumn, in the middle of the season
 *   window on the preferred weekday, moved to the nearest working day if needed;
 * - six 1:1 ledelsesopfølgninger a year (1 hour) between the Børn og Unge-chef and the unit
 *   leader, three between each pair of læringssamtaler, spaced evenly;
 * - the unit leader's own 1:1s with each pædagogisk leder in the same rhythm, in the same
 *   week as the chief's 1:1 but on another day.
 *
 * Pure: closed days come only from the given working calendar (weekends, Danish public
 * holidays incl. the Easter-dependent ones, configured closing days, and closed periods such as
 * the summer closure, in which nothing is proposed). The times are the unit's habit; the planner
 * (meeting-planner.ts) then moves what would put a person in two meetings at once.
 */
import type { WorkingCalendar } from "../lib/working-calendar.js";
import { addDays, compareDates, isValidLocalDate, isValidLocalTime, localWeekday } from "../lib/zoned-time.js";

export type PlannedMeetingKind = "laeringssamtale" | "one_on_one" | "leader_pl";

export interface PlannedMeeting {
  kind: PlannedMeetingKind;
  /** Local date, "YYYY-MM-DD". */
  date: string;
  /** Local start time, "HH:MM". */
  time: string;
  durationMinutes: number;
  /** 1.. in date order within its kind (for leader_pl: per pædagogisk leder). */
  sequence: number;
  /** Set on the first læringssamtale of the loop (the one that picks the local focus areas). */
  firstOfLoop?: boolean;
  /** The pædagogisk leder of a leader_pl. */
  withPersonId?: string;
}

/** A season window, "MM-DD" to "MM-DD" inclusive, within one calendar year. */
export interface SeasonWindow {
  from: string;
  to: string;
}

export interface YearWheelInput {
  /** First day of the loop, "YYYY-MM-DD" (e.g. "2026-08-01"); the loop ends two years later (exclusive). */
  loopStart: string;
  years: 2;
  calendar: WorkingCalendar;
  /** Default 03-01..05-31. */
  spring?: SeasonWindow;
  /** Default 09-15..11-30. */
  autumn?: SeasonWindow;
  /** ISO weekday 1-5, default 2 (Tuesday). */
  preferredWeekday?: number;
  /** "HH:MM", default "09:00". */
  preferredTime?: string;
  /** Ids of the unit's pædagogiske ledere; each gets the unit leader's own 1:1s. */
  pedagogicalLeaderIds?: readonly string[];
  /**
   * This unit is number `index` (0-based) of `count` units of one chief: its læringssamtaler are
   * spread over the middle two thirds of the season window, so a chief's units do not all meet in
   * the same week. Default: one unit, the middle of the window.
   */
  spread?: { index: number; count: number };
  /** Minutes between two meetings that share a day (the leader's 1:1s with pædagogiske ledere), default 0. */
  bufferMinutes?: number;
}

export const LAERINGSSAMTALE_MINUTES = 120;
export const ONE_ON_ONE_MINUTES = 60;
export const ONE_ON_ONES_PER_YEAR = 6;
export const ONE_ON_ONES_BETWEEN_SAMTALER = 3;
/** Minimum distance between consecutive chief 1:1s, where the interval allows it. */
export const MIN_ONE_ON_ONE_SPACING_DAYS = 14;
export const DEFAULT_SPRING_WINDOW: Readonly<SeasonWindow> = Object.freeze({ from: "03-01", to: "05-31" });
export const DEFAULT_AUTUMN_WINDOW: Readonly<SeasonWindow> = Object.freeze({ from: "09-15", to: "11-30" });
export const DEFAULT_PREFERRED_WEEKDAY = 2;
export const DEFAULT_PREFERRED_TIME = "09:00";

const KIND_ORDER: Readonly<Record<PlannedMeetingKind, number>> = { laeringssamtale: 0, one_on_one: 1, leader_pl: 2 };
const MS_PER_DAY = 86_400_000;
const MM_DD_RE = /^\d{2}-\d{2}$/;

// ---------------------------------------------------------------------------
// Date helpers (local dates only)

function dayNumber(date: string): number {
  const d = new Date(Date.UTC(2000, Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))));
  d.setUTCFullYear(Number(date.slice(0, 4)));
  return Math.round(d.getTime() / MS_PER_DAY);
}

/** Days from `a` to `b` (negative if b is before a). */
function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

const minDate = (a: string, b: string): string => (compareDates(a, b) <= 0 ? a : b);
const maxDate = (a: string, b: string): string => (compareDates(a, b) >= 0 ? a : b);
const inRange = (d: string, lo: string, hi: string): boolean => compareDates(d, lo) >= 0 && compareDates(d, hi) <= 0;

/** Same month and day `n` years later; 29 February becomes 28 February in a common year. */
function addYears(date: string, n: number): string {
  const year = String(Number(date.slice(0, 4)) + n).padStart(4, "0");
  const candidate = `${year}${date.slice(4)}`;
  return isValidLocalDate(candidate) ? candidate : `${year}-02-28`;
}

function addMinutesToTime(time: string, minutes: number): string {
  const total = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)) + minutes;
  if (total >= 24 * 60) throw new RangeError(`Cannot fit meeting: ${time} + ${minutes} minutes passes midnight`);
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

/**
 * The accepted date nearest to `target` within [lo, hi]; on equal distance the earlier one.
 */
function nearestAccepted(target: string, lo: string, hi: string, accept: (date: string) => boolean): string | undefined {
  if (compareDates(lo, hi) > 0) return undefined;
  const maxDistance = Math.max(Math.abs(daysBetween(lo, target)), Math.abs(daysBetween(target, hi)));
  for (let distance = 0; distance <= maxDistance; distance++) {
    for (const offset of distance === 0 ? [0] : [-distance, distance]) {
      const candidate = addDays(target, offset);
      if (inRange(candidate, lo, hi) && accept(candidate)) return candidate;
    }
  }
  return undefined;
}

/** The date with ISO weekday `weekday` nearest to `date` (at most 3 days away), kept inside [lo, hi] if possible. */
function snapToWeekday(date: string, weekday: number, lo: string, hi: string): string {
  const forward = (weekday - localWeekday(date) + 7) % 7;
  const offsets = forward <= 3 ? [forward, forward - 7] : [forward - 7, forward];
  for (const offset of offsets) {
    const candidate = addDays(date, offset);
    if (inRange(candidate, lo, hi)) return candidate;
  }
  return maxDate(lo, minDate(date, hi));
}

// ---------------------------------------------------------------------------
// Validation

function assertWindow(name: string, w: SeasonWindow): void {
  for (const part of [w.from, w.to]) {
    // Checked against a common year: "02-29" would not exist every year.
    if (typeof part !== "string" || !MM_DD_RE.test(part) || !isValidLocalDate(`2001-${part}`)) {
      throw new RangeError(`Invalid ${name} window bound "${String(part)}" (expected MM-DD, not 02-29)`);
    }
  }
  if (w.from > w.to) throw new RangeError(`The ${name} window ${w.from}..${w.to} must lie within one calendar year`);
}

interface ResolvedInput {
  loopStart: string;
  years: number;
  calendar: WorkingCalendar;
  spring: SeasonWindow;
  autumn: SeasonWindow;
  weekday: number;
  time: string;
  leaderIds: readonly string[];
  spread: { index: number; count: number };
  bufferMinutes: number;
}

function resolveInput(input: YearWheelInput): ResolvedInput {
  if (!isValidLocalDate(input.loopStart) || Number(input.loopStart.slice(0, 4)) < 1600) {
    throw new RangeError(`Invalid loopStart "${String(input.loopStart)}" (expected an existing YYYY-MM-DD)`);
  }
  const years: number = input.years;
  if (years !== 2) throw new RangeError(`A læringsloop is two years, got years = ${String(years)}`);
  const spring = input.spring ?? DEFAULT_SPRING_WINDOW;
  const autumn = input.autumn ?? DEFAULT_AUTUMN_WINDOW;
  assertWindow("spring", spring);
  assertWindow("autumn", autumn);
  if (spring.from <= autumn.to && autumn.from <= spring.to) {
    throw new RangeError(`The spring (${spring.from}..${spring.to}) and autumn (${autumn.from}..${autumn.to}) windows overlap`);
  }
  const weekday = input.preferredWeekday ?? DEFAULT_PREFERRED_WEEKDAY;
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 5) {
    throw new RangeError(`Invalid preferredWeekday ${String(weekday)} (expected ISO weekday 1-5)`);
  }
  const time = input.preferredTime ?? DEFAULT_PREFERRED_TIME;
  if (!isValidLocalTime(time)) throw new RangeError(`Invalid preferredTime "${String(time)}" (expected HH:MM)`);
  addMinutesToTime(time, LAERINGSSAMTALE_MINUTES);
  const leaderIds = input.pedagogicalLeaderIds ?? [];
  const seen = new Set<string>();
  for (const id of leaderIds) {
    if (typeof id !== "string" || id.trim() === "") throw new RangeError("pedagogicalLeaderIds must be non-empty strings");
    if (seen.has(id)) throw new RangeError(`Duplicate pædagogisk leder id "${id}"`);
    seen.add(id);
  }
  const spread = input.spread ?? { index: 0, count: 1 };
  if (!Number.isInteger(spread.count) || spread.count < 1 || !Number.isInteger(spread.index) || spread.index < 0 || spread.index >= spread.count) {
    throw new RangeError(`Invalid spread ${spread.index} of ${spread.count}`);
  }
  const bufferMinutes = input.bufferMinutes ?? 0;
  if (!Number.isInteger(bufferMinutes) || bufferMinutes < 0) throw new RangeError(`Invalid bufferMinutes ${String(bufferMinutes)}`);
  return { loopStart: input.loopStart, years, calendar: input.calendar, spring, autumn, weekday, time, leaderIds, spread, bufferMinutes };
}

// ---------------------------------------------------------------------------
// Plan building

interface Segment {
  /** Allowed dates, inclusive. */
  lo: string;
  hi: string;
  /** The interval the meetings are spread over (exclusive ends). */
  anchorFrom: string;
  anchorTo: string;
}

interface PlacedOneOnOne {
  date: string;
  segment: Segment;
}

function compareMeetings(a: PlannedMeeting, b: PlannedMeeting): number {
  return (
    compareDates(a.date, b.date) ||
    (a.time < b.time ? -1 : a.time > b.time ? 1 : 0) ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    ((a.withPersonId ?? "") < (b.withPersonId ?? "") ? -1 : (a.withPersonId ?? "") > (b.withPersonId ?? "") ? 1 : 0) ||
    a.sequence - b.sequence
  );
}

/** Sorts by date and time, renumbers each kind (per pædagogisk leder) 1.. and marks the first læringssamtale. */
function finalisePlan(meetings: readonly PlannedMeeting[]): PlannedMeeting[] {
  const sorted = [...meetings].sort(compareMeetings);
  const counters = new Map<string, number>();
  let firstSeen = false;
  return sorted.map((m) => {
    const key = `${m.kind}\u0000${m.withPersonId ?? ""}`;
    const sequence = (counters.get(key) ?? 0) + 1;
    counters.set(key, sequence);
    const out: PlannedMeeting = { kind: m.kind, date: m.date, time: m.time, durationMinutes: m.durationMinutes, sequence };
    if (m.kind === "laeringssamtale" && !firstSeen) {
      firstSeen = true;
      out.firstOfLoop = true;
    }
    if (m.withPersonId !== undefined) out.withPersonId = m.withPersonId;
    return out;
  });
}

/** The læringssamtale dates of the loop, in date order. */
function placeLaeringssamtaler(r: ResolvedInput, loopEnd: string): string[] {
  const lastDay = addDays(loopEnd, -1);
  const startYear = Number(r.loopStart.slice(0, 4));
  const slots: { from: string; to: string; mid: string; target: string }[] = [];
  const share = 1 / 6 + ((2 / 3) * (r.spread.index + 0.5)) / r.spread.count;
  for (const window of [r.spring, r.autumn]) {
    let taken = 0;
    for (let year = startYear - 1; taken < r.years; year++) {
      const from = `${year}-${window.from}`;
      const to = `${year}-${window.to}`;
      const mid = addDays(from, Math.floor(daysBetween(from, to) / 2));
      if (compareDates(mid, r.loopStart) < 0) continue;
      slots.push({ from, to, mid, target: addDays(from, Math.floor(daysBetween(from, to) * share)) });
      taken++;
    }
  }
  slots.sort((a, b) => compareDates(a.mid, b.mid));

  const dates: string[] = [];
  for (const slot of slots) {
    const accept = (d: string): boolean => r.calendar.isPlannable(d) && !dates.includes(d);
    const lo = maxDate(slot.from, r.loopStart);
    const hi = minDate(slot.to, lastDay);
    const target = snapToWeekday(slot.target, r.weekday, lo, hi);
    const date = nearestAccepted(target, lo, hi, accept) ?? nearestAccepted(target, r.loopStart, lastDay, accept);
    if (date === undefined) throw new RangeError(`No working day for the læringssamtale around ${slot.mid}`);
    dates.push(date);
  }
  return dates.sort(compareDates);
}

function loopYearIndex(date: string, loopStart: string, years: number): number {
  for (let k = years; k >= 1; k--) {
    if (compareDates(date, addYears(loopStart, k)) >= 0) return k;
  }
  return 0;
}

/** Places `count` chief 1:1s spread evenly over `segment`, appending to `placed`. */
function placeOneOnOnes(
  r: ResolvedInput,
  segment: Segment,
  count: number,
  samtaler: ReadonlySet<string>,
  placed: PlacedOneOnOne[],
): void {
  const span = daysBetween(segment.anchorFrom, segment.anchorTo);
  for (let i = 1; i <= count; i++) {
    const ideal = addDays(segment.anchorFrom, Math.round((i * span) / (count + 1)));
    const target = snapToWeekday(ideal, r.weekday, segment.lo, segment.hi);
    const free = (d: string): boolean => r.calendar.isPlannable(d) && !samtaler.has(d) && !placed.some((p) => p.date === d);
    const spaced = (d: string): boolean =>
      free(d) && placed.every((p) => Math.abs(daysBetween(p.date, d)) >= MIN_ONE_ON_ONE_SPACING_DAYS);
    // The habit first: the preferred weekday up to two weeks either way, then any day.
    const near = { lo: maxDate(segment.lo, addDays(target, -14)), hi: minDate(segment.hi, addDays(target, 14)) };
    const onHabit = (d: string): boolean => localWeekday(d) === r.weekday && spaced(d);
    const date =
      nearestAccepted(target, near.lo, near.hi, onHabit) ??
      nearestAccepted(target, segment.lo, segment.hi, spaced) ??
      nearestAccepted(target, segment.lo, segment.hi, free);
    if (date === undefined) {
      throw new RangeError(`No working day for a 1:1 ledelsesopfølgning between ${segment.lo} and ${segment.hi}`);
    }
    placed.push({ date, segment });
  }
}

/**
 * The bot's proposal of a unit's meeting plan for one two-year loop, sorted by date and time.
 * Throws RangeError for invalid input (bad dates, windows, weekday or time).
 */
export function proposeYearWheel(input: YearWheelInput): PlannedMeeting[] {
  const r = resolveInput(input);
  const loopEnd = addYears(r.loopStart, r.years);
  const lastDay = addDays(loopEnd, -1);
  const samtaleDates = placeLaeringssamtaler(r, loopEnd);
  const samtaler = new Set(samtaleDates);
  const first = samtaleDates[0];
  const last = samtaleDates[samtaleDates.length - 1];
  if (first === undefined || last === undefined) throw new Error("No læringssamtaler placed");

  // 1:1s: three between each pair of consecutive læringssamtaler ...
  const placed: PlacedOneOnOne[] = [];
  for (let k = 0; k + 1 < samtaleDates.length; k++) {
    const from = samtaleDates[k] as string;
    const to = samtaleDates[k + 1] as string;
    placeOneOnOnes(r, { lo: addDays(from, 1), hi: addDays(to, -1), anchorFrom: from, anchorTo: to }, ONE_ON_ONES_BETWEEN_SAMTALER, samtaler, placed);
  }
  // ... and the rest before the first and after the last, so the first loop year has six
  // (the remainder then gives the last loop year six as well).
  const totalOneOnOnes = ONE_ON_ONES_PER_YEAR * r.years;
  const remainder = totalOneOnOnes - placed.length;
  const inFirstYear = placed.filter((p) => loopYearIndex(p.date, r.loopStart, r.years) === 0).length;
  const before = Math.min(remainder, Math.max(0, ONE_ON_ONES_PER_YEAR - inFirstYear));
  placeOneOnOnes(r, { lo: r.loopStart, hi: addDays(first, -1), anchorFrom: r.loopStart, anchorTo: first }, before, samtaler, placed);
  placeOneOnOnes(r, { lo: addDays(last, 1), hi: lastDay, anchorFrom: last, anchorTo: loopEnd }, remainder - before, samtaler, placed);
  placed.sort((a, b) => compareDates(a.date, b.date));

  const meetings: PlannedMeeting[] = samtaleDates.map((date) => ({
    kind: "laeringssamtale",
    date,
    time: r.time,
    durationMinutes: LAERINGSSAMTALE_MINUTES,
    sequence: 0,
  }));
  for (const p of placed) {
    meetings.push({ kind: "one_on_one", date: p.date, time: r.time, durationMinutes: ONE_ON_ONE_MINUTES, sequence: 0 });
  }
  meetings.push(...placeLeaderPlOneOnOnes(r, placed, samtaler));
  return finalisePlan(meetings);
}

/**
 * The unit leader's 1:1s with each pædagogisk leder: in the week of each chief 1:1, on another
 * day (the days after the chief's first, then the days before), a different day per leder
 * where the week allows; otherwise later in the day on a shared day.
 */
function placeLeaderPlOneOnOnes(r: ResolvedInput, chief: readonly PlacedOneOnOne[], samtaler: ReadonlySet<string>): PlannedMeeting[] {
  const chiefDates = new Set(chief.map((c) => c.date));
  const perDate = new Map<string, number>();
  const out: PlannedMeeting[] = [];
  for (const c of chief) {
    const yearIndex = loopYearIndex(c.date, r.loopStart, r.years);
    const lo = maxDate(c.segment.lo, addYears(r.loopStart, yearIndex));
    const hi = minDate(c.segment.hi, addDays(addYears(r.loopStart, yearIndex + 1), -1));
    const weekday = localWeekday(c.date);
    const weekCandidates: string[] = [];
    for (let wd = weekday + 1; wd <= 7; wd++) weekCandidates.push(addDays(c.date, wd - weekday));
    for (let wd = weekday - 1; wd >= 1; wd--) weekCandidates.push(addDays(c.date, wd - weekday));
    const possible = (d: string): boolean =>
      inRange(d, lo, hi) && r.calendar.isPlannable(d) && !samtaler.has(d) && !chiefDates.has(d);
    const unused = (d: string): boolean => possible(d) && !perDate.has(d);

    for (const leaderId of r.leaderIds) {
      const date =
        weekCandidates.find(unused) ??
        weekCandidates.find(possible) ??
        nearestAccepted(c.date, lo, hi, unused) ??
        nearestAccepted(c.date, lo, hi, possible);
      if (date === undefined) throw new RangeError(`No working day for a 1:1 with pædagogisk leder "${leaderId}" near ${c.date}`);
      const already = perDate.get(date) ?? 0;
      perDate.set(date, already + 1);
      out.push({
        kind: "leader_pl",
        date,
        time: addMinutesToTime(r.time, already * (ONE_ON_ONE_MINUTES + r.bufferMinutes)),
        durationMinutes: ONE_ON_ONE_MINUTES,
        sequence: 0,
        withPersonId: leaderId,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Moving a meeting

export type MoveMeetingError =
  | { code: "index-out-of-range"; index: number }
  | { code: "invalid-date"; date: string }
  /** `reason` is the calendar's Danish reason (holiday name, "Weekend" or "Lukkedag"). */
  | { code: "non-working-day"; date: string; reason: string }
  /** A læringssamtale would share the day with another meeting of the plan, or a meeting would duplicate another of the same kind and person. */
  | { code: "clash"; date: string; withKind: PlannedMeetingKind };

export type MoveMeetingResult = { ok: true; plan: PlannedMeeting[] } | { ok: false; error: MoveMeetingError };

/**
 * A new plan with meeting `index` moved to `newDate` (same time), sorted again and renumbered;
 * the plan passed in is not changed. Refuses non-working days and clashes.
 */
export function moveMeeting(
  plan: readonly PlannedMeeting[],
  index: number,
  newDate: string,
  calendar: WorkingCalendar,
): MoveMeetingResult {
  const moving = Number.isInteger(index) ? plan[index] : undefined;
  if (moving === undefined) return { ok: false, error: { code: "index-out-of-range", index } };
  if (!isValidLocalDate(newDate)) return { ok: false, error: { code: "invalid-date", date: newDate } };
  const reason = calendar.closedReason(newDate);
  if (reason !== undefined) return { ok: false, error: { code: "non-working-day", date: newDate, reason } };
  for (let i = 0; i < plan.length; i++) {
    const other = plan[i];
    if (i === index || other === undefined || other.date !== newDate) continue;
    const samtaleClash = other.kind === "laeringssamtale" || moving.kind === "laeringssamtale";
    const duplicate = other.kind === moving.kind && other.withPersonId === moving.withPersonId;
    if (samtaleClash || duplicate) return { ok: false, error: { code: "clash", date: newDate, withKind: other.kind } };
  }
  const moved = plan.map((m, i) => (i === index ? { ...m, date: newDate } : m));
  return { ok: true, plan: finalisePlan(moved) };
}

// ---------------------------------------------------------------------------
// Counting

export interface LoopYearCount {
  /** 1-based loop year. */
  year: number;
  /** First day of the loop year. */
  from: string;
  /** First day after the loop year (exclusive). */
  to: string;
  laeringssamtale: number;
  one_on_one: number;
  leader_pl: number;
  /** leader_pl per pædagogisk leder id. */
  leaderPlByPerson: Record<string, number>;
}

/** Counts per loop year (default two) by kind; meetings outside the loop are not counted. */
export function countByYear(plan: readonly PlannedMeeting[], loopStart: string, years = 2): LoopYearCount[] {
  if (!isValidLocalDate(loopStart)) throw new RangeError(`Invalid loopStart "${String(loopStart)}"`);
  const counts: LoopYearCount[] = [];
  for (let k = 0; k < years; k++) {
    counts.push({
      year: k + 1,
      from: addYears(loopStart, k),
      to: addYears(loopStart, k + 1),
      laeringssamtale: 0,
      one_on_one: 0,
      leader_pl: 0,
      leaderPlByPerson: {},
    });
  }
  for (const m of plan) {
    const bucket = counts.find((c) => compareDates(m.date, c.from) >= 0 && compareDates(m.date, c.to) < 0);
    if (bucket === undefined) continue;
    bucket[m.kind] += 1;
    if (m.kind === "leader_pl" && m.withPersonId !== undefined) {
      bucket.leaderPlByPerson[m.withPersonId] = (bucket.leaderPlByPerson[m.withPersonId] ?? 0) + 1;
    }
  }
  return counts;
}
