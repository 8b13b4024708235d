/**
 * Time-zone helpers built on `Intl.DateTimeFormat` only (no libraries, and
 * independent of the process's `TZ` environment variable).
 *
 * Terminology:
 * - a "local date" is a calendar date string `"YYYY-MM-DD"`;
 * - a "local time" is a 24-hour wall-clock time string `"HH:MM"`;
 * - an "instant" is a JavaScript `Date` (a point on the UTC time line).
 */

export const DEFAULT_TIME_ZONE = "Europe/Copenhagen";

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatterCache = new Map<string, Intl.DateTimeFormat>();

function wallClockFormatter(tz: string): Intl.DateTimeFormat {
  let fmt = formatterCache.get(tz);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatterCache.set(tz, fmt);
  }
  return fmt;
}

function assertValidInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError("Invalid instant (Date)");
  }
}

/** The wall-clock reading of `instant` in `tz`: the instant moved by the zone's offset, read as UTC. */
function wallClockOf(instant: Date, tz: string): WallClock {
  assertValidInstant(instant);
  const ms = instant.getTime();
  const local = new Date(ms + offsetAt(ms, tz));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/** The wall-clock reading of `instant` in `tz`, as Intl formats it (slow: the offset cache's source). */
function intlWallClockOf(instant: Date, tz: string): WallClock {
  assertValidInstant(instant);
  const parts = wallClockFormatter(tz).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const part = parts.find((p) => p.type === type);
    if (!part) throw new Error(`Intl did not return a ${type} part`);
    return Number(part.value);
  };
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    // Some ICU versions render midnight as "24" even with h23; normalise.
    hour: get("hour") % 24,
    minute: get("minute"),
    second: get("second"),
  };
}

/** A zone's offset is looked up once per quarter of an hour of UTC time it is asked about. */
const OFFSET_SPAN_MS = 15 * MS_PER_MINUTE;
const MAX_KNOWN_SPANS = 4096;
const knownOffsets = new Map<string, Map<number, number>>();

/**
 * Offset (ms) of `tz` from UTC at the given instant (local = utc + offset). Asking Intl is the
 * slow part of every date a card shows, so the offset is kept per quarter hour of UTC time when
 * it is the same at that quarter's first and last second: no zone changes its offset twice in a
 * quarter of an hour, so it holds throughout. A quarter with a change in it (a DST switch, or an
 * old local mean time ending on an odd second) is asked about at the exact instant, every time.
 */
export function offsetAt(utcMs: number, tz: string): number {
  if (!Number.isFinite(utcMs)) throw new RangeError("Invalid instant (Date)");
  const span = Math.floor(utcMs / OFFSET_SPAN_MS);
  let known = knownOffsets.get(tz);
  const hit = known?.get(span);
  if (hit !== undefined) return hit;
  const start = span * OFFSET_SPAN_MS;
  const first = exactOffsetAt(start, tz);
  if (first !== exactOffsetAt(start + OFFSET_SPAN_MS - 1000, tz)) return exactOffsetAt(utcMs, tz);
  if (!known) knownOffsets.set(tz, (known = new Map()));
  if (known.size >= MAX_KNOWN_SPANS) known.clear();
  known.set(span, first);
  return first;
}

/** Offset (ms) of `tz` from UTC at the given instant, asked of Intl. */
function exactOffsetAt(utcMs: number, tz: string): number {
  const w = intlWallClockOf(new Date(utcMs), tz);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  // Drop sub-second precision of the input so the difference is exact.
  const truncated = Math.floor(utcMs / 1000) * 1000;
  return asUtc - truncated;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function formatLocalDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** Parses a local date, returning undefined if malformed or non-existent. */
function tryParseLocalDate(s: string): DateParts | undefined {
  if (typeof s !== "string") return undefined;
  const m = LOCAL_DATE_RE.exec(s);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return undefined;
  const d = new Date(Date.UTC(2000, month - 1, day));
  d.setUTCFullYear(year);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    return undefined;
  }
  return { year, month, day };
}

function parseLocalDate(s: string): DateParts {
  const p = tryParseLocalDate(s);
  if (!p) throw new RangeError(`Invalid local date "${String(s)}" (expected an existing YYYY-MM-DD)`);
  return p;
}

