/**
 * Working-day / working-hours calendar for a municipality: ISO workdays,
 * Danish public holidays, extra closed days and a daily working window,
 * all evaluated in a given time zone (default Europe/Copenhagen).
 */
import { closedPeriodLookup, type ClosedPeriod } from "./closed-periods.js";
import { danishPublicHoliday } from "./danish-holidays.js";
import {
  DEFAULT_TIME_ZONE,
  addDays,
  isValidLocalDate,
  isValidLocalTime,
  localDateOf,
  localWeekday,
  zonedToUtc,
} from "./zoned-time.js";

export interface WorkingCalendarOptions {
  /** IANA time zone, default "Europe/Copenhagen". */
  tz?: string;
  /** ISO weekdays that are workdays (1 = Monday ... 7 = Sunday), default [1,2,3,4,5]. */
  workdays?: number[];
  /** Start of the daily working window, "HH:MM" (inclusive), default "08:00". */
  dayStart?: string;
  /** End of the daily working window, "HH:MM" (exclusive), default "15:30". */
  dayEnd?: string;
  /** Extra closed days: "MM-DD" recurs every year, "YYYY-MM-DD" is a one-off. */
  closedDays?: string[];
  /**
   * Closed periods (closed-periods.ts: "W28..W31", "12-24..01-01", "2027-07-05..2027-07-30"):
   * working days on which the bot proposes no meeting; one planned by hand is warned about.
   * Reminders are not affected. Default none.
   */
  closedPeriods?: readonly string[];
}

export interface WorkingCalendar {
  readonly tz: string;
  readonly workdays: readonly number[];
  readonly dayStart: string;
  readonly dayEnd: string;
  /** True if `date` is a workday, not a public holiday and not a closed day. */
  isWorkingDay(date: string): boolean;
  /** Danish reason why `date` is closed (holiday name, "Weekend" or "Lukkedag"), or undefined if it is a working day. */
  closedReason(date: string): string | undefined;
  /** The closed period `date` lies in (its concrete days), or undefined. Weekends and holidays are not periods. */
  closedPeriod(date: string): ClosedPeriod | undefined;
  /** A day the bot may propose a meeting on: a working day outside every closed period. */
  isPlannable(date: string): boolean;
  /** Moves |n| working days forward (n > 0) or backward (n < 0); n = 0 returns `date`. */
  addWorkingDays(date: string, n: number): string;
  /** `date` itself if it is a working day, otherwise the next working day. */
  nextWorkingDay(date: string): string;
  /** True if `instant` falls on a working day within [dayStart, dayEnd) local time. */
  isWithinWorkingHours(instant: Date): boolean;
  /** `instant` (as a new Date) if within working hours, else the start of the next working window. */
  nextWindowStart(instant: Date): Date;
  /** The UTC instant of `dayStart` on `date` in the calendar's time zone. */
  workingDayStart(date: string): Date;
  /** The UTC instant of `dayEnd` on `date` in the calendar's time zone. */
  workingDayEnd(date: string): Date;
}

export const DEFAULT_WORKDAYS: readonly number[] = Object.freeze([1, 2, 3, 4, 5]);
export const DEFAULT_DAY_START = "08:00";
export const DEFAULT_DAY_END = "15:30";

/** Upper bound on day-by-day scans, guards against calendars with no working days. */
const MAX_SCAN_DAYS = 3660;

const RECURRING_RE = /^(\d{2})-(\d{2})$/;

function assertDate(date: string): void {
  if (!isValidLocalDate(date)) {
    throw new RangeError(`Invalid local date "${String(date)}" (expected an existing YYYY-MM-DD)`);
  }
}

