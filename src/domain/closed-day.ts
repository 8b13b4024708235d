import { formatPeriod } from "../lib/format-da.js";
import { strings } from "../lib/strings.da.js";
import type { WorkingCalendar } from "../lib/working-calendar.js";

/** Why a date cannot be chosen, in a sentence (the calendar names holidays; "Weekend"/"Lukkedag" otherwise). */
export const closedDayText = (reason: string): string =>
  reason === "Weekend" ? strings.schedule.weekendDay : reason === "Lukkedag" ? strings.schedule.closingDay : strings.schedule.holiday(reason);

/** The warning for a date in a closed period (the summer closure, Christmas, vinterferie); undefined outside them. */
export function closedPeriodText(calendar: Pick<WorkingCalendar, "closedPeriod">, date: string): string | undefined {
  const period = calendar.closedPeriod(date);
  return period ? strings.planning.inClosedPeriod(formatPeriod(period.from, period.to)) : undefined;
}
