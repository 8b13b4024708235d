import type { WorkingCalendar } from "../lib/working-calendar.js";

/** The settings domain services need, taken from config by src/index.ts. */
export interface DomainSettings {
  calendar: WorkingCalendar;
  timezone: string;
  meetingPackLeadDays: number;
  oneOnOneMinutes: number;
  maxTextLength: number;
}