export function createWorkingCalendar(opts: WorkingCalendarOptions = {}): WorkingCalendar {
  const tz = opts.tz ?? DEFAULT_TIME_ZONE;
  // Validate the time zone eagerly (throws RangeError for unknown zones).
  new Intl.DateTimeFormat("en-US", { timeZone: tz });

  const workdays = [...new Set(opts.workdays ?? DEFAULT_WORKDAYS)].sort((a, b) => a - b);
  if (workdays.length === 0) throw new RangeError("workdays must contain at least one ISO weekday");
  for (const wd of workdays) {
    if (!Number.isInteger(wd) || wd < 1 || wd > 7) {
      throw new RangeError(`Invalid ISO weekday ${wd} (expected 1-7)`);
    }
  }
  const workdaySet = new Set(workdays);

  const dayStart = opts.dayStart ?? DEFAULT_DAY_START;
  const dayEnd = opts.dayEnd ?? DEFAULT_DAY_END;
  if (!isValidLocalTime(dayStart)) throw new RangeError(`Invalid dayStart "${dayStart}" (expected HH:MM)`);
  if (!isValidLocalTime(dayEnd)) throw new RangeError(`Invalid dayEnd "${dayEnd}" (expected HH:MM)`);
  if (dayStart >= dayEnd) throw new RangeError(`dayStart (${dayStart}) must be before dayEnd (${dayEnd})`);

  const recurringClosed = new Set<string>();
  const oneOffClosed = new Set<string>();
  for (const entry of opts.closedDays ?? []) {
    const m = RECURRING_RE.exec(entry);
    if (m) {
      // Validate against a leap year so "02-29" is accepted.
      if (!isValidLocalDate(`2000-${entry}`)) throw new RangeError(`Invalid recurring closed day "${entry}" (expected MM-DD)`);
      recurringClosed.add(entry);
    } else if (isValidLocalDate(entry)) {
      oneOffClosed.add(entry);
    } else {
      throw new RangeError(`Invalid closed day "${entry}" (expected MM-DD or YYYY-MM-DD)`);
    }
  }

  const isClosedDay = (date: string): boolean => oneOffClosed.has(date) || recurringClosed.has(date.slice(5));

  const closedReason = (date: string): string | undefined => {
    assertDate(date);
    const holiday = danishPublicHoliday(date);
    if (holiday !== undefined) return holiday;
    if (!workdaySet.has(localWeekday(date))) return "Weekend";
    if (isClosedDay(date)) return "Lukkedag";
    return undefined;
  };

  const isWorkingDay = (date: string): boolean => closedReason(date) === undefined;

  const periodOf = closedPeriodLookup(opts.closedPeriods ?? []);
  const closedPeriod = (date: string): ClosedPeriod | undefined => {
    assertDate(date);
    return periodOf(date);
  };
  const isPlannable = (date: string): boolean => isWorkingDay(date) && periodOf(date) === undefined;

  const scan = (from: string, step: 1 | -1): string => {
    let d = from;
    for (let i = 0; i < MAX_SCAN_DAYS; i++) {
      d = addDays(d, step);
      if (isWorkingDay(d)) return d;
    }
    throw new Error(`No working day found within ${MAX_SCAN_DAYS} days of ${from}`);
  };

  const addWorkingDays = (date: string, n: number): string => {
    assertDate(date);
    if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays: n must be an integer, got ${n}`);
    const step = n < 0 ? -1 : 1;
    let d = date;
    for (let i = 0; i < Math.abs(n); i++) d = scan(d, step);
    return d;
  };

  const nextWorkingDay = (date: string): string => (isWorkingDay(date) ? date : scan(date, 1));

  const workingDayStart = (date: string): Date => zonedToUtc(date, dayStart, tz);
  const workingDayEnd = (date: string): Date => zonedToUtc(date, dayEnd, tz);

  const assertInstant = (instant: Date): void => {
    if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw new RangeError("Invalid instant (Date)");
  };

  const isWithinWorkingHours = (instant: Date): boolean => {
    assertInstant(instant);
    const date = localDateOf(instant, tz);
    if (!isWorkingDay(date)) return false;
    const t = instant.getTime();
    return t >= workingDayStart(date).getTime() && t < workingDayEnd(date).getTime();
  };

  const nextWindowStart = (instant: Date): Date => {
    assertInstant(instant);
    if (isWithinWorkingHours(instant)) return new Date(instant.getTime());
    const date = localDateOf(instant, tz);
    if (isWorkingDay(date)) {
      const start = workingDayStart(date);
      if (instant.getTime() < start.getTime()) return start;
    }
    return workingDayStart(scan(date, 1));
  };

  return Object.freeze({
    tz,
    workdays: Object.freeze(workdays),
    dayStart,
    dayEnd,
    isWorkingDay,
    closedReason,
    closedPeriod,
    isPlannable,
    addWorkingDays,
    nextWorkingDay,
    isWithinWorkingHours,
    nextWindowStart,
    workingDayStart,
    workingDayEnd,
  });
}
