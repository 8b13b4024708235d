/**
 * Closed periods (lukkeperioder): ranges of days when most day-care units and schools are closed
 * or half-staffed (the summer closure, the days between Christmas and New Year, vinterferie). The
 * bot proposes no meeting in them; a meeting planned by hand in one is planned, with a warning.
 *
 * One setting, comma-separated, each part one of:
 * - `W28..W31` or `W7`: ISO weeks (Monday to Sunday), every year. Week-based because the summer
 *   closure and vinterferie are agreed as weeks («uge 28–31», «uge 7»), whatever their dates.
 * - `07-06..08-02`: month-day to month-day, every year; `12-24..01-01` runs over New Year.
 * - `2027-07-05..2027-07-30`: a one-off range.
 * `ingen` (or `none`) means no closed periods at all.
 */
import { strings } from "./strings.da.js";
import { addDays, compareDates, isValidLocalDate, localWeekday } from "./zoned-time.js";

export type ClosedPeriodRule =
  | { kind: "weeks"; from: number; to: number }
  | { kind: "yearly"; from: string; to: string }
  | { kind: "once"; from: string; to: string };

/** The concrete days of a closed period that a date falls in, inclusive. */
export interface ClosedPeriod {
  from: string;
  to: string;
  /** The rule as written (e.g. "W28..W31"). */
  rule: string;
}

/** Summer closure weeks 28–31, the days around Christmas and New Year, vinterferie week 7. */
export const DEFAULT_CLOSED_PERIODS = "W28..W31,12-24..01-01,W7";

const WEEK = /^[Ww](\d{1,2})$/;
/** The setting that switches closed periods off (an empty one means the default). */
const NONE = /^\s*(ingen|none)\s*$/i;
const MONTH_DAY = /^\d{2}-\d{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One part, or a Danish sentence saying what is wrong with it. */
function parsePart(part: string): ClosedPeriodRule | string {
  const t = strings.planning;
  const [a = "", b, ...rest] = part.split("..");
  const to = b ?? a;
  if (rest.length > 0 || a === "") return t.periodShape(part);
  const wa = WEEK.exec(a);
  const wb = WEEK.exec(to);
  if (wa || wb) {
    if (!wa || !wb) return t.periodMixed(part);
    const from = Number(wa[1]);
    const until = Number(wb[1]);
    if (from < 1 || from > 53 || until < 1 || until > 53) return t.periodWeekRange(part);
    if (from > until) return t.periodWeeksOrder(part);
    return { kind: "weeks", from, to: until };
  }
  if (MONTH_DAY.test(a) && MONTH_DAY.test(to)) {
    // Checked against a leap year, so 02-29 is allowed (as in CLOSED_DAYS).
    if (!isValidLocalDate(`2000-${a}`) || !isValidLocalDate(`2000-${to}`)) return t.periodMonthDay(part);
    return { kind: "yearly", from: a, to };
  }
  if (DATE.test(a) && DATE.test(to)) {
    if (!isValidLocalDate(a) || !isValidLocalDate(to)) return t.periodDate(part);
    if (compareDates(a, to) > 0) return t.periodDatesOrder(part);
    return { kind: "once", from: a, to };
  }
  return t.periodShape(part);
}

/** The rules of a setting, or the problems with it in Danish (one per bad part). */
export function parseClosedPeriods(text: string): { rules: { rule: ClosedPeriodRule; text: string }[]; problems: string[] } {
  const rules: { rule: ClosedPeriodRule; text: string }[] = [];
  const problems: string[] = [];
  if (NONE.test(text)) return { rules, problems };
  for (const raw of text.split(",")) {
    const part = raw.trim();
    if (part === "") continue;
    const parsed = parsePart(part);
    if (typeof parsed === "string") problems.push(parsed);
    else rules.push({ rule: parsed, text: part });
  }
  return { rules, problems };
}

/** The ISO year and week of a local date. */
export function isoWeekOf(date: string): { year: number; week: number } {
  // The Thursday of the date's week decides the ISO year.
  const thursday = addDays(date, 4 - localWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const jan4 = `${String(year).padStart(4, "0")}-01-04`;
  const week1Monday = addDays(jan4, 1 - localWeekday(jan4));
  let weeks = 0;
  while (compareDates(addDays(week1Monday, (weeks + 1) * 7), thursday) <= 0) weeks += 1;
  return { year, week: weeks + 1 };
}

/** Monday of ISO week `week` of ISO year `year`. */
function mondayOfWeek(year: number, week: number): string {
  const jan4 = `${String(year).padStart(4, "0")}-01-04`;
  return addDays(addDays(jan4, 1 - localWeekday(jan4)), (week - 1) * 7);
}

const withYear = (year: number, monthDay: string): string => {
  const d = `${String(year).padStart(4, "0")}-${monthDay}`;
  return isValidLocalDate(d) ? d : `${String(year).padStart(4, "0")}-02-28`;
};

function periodOf(rule: ClosedPeriodRule, date: string): { from: string; to: string } | undefined {
  switch (rule.kind) {
    case "once":
      return compareDates(date, rule.from) >= 0 && compareDates(date, rule.to) <= 0 ? { from: rule.from, to: rule.to } : undefined;
    case "weeks": {
      const { year, week } = isoWeekOf(date);
      if (week < rule.from || week > rule.to) return undefined;
      return { from: mondayOfWeek(year, rule.from), to: addDays(mondayOfWeek(year, rule.to), 6) };
    }
    case "yearly": {
      const year = Number(date.slice(0, 4));
      const md = date.slice(5);
      if (rule.from <= rule.to) return md >= rule.from && md <= rule.to ? { from: withYear(year, rule.from), to: withYear(year, rule.to) } : undefined;
      // Over New Year: from this year into the next, or from last year into this.
      if (md >= rule.from) return { from: withYear(year, rule.from), to: withYear(year + 1, rule.to) };
      if (md <= rule.to) return { from: withYear(year - 1, rule.from), to: withYear(year, rule.to) };
      return undefined;
    }
  }
}

/**
 * A lookup: the closed period `date` falls in (the first rule that holds it), or undefined.
 * Throws RangeError naming the bad parts when the setting has any (config checks it first).
 */
export function closedPeriodLookup(text: string | readonly string[]): (date: string) => ClosedPeriod | undefined {
  const { rules, problems } = parseClosedPeriods(typeof text === "string" ? text : text.join(","));
  if (problems.length > 0) throw new RangeError(`Invalid closed periods: ${problems.join("; ")}`);
  return (date: string) => {
    for (const { rule, text: ruleText } of rules) {
      const p = periodOf(rule, date);
      if (p) return { ...p, rule: ruleText };
    }
    return undefined;
  };
}
