/**
 * Dates as Danish people write and say them, read against an injected "today" (a local date in
 * Europe/Copenhagen, "YYYY-MM-DD"), so the result never depends on the machine's clock or zone.
 *
 *   i dag · i morgen · i overmorgen
 *   mandag · på mandag        the next Monday after today (never today itself)
 *   næste mandag              that weekday in next week (for Monday the same as «mandag»)
 *   næste uge · i næste uge   the Monday of next week
 *   uge 3 · uge 3 2027        the Monday of ISO week 3: the next one from today on, or that year's
 *   12/1 · 12.1 · 12-1        the next 12 January from today on
 *   12. januar · 12 jan.      the same, with the month's name or its short form
 *   12/1 2027 · 12.01.2027 · 12-1-27 · 12. januar 2027 · 2027-01-12   exactly that date
 *   mandag den 12. januar     accepted when the weekday is right
 *
 * Returns "YYYY-MM-DD", or undefined for anything else (including dates that do not exist, such
 * as 31/2 or 29/2 2027). Whether a date is acceptable (not past, not too far) is the caller's rule.
 */
import { addDays, isValidLocalDate, localWeekday } from "./zoned-time.js";

const WEEKDAYS: Record<string, number> = {
  mandag: 1, man: 1,
  tirsdag: 2, tirs: 2, tir: 2,
  onsdag: 3, ons: 3,
  torsdag: 4, tors: 4, tor: 4,
  fredag: 5, fre: 5,
  lørdag: 6, loerdag: 6, lør: 6, loer: 6,
  søndag: 7, soendag: 7, søn: 7, soen: 7,
};

const MONTHS: Record<string, number> = {
  januar: 1, jan: 1,
  februar: 2, feb: 2,
  marts: 3, mar: 3,
  april: 4, apr: 4,
  maj: 5,
  juni: 6, jun: 6,
  juli: 7, jul: 7,
  august: 8, aug: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10,
  november: 11, nov: 11,
  december: 12, dec: 12,
};

/** A word's number in one of the tables above (own keys only: «constructor» is no weekday). */
const lookup = (table: Record<string, number>, word: string | undefined): number | undefined =>
  word !== undefined && Object.hasOwn(table, word) ? table[word] : undefined;

/** How far ahead a date without a year is looked for (29 February can be eight years away). */
const YEARS_AHEAD = 8;

const pad = (n: number): string => String(n).padStart(2, "0");
const dateOf = (year: number, month: number, day: number): string => `${String(year).padStart(4, "0")}-${pad(month)}-${pad(day)}`;
const yearOf = (date: string): number => Number(date.slice(0, 4));

/** The first date from `today` on with this month and day (the year it next exists in). */
function nextOccurrence(month: number, day: number, today: string): string | undefined {
  for (let y = yearOf(today); y <= yearOf(today) + YEARS_AHEAD; y++) {
    const d = dateOf(y, month, day);
    if (isValidLocalDate(d) && d >= today) return d;
  }
  return undefined;
}

/** The next date after `today` that falls on ISO weekday `weekday` (1 = Monday). */
const nextWeekday = (weekday: number, today: string): string => addDays(today, ((weekday - localWeekday(today) + 6) % 7) + 1);

/** That weekday in the ISO week after today's. */
const weekdayNextWeek = (weekday: number, today: string): string => addDays(today, 7 - localWeekday(today) + weekday);

/** The Monday of ISO week `week` of ISO year `year`, or undefined if that year has no such week. */
function mondayOfIsoWeek(year: number, week: number): string | undefined {
  if (week < 1 || week > 53) return undefined;
  const jan4 = dateOf(year, 1, 4); // always in week 1
  const monday = addDays(addDays(jan4, 1 - localWeekday(jan4)), 7 * (week - 1));
  // The week belongs to the ISO year of its Thursday.
  return yearOf(addDays(monday, 3)) === year ? monday : undefined;
}

