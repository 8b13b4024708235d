/**
 * Danish public holidays (helligdage) per year, computed from the Gregorian
 * Easter date. Store bededag was abolished from 2024 on.
 */
import { addDays, isValidLocalDate } from "./zoned-time.js";

export interface DanishPublicHoliday {
  /** Local date, "YYYY-MM-DD". */
  date: string;
  /** Danish name, e.g. "Skærtorsdag". */
  name: string;
}

/** Last year in which Store bededag was a public holiday. */
export const LAST_STORE_BEDEDAG_YEAR = 2023;

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`Unsupported year ${year} (expected an integer 1583-9999)`);
  }
}

function ymd(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Easter Sunday ("YYYY-MM-DD") by the anonymous Gregorian computus (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  assertYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

const holidayCache = new Map<number, readonly DanishPublicHoliday[]>();
const holidayByDateCache = new Map<number, ReadonlyMap<string, string>>();

function computeHolidays(year: number): readonly DanishPublicHoliday[] {
  const easter = easterSunday(year);
  const list: DanishPublicHoliday[] = [
    { date: ymd(year, 1, 1), name: "Nytårsdag" },
    { date: addDays(easter, -3), name: "Skærtorsdag" },
    { date: addDays(easter, -2), name: "Langfredag" },
    { date: easter, name: "Påskedag" },
    { date: addDays(easter, 1), name: "2. påskedag" },
  ];
  if (year <= LAST_STORE_BEDEDAG_YEAR) {
    list.push({ date: addDays(easter, 26), name: "Store bededag" });
  }
  list.push(
    { date: addDays(easter, 39), name: "Kristi himmelfartsdag" },
    { date: addDays(easter, 49), name: "Pinsedag" },
    { date: addDays(easter, 50), name: "2. pinsedag" },
    { date: ymd(year, 12, 25), name: "Juledag" },
    { date: ymd(year, 12, 26), name: "2. juledag" },
  );
  // ISO date strings sort chronologically.
  list.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  return Object.freeze(list.map((h) => Object.freeze(h)));
}

function holidaysFor(year: number): readonly DanishPublicHoliday[] {
  let list = holidayCache.get(year);
  if (!list) {
    list = computeHolidays(year);
    holidayCache.set(year, list);
  }
  return list;
}

/** All Danish public holidays of `year`, sorted by date. Returns a fresh array. */
export function danishPublicHolidays(year: number): { date: string; name: string }[] {
  assertYear(year);
  return holidaysFor(year).map((h) => ({ date: h.date, name: h.name }));
}

/**
 * The Danish name of the public holiday on `date` ("YYYY-MM-DD"), or
 * undefined if it is not a public holiday (or not a valid date).
 */
export function danishPublicHoliday(date: string): string | undefined {
  if (!isValidLocalDate(date)) return undefined;
  const year = Number(date.slice(0, 4));
  if (year < 1583) return undefined;
  let byDate = holidayByDateCache.get(year);
  if (!byDate) {
    byDate = new Map(holidaysFor(year).map((h) => [h.date, h.name]));
    holidayByDateCache.set(year, byDate);
  }
  return byDate.get(date);
}
