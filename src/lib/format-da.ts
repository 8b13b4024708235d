/**
 * Danish display formats. Weekday and month names come from Intl (da-DK);
 * the layout is assembled here so it does not depend on ICU pattern changes.
 * Instants are rendered in an explicit time zone (default Europe/Copenhagen),
 * never in the machine's TZ.
 *
 *   formatDateLong("2027-01-12")  -> "tirsdag den 12. januar 2027"
 *   formatDateShort("2027-01-12") -> "12.01.2027"
 *   formatTime(instant)           -> "09.30"
 *   formatDateTime(instant)       -> "tirsdag den 12. januar 2027 kl. 09.30"
 */
import { DEFAULT_TIME_ZONE, isValidLocalDate, localDateOf, localTimeOf, localWeekday } from "./zoned-time.js";

let weekdayNames: readonly string[] | undefined;
let monthNames: readonly string[] | undefined;

function namePart(options: Intl.DateTimeFormatOptions, type: "weekday" | "month", utcMs: number): string {
  const parts = new Intl.DateTimeFormat("da-DK", { ...options, timeZone: "UTC" }).formatToParts(new Date(utcMs));
  const part = parts.find((p) => p.type === type);
  if (!part) throw new Error(`Intl da-DK did not return a ${type} part`);
  return part.value.toLocaleLowerCase("da-DK");
}

/** Danish weekday names indexed by ISO weekday - 1 (0 = mandag). */
function danishWeekdayNames(): readonly string[] {
  if (!weekdayNames) {
    // 2024-01-01 was a Monday.
    weekdayNames = Object.freeze(
      Array.from({ length: 7 }, (_, i) => namePart({ weekday: "long" }, "weekday", Date.UTC(2024, 0, 1 + i))),
    );
  }
  return weekdayNames;
}

/** Danish month names indexed by month - 1 (0 = januar). */
function danishMonthNames(): readonly string[] {
  if (!monthNames) {
    monthNames = Object.freeze(
      Array.from({ length: 12 }, (_, i) => namePart({ month: "long" }, "month", Date.UTC(2024, i, 15))),
    );
  }
  return monthNames;
}

function splitDate(date: string): { year: string; month: number; day: number } {
  if (!isValidLocalDate(date)) {
    throw new RangeError(`Invalid local date "${String(date)}" (expected an existing YYYY-MM-DD)`);
  }
  return { year: date.slice(0, 4), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** "tirsdag den 12. januar 2027" for "2027-01-12". */
export function formatDateLong(date: string): string {
  const { year, month, day } = splitDate(date);
  const weekday = danishWeekdayNames()[localWeekday(date) - 1];
  const monthName = danishMonthNames()[month - 1];
  return `${weekday ?? ""} den ${day}. ${monthName ?? ""} ${year}`;
}

/** "12. juli–8. august 2027", or "24. december 2026–1. januar 2027" over a new year (both inclusive). */
export function formatPeriod(from: string, to: string): string {
  const a = splitDate(from);
  const b = splitDate(to);
  const months = danishMonthNames();
  const head = `${a.day}. ${months[a.month - 1] ?? ""}${a.year === b.year ? "" : ` ${a.year}`}`;
  return `${head}–${b.day}. ${months[b.month - 1] ?? ""} ${b.year}`;
}

/** "12.01.2027" for "2027-01-12". */
export function formatDateShort(date: string): string {
  const { year, month, day } = splitDate(date);
  return `${String(day).padStart(2, "0")}.${String(month).padStart(2, "0")}.${year}`;
}

/** Local time of `instant` as "09.30" (24h, Danish dot separator, no "kl."). */
export function formatTime(instant: Date, tz: string = DEFAULT_TIME_ZONE): string {
  return localTimeOf(instant, tz).replace(":", ".");
}

/** "tirsdag den 12. januar 2027 kl. 09.30" for `instant` in `tz`. */
export function formatDateTime(instant: Date, tz: string = DEFAULT_TIME_ZONE): string {
  return `${formatDateLong(localDateOf(instant, tz))} kl. ${formatTime(instant, tz)}`;
}

/** Local date of `instant` as "3.3.2027" (day and month without leading zeros, as in a signature line). */
export function formatInstantDateCompact(instant: Date, tz: string = DEFAULT_TIME_ZONE): string {
  const { year, month, day } = splitDate(localDateOf(instant, tz));
  return `${day}.${month}.${year}`;
}

/** Local date of `instant` as "12.01.2027". */
export function formatInstantDateShort(instant: Date, tz: string = DEFAULT_TIME_ZONE): string {
  return formatDateShort(localDateOf(instant, tz));
}
