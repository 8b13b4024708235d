import { strings } from "../lib/strings.da.js";
import type { Meeting, Person } from "../domain/types.js";
import { kindLabel, meetingStatus, meetingWhen } from "./meeting-labels.js";
import { isReopened } from "../domain/closing.js";
import { expand, type AdaptiveCard } from "./template.js";
import { calendarOfferData, type CalendarOffer, type CalendarOfferData } from "./calendar-offer.js";

export interface MeetingsCardData {
  title: string;
  none: string;
  sections: { heading: string; meetings: ({ label: string; meta: string; meetingId: string; isChair: boolean; hasReferat: boolean } & Pick<CalendarOfferData, "calendarButton" | "calendarTeamsLink">)[] }[];
  agendaButton: string;
  reflectionButton: string;
  formButton: string;
  referatButton: string;
  calendarIntro: string;
  calendarTeamsButton: string;
  calendarIcsButton: string;
}

export interface MeetingsCardInput {
  upcoming: Meeting[];
  recent: Meeting[];
  viewer: Person;
  now: Date;
  tz: string;
  /** «Føj til kalender» per meeting (absent, or undefined for a meeting: nothing about calendars). */
  calendarOf?: (m: Meeting) => CalendarOffer | undefined;
}

/**
 * What a meeting is called in the list: a læringssamtale by its kind (the unit is beside it); a
 * 1:1 by the other person, and in a leader's own 1:1 with their role.
 */
function meetingLabel(m: Meeting, viewer: Person): string {
  const s = strings.meetings;
  if (m.kind === "laeringssamtale") return kindLabel(m);
  const other = m.participants.find((p) => p.person.id !== viewer.id)?.person.name ?? "";
  if (m.kind === "one_on_one") return s.oneOnOneWith(other);
  // leader_pl: the unit leader chairs; the pædagogisk leder is the meeting's «leader».
  return s.plWith(other, m.chairId === viewer.id ? strings.meeting.roles.paedagogisk_leder : strings.meeting.roles.leader);
}

export function meetingsCardData({ upcoming, recent, viewer, now, tz, calendarOf }: MeetingsCardInput): MeetingsCardData {
  const s = strings.meetings;
  const row = (m: Meeting) => {
    const calendar = calendarOfferData(calendarOf?.(m));
    return {
      calendarButton: calendar.calendarButton,
      calendarTeamsLink: calendar.calendarTeamsLink,
      label: meetingLabel(m, viewer),
      meta: `${meetingWhen(m, tz)} · ${m.unit.name} · ${meetingStatus(m, now >= m.startsAt)}`,
      meetingId: m.id,
      isChair: m.chairId === viewer.id,
      // Reopened for corrections, the referat sent stays readable.
      hasReferat: m.status === "closed" || isReopened(m),
    };
  };
  const sections = [
    { heading: s.upcoming, meetings: upcoming.map(row) },
    { heading: s.recent, meetings: recent.map(row) },
  ].filter((x) => x.meetings.length > 0);
  const data: MeetingsCardData = {
    title: s.title,
    none: sections.length === 0 ? s.none : "",
    sections,
    agendaButton: s.agendaButton,
    reflectionButton: s.reflectionButton,
    formButton: s.formButton,
    referatButton: s.referatButton,
    calendarIntro: strings.calendar.chairIntro,
    calendarTeamsButton: strings.calendar.teamsButton,
    calendarIcsButton: strings.calendar.icsButton,
  };
  return data;
}

export const buildMeetingsCard = (input: MeetingsCardInput): AdaptiveCard => expand("meetings", meetingsCardData(input));
