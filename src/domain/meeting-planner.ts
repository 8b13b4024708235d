/**
 * The planner: places proposed meetings so that nobody is in two meetings at once, with
 * MEETING_BUFFER_MINUTES free between any two meetings of a person, inside the working day, on
 * days outside weekends, holidays, closing days and closed periods. Pure and deterministic: the
 * same items and busy times give the same placement.
 *
 * What a person is busy with comes in as `BusyPeriod`s (ports.ts `BusyTimes`): today the bot's own
 * meetings and the proposed meetings of other year wheels; free/busy from the person's Outlook
 * joins the same input later, without changing this module.
 *
 * Each item keeps its proposed time if it can (that is the unit's habit: the same weekday and
 * hour through the loop); otherwise, in this order: the same weekday and time one or two weeks
 * later or earlier, the same time on another day of the same week, another time the same day
 * (nearest first), the same time on a day up to three weeks away, any time on any day of its range. What cannot be placed stays where it was proposed and
 * is reported (`placed: false`): «Godkend» then names the clash.
 */
import type { WorkingCalendar } from "../lib/working-calendar.js";
import { addDays, compareDates, localDateOf, localWeekday, zonedToUtc } from "../lib/zoned-time.js";
import type { BusyMeeting, BusyPeriod } from "./meeting-clash.js";

export interface PlanItem {
  id: string;
  participantIds: readonly string[];
  /** The proposal: local date "YYYY-MM-DD" and start time "HH:MM". */
  date: string;
  time: string;
  durationMinutes: number;
  /** The days it may be moved to, inclusive. */
  lo: string;
  hi: string;
  /** How the item is named when a later item is checked against it. */
  meeting: Omit<BusyMeeting, "startsAt" | "durationMinutes">;
}

export interface PlannerSettings {
  calendar: WorkingCalendar;
  timezone: string;
  bufferMinutes: number;
}

export interface Placement {
  id: string;
  date: string;
  time: string;
  /** False when no free time was found: the proposal is kept as it was. */
  placed: boolean;
}

/** Candidate start times are on the quarter hour. */
const STEP_MINUTES = 15;
/** How far «the same time on another day» looks, in days either way. */
const SAME_TIME_DAYS = 21;
const DAY_MS = 86_400_000;

const toMinutes = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const toTime = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** Who is taken when, per person and local day, as [start, end) in ms. */
class BusyIndex {
  private readonly byKey = new Map<string, [number, number][]>();
  constructor(private readonly tz: string) {}

  add(personId: string, startsAt: Date, durationMinutes: number): void {
    const start = startsAt.getTime();
    const key = `${personId}\u0000${localDateOf(startsAt, this.tz)}`;
    const list = this.byKey.get(key) ?? [];
    list.push([start, start + durationMinutes * 60_000]);
    this.byKey.set(key, list);
  }

  /** Whether any of `people` has something in [start, end) (the day before and after included, for meetings over midnight). */
  taken(people: readonly string[], date: string, start: number, end: number): boolean {
    for (const personId of people) {
      for (const day of [date, addDays(date, -1), addDays(date, 1)]) {
        for (const [s, e] of this.byKey.get(`${personId}\u0000${day}`) ?? []) if (s < end && start < e) return true;
      }
    }
    return false;
  }
}

/** The start times of a working day at which a meeting of `durationMinutes` ends within it, nearest to `time` first. */
export function startTimesNear(calendar: WorkingCalendar, durationMinutes: number, time: string): string[] {
  const first = toMinutes(calendar.dayStart);
  const last = toMinutes(calendar.dayEnd) - durationMinutes;
  const want = toMinutes(time);
  const out: number[] = [];
  for (let m = first; m <= last; m += STEP_MINUTES) out.push(m);
  return out.sort((a, b) => Math.abs(a - want) - Math.abs(b - want) || a - b).map(toTime);
}

/**
 * Start times for the habit slots of a chief's units: one meeting of `durationMinutes` plus the
 * buffer after another through the working day, from 09:00 (or the day's start, if later) and
 * then the earlier ones. A chief's units get these times on their weekdays in turn.
 */
