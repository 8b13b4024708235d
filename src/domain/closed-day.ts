import { strings } from "../lib/strings.da.js";

/** Why a date cannot be chosen, in a sentence (the calendar names holidays; "Weekend"/"Lukkedag" otherwise). */
export const closedDayText = (reason: string): string =>
  reason === "Weekend" ? strings.schedule.weekendDay : reason === "Lukkedag" ? strings.schedule.closingDay : strings.schedule.holiday(reason);