function parseLocalTime(s: string): { hour: number; minute: number } {
  const m = typeof s === "string" ? LOCAL_TIME_RE.exec(s) : null;
  if (!m) throw new RangeError(`Invalid local time "${String(s)}" (expected HH:MM, 00:00-23:59)`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** Milliseconds of UTC midnight of a (proleptic Gregorian) local date. */
function utcMidnightMs(p: DateParts): number {
  const d = new Date(Date.UTC(2000, p.month - 1, p.day));
  d.setUTCFullYear(p.year);
  return d.getTime();
}

/** True if `s` is a `"YYYY-MM-DD"` string naming an existing calendar date. */
export function isValidLocalDate(s: string): boolean {
  return tryParseLocalDate(s) !== undefined;
}

/** True if `s` is a 24-hour `"HH:MM"` string (00:00 - 23:59). */
export function isValidLocalTime(s: string): boolean {
  return typeof s === "string" && LOCAL_TIME_RE.test(s);
}

/** The local calendar date (`"YYYY-MM-DD"`) of `instant` in `tz`. */
export function localDateOf(instant: Date, tz: string = DEFAULT_TIME_ZONE): string {
  const w = wallClockOf(instant, tz);
  return formatLocalDate(w.year, w.month, w.day);
}

/** The local wall-clock time (`"HH:MM"`, 24h) of `instant` in `tz`. */
export function localTimeOf(instant: Date, tz: string = DEFAULT_TIME_ZONE): string {
  const w = wallClockOf(instant, tz);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** ISO weekday of a calendar date: 1 = Monday ... 7 = Sunday. */
export function localWeekday(date: string): number {
  const dow = new Date(utcMidnightMs(parseLocalDate(date))).getUTCDay(); // 0 = Sunday
  return dow === 0 ? 7 : dow;
}

/**
 * The UTC instant at which the wall clock in `tz` shows `date` `time`.
 *
 * DST handling:
 * - spring-forward gap (the wall time does not exist): returns the instant
 *   that the wall time maps to using the pre-transition offset, i.e. the
 *   wall time shifted forward by the gap (02:30 -> 03:30 CEST in Copenhagen);
 * - autumn overlap (the wall time occurs twice): returns the earlier instant
 *   (the one still on summer time).
 */
export function zonedToUtc(date: string, time: string, tz: string = DEFAULT_TIME_ZONE): Date {
  const d = parseLocalDate(date);
  const t = parseLocalTime(time);
  const naive = utcMidnightMs(d) + (t.hour * 60 + t.minute) * MS_PER_MINUTE;

  // Offsets in force a day before and a day after cover any single transition
  // near the requested wall time.
  const offsetBefore = offsetAt(naive - MS_PER_DAY, tz);
  const offsetAfter = offsetAt(naive + MS_PER_DAY, tz);

  const candidates: number[] = [];
  for (const offset of new Set([offsetBefore, offsetAfter])) {
    const utc = naive - offset;
    if (offsetAt(utc, tz) === offset) candidates.push(utc);
  }
  if (candidates.length > 0) {
    return new Date(Math.min(...candidates));
  }
  // Gap: the wall time is skipped. Interpreting it with the offset that was in
  // force before the transition moves it forward by the size of the gap.
  return new Date(naive - offsetBefore);
}

/** Calendar arithmetic on local dates: `date` plus `n` days (n may be negative). */
export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`addDays: n must be an integer, got ${n}`);
  const d = new Date(utcMidnightMs(parseLocalDate(date)) + n * MS_PER_DAY);
  return formatLocalDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** `date` plus `n` calendar months; a day the month lacks becomes its last day (31.01 + 1 → 28.02). */
export function addMonths(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`addMonths: n must be an integer, got ${n}`);
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const months = y * 12 + (m - 1) + n;
  const year = Math.floor(months / 12);
  const month = (months % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return formatLocalDate(year, month, Math.min(d, last));
}

/** Compares two local dates: negative if a < b, 0 if equal, positive if a > b. */
export function compareDates(a: string, b: string): number {
  const ma = utcMidnightMs(parseLocalDate(a));
  const mb = utcMidnightMs(parseLocalDate(b));
  return ma < mb ? -1 : ma > mb ? 1 : 0;
}
