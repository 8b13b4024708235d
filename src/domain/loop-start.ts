/**
 * When a læringsloop begins (seed 002, decision 0021). The first læringssamtale of a loop comes
 * «i umiddelbar forlængelse af den politiske drøftelse» of the quality report, and the byråd gets
 * «en rapport på 6-18-årsområdet i lige år og en rapport på 0-6-årsområdet i ulige år». So a loop's
 * start follows from the age group of its units: the day after the political discussion usually is
 * (`loopStartDay`, a day of the year), in an odd year for dagtilbud and an even year for skole and FU.
 */
import type { UnitType } from "./types.js";

export type AgeGroup = "0-6" | "6-18";

/** Dagtilbud are 0–6; schools and fritids- og ungdomsklubber (FU) 6–18. */
export const ageGroupOf = (type: UnitType): AgeGroup => (type === "dagtilbud" ? "0-6" : "6-18");

/** Whether the quality report of an age group is discussed politically in `year`: 6–18 in even years, 0–6 in odd ones. */
export const discussedIn = (group: AgeGroup, year: number): boolean => (group === "6-18" ? year % 2 === 0 : year % 2 === 1);

/**
 * The default day of the year a derived loop starts, "MM-DD": 1 March. The seeds give the season,
 * not the date (decision 0021): the four læringssamtaler are one each spring and autumn, the first
 * right after the political discussion, with a datapakke on the report's themes before it; so the
 * report is discussed in the winter and the loop opens with the spring (the årshjul's spring window
 * begins 1 March), and its fourth samtale in the second autumn comes before the next report.
 */
export const DEFAULT_LOOP_START_DAY = "03-01";

/** A day of the year, "MM-DD", that exists in every year (so not 29 February). */
export function isValidDayOfYear(day: string): boolean {
  if (!/^\d{2}-\d{2}$/.test(day) || day === "02-29") return false;
  const d = new Date(`2001-${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(5, 10) === day;
}

/** The age groups of a loop's unit types, each once. */
export const ageGroupsOf = (types: readonly UnitType[]): AgeGroup[] => [...new Set(types.map(ageGroupOf))];

/** The derived start of a loop whose political discussion is in `year`: "YYYY-MM-DD". */
export const derivedLoopStart = (year: number, day: string = DEFAULT_LOOP_START_DAY): string => `${String(year).padStart(4, "0")}-${day}`;

/**
 * What is wrong with deriving a loop's start (Danish, for the administrator), or undefined: the unit
 * types must share one age group, and the year must be one in which that group's report is discussed.
 */
export function derivationIssue(types: readonly UnitType[], year: number): string | undefined {
  const groups = ageGroupsOf(types);
  // No unit types is its own mistake (the schema names it), not a mixed loop.
  if (groups.length === 0) return undefined;
  if (groups.length > 1) return "blander 0–6 og 6–18 år, hvis kvalitetsrapporter drøftes i hver sit år: skriv start (en dato) eller del loopet i to";
  const group = groups[0]!;
  if (!discussedIn(group, year)) {
    return group === "0-6"
      ? `0–6-årsområdets kvalitetsrapport drøftes politisk i ulige år, ikke ${year}: skriv ${year - 1} eller ${year + 1}, eller skriv start (en dato), hvis loopet skal begynde et andet år`
      : `6–18-årsområdets kvalitetsrapport drøftes politisk i lige år, ikke ${year}: skriv ${year - 1} eller ${year + 1}, eller skriv start (en dato), hvis loopet skal begynde et andet år`;
  }
  return undefined;
}
