import type { WorkingCalendar } from "../lib/working-calendar.js";
import type { GuestLinkSettings } from "./guest-link-service.js";
import type { TemplateSet } from "./meeting-template.js";

/** The settings domain services need, taken from config by src/index.ts. */
export interface DomainSettings {
  calendar: WorkingCalendar;
  timezone: string;
  /** Minutes kept free between two meetings of one person when the bot proposes times (MEETING_BUFFER_MINUTES). */
  meetingBufferMinutes: number;
  meetingPackLeadDays: number;
  /** Days after closing that the chair may reopen a meeting to correct it (0: not at all). */
  meetingReopenDays: number;
  /** Whether a 1:1's referat is approved by its leader (a læringssamtale's is always approved by all but its chair). */
  referatApprovalOneToOne: boolean;
  /** Working days before a follow-up's frist that its owner is reminded (0: not at all). */
  followUpDueSoonDays: number;
  /**
   * Calendar days before a later læringssamtale that the board is asked for its udtalelse (when the
   * chair chose «Udtalelse»): early enough for a board that meets monthly.
   */
  boardStatementDays: number;
  /** What a unit may carry (focus areas, the forvaltning's initiatives, open læringssamtale agreements) before it is flagged. */
  intentionCeiling: number;
  maxTextLength: number;
  /** When the weekly digest goes to the chiefs' channels (ISO weekday, "HH:MM"). */
  channelDigest: { weekday: number; time: string };
  templates: TemplateSet;
  /**
   * How meetings reach calendars (CALENDAR_SYNC): `link` and, until it is built, `graph` offer
   * «Føj til kalender» on the meeting cards; `off` nothing. `botId`: the bot's app id, for the link
   * back to its chat in a meeting's description (absent in local anonymous mode).
   */
  /** People outside Teams' links (GUEST_LINK_SECRET, GUEST_LINK_DAYS, PUBLIC_URL; decision 0025). */
  guestLinks: GuestLinkSettings;
  calendarSync: {
    mode: "link" | "graph" | "off";
    botId?: string;
    /** How long a calendar job holds a meeting's event (the outbox's lease: a dead worker's hold runs out with its row's). */
    lockMs?: number;
  };
}