export function habitTimes(calendar: WorkingCalendar, durationMinutes: number, bufferMinutes: number): string[] {
  const first = toMinutes(calendar.dayStart);
  const last = toMinutes(calendar.dayEnd) - durationMinutes;
  const base = Math.max(first, Math.min(toMinutes("09:00"), last));
  const step = durationMinutes + bufferMinutes;
  const out: number[] = [];
  for (let m = base; m <= last; m += step) out.push(m);
  for (let m = base - step; m >= first; m -= step) out.push(m);
  return (out.length > 0 ? out : [first]).map(toTime);
}

/** The ISO weekday and habit time of the chief's unit number `index` (0-based, in the chief's order). */
export function habitOf(index: number, calendar: WorkingCalendar, durationMinutes: number, bufferMinutes: number): { weekday: number; time: string } {
  const weekdays = calendar.workdays.filter((d) => d <= 5);
  const days = weekdays.length > 0 ? weekdays : [1, 2, 3, 4, 5];
  const times = habitTimes(calendar, durationMinutes, bufferMinutes);
  return { weekday: days[index % days.length]!, time: times[Math.floor(index / days.length) % times.length]! };
}

/** Places `items` in order (earlier items keep their time first) around `busy`; one placement per item, in the same order. */
export function placeMeetings(items: readonly PlanItem[], busy: readonly BusyPeriod[], settings: PlannerSettings): Placement[] {
  const { calendar, timezone: tz, bufferMinutes } = settings;
  const index = new BusyIndex(tz);
  for (const b of busy) index.add(b.personId, b.meeting.startsAt, b.meeting.durationMinutes);
  const dayStart = toMinutes(calendar.dayStart);
  const dayEnd = toMinutes(calendar.dayEnd);
  const buffer = bufferMinutes * 60_000;

  const fits = (item: PlanItem, date: string, time: string): boolean => {
    if (compareDates(date, item.lo) < 0 || compareDates(date, item.hi) > 0) return false;
    const minutes = toMinutes(time);
    if (minutes < dayStart || minutes + item.durationMinutes > dayEnd) return false;
    if (!calendar.isPlannable(date)) return false;
    const start = zonedToUtc(date, time, tz).getTime();
    return !index.taken(item.participantIds, date, start - buffer, start + item.durationMinutes * 60_000 + buffer);
  };

  function* candidates(item: PlanItem): Generator<[string, string]> {
    const { date, time } = item;
    yield [date, time];
    // The habit: the same weekday and time a week or two earlier or later.
    for (const offset of [7, -7, 14, -14]) yield [addDays(date, offset), time];
    const monday = addDays(date, 1 - localWeekday(date));
    for (let d = 1; d <= 6; d++) {
      for (const offset of [d, -d]) {
        const other = addDays(date, offset);
        if (compareDates(other, monday) >= 0 && compareDates(other, addDays(monday, 6)) <= 0) yield [other, time];
      }
    }
    const times = startTimesNear(calendar, item.durationMinutes, time);
    for (const t of times) yield [date, t];
    for (let d = 1; d <= SAME_TIME_DAYS; d++) for (const offset of [d, -d]) yield [addDays(date, offset), time];
    const daysTo = (other: string) => Math.abs(Math.round((Date.parse(`${other}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / DAY_MS));
    const span = Math.max(daysTo(item.lo), daysTo(item.hi));
    for (let d = 1; d <= span; d++) {
      for (const offset of [d, -d]) {
        const other = addDays(date, offset);
        if (compareDates(other, item.lo) < 0 || compareDates(other, item.hi) > 0) continue;
        for (const t of times) yield [other, t];
      }
    }
  }

  return items.map((item) => {
    let found: [string, string] | undefined;
    for (const [date, time] of candidates(item)) {
      if (fits(item, date, time)) {
        found = [date, time];
        break;
      }
    }
    const [date, time] = found ?? [item.date, item.time];
    const startsAt = zonedToUtc(date, time, tz);
    for (const personId of item.participantIds) index.add(personId, startsAt, item.durationMinutes);
    return { id: item.id, date, time, placed: found !== undefined };
  });
}

/** A placement as the busy periods it makes (for checking other wheels against it). */
export function busyOf(item: PlanItem, placement: Placement, tz: string): BusyPeriod[] {
  const startsAt = zonedToUtc(placement.date, placement.time, tz);
  return item.participantIds.map((personId) => ({ personId, meeting: { ...item.meeting, startsAt, durationMinutes: item.durationMinutes } }));
}