function isoWeekMonday(week: number, year: number | undefined, today: string): string | undefined {
  if (year !== undefined) return mondayOfIsoWeek(year, week);
  for (let y = yearOf(today) - 1; y <= yearOf(today) + YEARS_AHEAD; y++) {
    const monday = mondayOfIsoWeek(y, week);
    if (monday && monday >= today) return monday;
  }
  return undefined;
}

function fullYear(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

function exactOrNext(day: number, month: number, year: number | undefined, today: string): string | undefined {
  if (year === undefined) return nextOccurrence(month, day, today);
  const d = dateOf(year, month, day);
  return isValidLocalDate(d) ? d : undefined;
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
/** 12/1, 12.1, 12-1, with a year after the same separator or a space: 12.01.2027, 12/1 2027, 12-1-27. */
const NUMERIC = /^(\d{1,2})([./-])(\d{1,2})(?:(?:\2|\s)(\d{4}|\d{2}))?$/;
/** 12. januar, 12 jan., 12.jan 2027. */
const NAMED = /^(\d{1,2})\.?\s*([a-zæøå]+)\.?(?:\s+(\d{4}))?$/;
const WEEK = /^uge\s*(\d{1,2})(?:\s+(\d{4}))?$/;

/** A date without a weekday in front: the relative words, a week, or a calendar date. */
function parsePlain(text: string, today: string): string | undefined {
  if (text === "i dag" || text === "idag") return today;
  if (text === "i morgen" || text === "imorgen") return addDays(today, 1);
  if (text === "i overmorgen" || text === "iovermorgen" || text === "overmorgen") return addDays(today, 2);
  const week = WEEK.exec(text);
  if (week) return isoWeekMonday(Number(week[1]), fullYear(week[2]), today);
  const iso = ISO.exec(text);
  if (iso) return exactOrNext(Number(iso[3]), Number(iso[2]), Number(iso[1]), today);
  const numeric = NUMERIC.exec(text);
  if (numeric) return exactOrNext(Number(numeric[1]), Number(numeric[3]), fullYear(numeric[4]), today);
  const named = NAMED.exec(text);
  if (named) {
    const month = lookup(MONTHS, named[2]);
    return month ? exactOrNext(Number(named[1]), month, fullYear(named[3]), today) : undefined;
  }
  return undefined;
}

/** Lower case, single spaces, no punctuation at the ends, no leading «den»/«på». */
function normalise(text: string): string {
  return text
    .normalize("NFC")
    .toLocaleLowerCase("da-DK")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[\s,;:!?]+|[\s,;:!?]+$/g, "")
    .replace(/^(?:på|paa)\s+/, "")
    .replace(/^den\s+/, "");
}

/** Reads a date a person typed; see the module comment for what is understood. */
export function parseDanishDate(input: string, today: string): string | undefined {
  if (typeof input !== "string" || !isValidLocalDate(today)) return undefined;
  const text = normalise(input);
  if (text === "" || text.length > 40) return undefined;

  if (/^(?:i\s+)?(?:næste|naeste)\s+uge$/.test(text)) return weekdayNextWeek(1, today);
  const next = /^(?:næste|naeste)\s+([a-zæøå]+)$/.exec(text) ?? /^([a-zæøå]+)\s+i\s+(?:næste|naeste)\s+uge$/.exec(text);
  if (next) {
    const weekday = lookup(WEEKDAYS, next[1]);
    return weekday ? weekdayNextWeek(weekday, today) : undefined;
  }
  const weekday = lookup(WEEKDAYS, text.replace(/\.$/, ""));
  if (weekday) return nextWeekday(weekday, today);

  // «mandag den 12. januar», «tirsdag 12/1»: the weekday must be the date's.
  const named = /^([a-zæøå]+)\.?,?\s+(?:den\s+)?(\d.*)$/.exec(text);
  const namedWeekday = lookup(WEEKDAYS, named?.[1]);
  if (named && namedWeekday) {
    const date = parsePlain(named[2]!.replace(/\.$/, ""), today);
    return date && localWeekday(date) === namedWeekday ? date : undefined;
  }
  return parsePlain(text.replace(/\.$/, ""), today);
}
