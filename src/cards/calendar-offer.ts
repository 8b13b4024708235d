import { strings } from "../lib/strings.da.js";

/**
 * «Føj til kalender» on a meeting's card (CALENDAR_SYNC=link; absent when it is off): the chair
 * gets Teams' new-meeting form filled in and the .ics file; everyone else the .ics file. A
 * cancelled meeting's file removes it from the calendar (METHOD:CANCEL).
 */
export interface CalendarOffer {
  /** Teams' new-meeting form, filled in (only for the chair of a meeting still to come). */
  teamsLink?: string;
  cancelled: boolean;
}

/** The fields every meeting card's template uses for it (empty strings: nothing shown). */
export interface CalendarOfferData {
  calendarButton: string;
  calendarTeamsLink: string;
  calendarIntro: string;
  calendarTeamsButton: string;
  calendarIcsButton: string;
}

export function calendarOfferData(offer: CalendarOffer | undefined): CalendarOfferData {
  const s = strings.calendar;
  if (!offer) return { calendarButton: "", calendarTeamsLink: "", calendarIntro: "", calendarTeamsButton: "", calendarIcsButton: "" };
  return {
    calendarButton: offer.cancelled ? s.removeButton : s.button,
    calendarTeamsLink: offer.cancelled ? "" : (offer.teamsLink ?? ""),
    calendarIntro: s.chairIntro,
    calendarTeamsButton: s.teamsButton,
    calendarIcsButton: s.icsButton,
  };
}
