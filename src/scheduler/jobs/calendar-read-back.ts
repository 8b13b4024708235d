import type { Job } from "../scheduler.js";

/** What the read-back needs: reading is the domain's; applying its effects (cards, delivery) the Teams layer's. */
export interface CalendarReadBack {
  run(): Promise<{ counts: Record<string, number> }>;
}

export const CALENDAR_READ_BACK = "calendar-read-back";

/**
 * CALENDAR_SYNC=graph: the chairs' calendars read back (decision 0018), on one instance at a time:
 * a meeting moved or cancelled in Outlook follows, a decline is told to the chair.
 */
export function calendarReadBackJob(readBack: CalendarReadBack, cron: string): Job {
  return { name: CALENDAR_READ_BACK, cron, oneInstance: true, run: async () => (await readBack.run()).counts };
}
