import { strings } from "../lib/strings.da.js";
import type { IcsCalendar, IcsEvent } from "../lib/icalendar.js";
import { localDateOf, localTimeOf, offsetAt } from "../lib/zoned-time.js";
import type { DomainSettings } from "./settings.js";
import type { Meeting, Person } from "./types.js";

/**
 * A meeting as a calendar entry (CALENDAR_SYNC=link; docs/decisions/0017-calendar-link.md): the
 * Teams deep link that opens Teams' own new-meeting form filled in, and the iCalendar event of the
 * .ics files. Only what the meeting's own people see on its cards goes in: the kind, the unit, the
 * participants' names and a link back to the bot. Never the agenda, reflections or decisions.
 */

/** Whether the cards offer anything about calendars at all (CALENDAR_SYNC=off: nothing). */
export const calendarOffered = (settings: Pick<DomainSettings, "calendarSync">): boolean => settings.calendarSync.mode !== "off";

/** The same for every copy of every file: importing again updates the entry. */
export const meetingUid = (meetingId: string): string => `${meetingId}@laeringsloop`;

/** Teams' chat with the bot (the documented deep link to a chat with a bot: users=28:<app id>). */
export const botChatUrl = (botId: string): string => `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(`28:${botId}`)}`;

export const kindKey = (m: Pick<Meeting, "kind" | "firstOfLoop">): keyof typeof strings.meeting.kinds => (m.kind === "laeringssamtale" && m.firstOfLoop ? "laeringssamtaleFirst" : m.kind);

/** «Læringssamtale: Dagtilbud Solsikken», «1:1 ledelsesopfølgning: Alex Wilber og Megan Bowen». */
export function meetingTitle(m: Meeting): string {
  const kind = strings.meeting.kinds[kindKey(m)];
  if (m.kind === "laeringssamtale") return strings.calendar.title(kind, m.unit.name);
  return strings.calendar.title(kind, m.participants.map((p) => p.person.name).join(strings.calendar.and));
}

/** The entry's text: what, where, who, and where the dagsorden is. Plain text (the .ics escapes it). */
export function meetingDescription(m: Meeting, botId: string | undefined): string {
  const c = strings.calendar;
  const who = m.participants.map((p) => (p.person.id === m.chairId ? c.chairName(p.person.name) : p.person.name)).join(", ");
  return [c.about(strings.meeting.kindsInText[kindKey(m)], m.unit.name), c.participants(who), botId ? c.botLink(botChatUrl(botId)) : c.inTeams].join("\n");
}

/** The end of a meeting. */
export const meetingEnd = (m: Pick<Meeting, "startsAt" | "durationMinutes">): Date => new Date(m.startsAt.getTime() + m.durationMinutes * 60_000);

/** ISO 8601 with the zone's offset, as Teams' deep link wants it: 2027-03-02T09:00:00+01:00. */
export function isoWithOffset(instant: Date, tz: string): string {
  const date = localDateOf(instant, tz);
  const time = localTimeOf(instant, tz);
  const offset = Math.round(offsetAt(instant.getTime(), tz) / 60_000);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${date}T${time}:00${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** An e-mail address in a query string: the characters a query could misread encoded, @ kept readable. */
const emailParam = (email: string): string => encodeURIComponent(email).replace(/%40/g, "@");

/**
 * Teams' new-meeting form, filled in (learn.microsoft.com: «Deep link to open a meeting scheduling
 * dialog»): subject, start and end with their offset, the other participants by e-mail (UPN) as
 * attendees, and the description. The person who opens it is the organiser, so only the chair gets
 * it (one Teams meeting per meeting, not one per participant), only for a meeting still to come, and
 * only with CALENDAR_SYNC=link.
 */
export function teamsMeetingLink(m: Meeting, viewer: Person, settings: Pick<DomainSettings, "calendarSync" | "timezone">, now: Date): string | undefined {
  // With CALENDAR_SYNC=graph the bot makes the Teams meeting itself (0018): a second one would be a double booking.
  if (settings.calendarSync.mode !== "link" || m.chairId !== viewer.id || m.status !== "planned" || meetingEnd(m) <= now) return undefined;
  const attendees = m.participants.filter((p) => p.person.id !== viewer.id && p.person.email).map((p) => emailParam(p.person.email!));
  const query = [
    `subject=${encodeURIComponent(meetingTitle(m))}`,
    `startTime=${encodeURIComponent(isoWithOffset(m.startsAt, settings.timezone))}`,
    `endTime=${encodeURIComponent(isoWithOffset(meetingEnd(m), settings.timezone))}`,
    `content=${encodeURIComponent(meetingDescription(m, settings.calendarSync.botId))}`,
    ...(attendees.length ? [`attendees=${attendees.join(",")}`] : []),
  ];
  return `https://teams.microsoft.com/l/meeting/new?${query.join("&")}`;
}

/** Whether the person may have the meeting in a calendar file: its own participants only. */
export const takesPart = (m: Meeting, person: Pick<Person, "id">): boolean => m.participants.some((p) => p.person.id === person.id);

/**
 * The METHOD of a file with these meetings, decided before its events are made. A CANCEL (RFC 5546
 * 3.2.5) needs an ORGANIZER and ATTENDEEs: so only one cancelled meeting whose chair has an address
 * and with at least one other participant with an address is a cancellation; otherwise (a file of
 * several, or no one to address) the file is a PUBLISH and the meeting in it is STATUS:CANCELLED.
 */
export function calendarMethod(list: readonly Meeting[]): IcsCalendar["method"] {
  const m = list.length === 1 ? list[0]! : undefined;
  if (!m || m.status !== "cancelled") return "PUBLISH";
  const chair = m.participants.find((p) => p.person.id === m.chairId)?.person;
  const others = m.participants.filter((p) => p.person.id !== m.chairId && p.person.email);
  return chair?.email && others.length > 0 ? "CANCEL" : "PUBLISH";
}

/**
 * The meeting as an iCalendar event of a file with the given METHOD (decided first, for the whole
 * file). `sequence` counts its changes of time and status (calendar-service.ts); the organiser is
 * the chair when the organisation file has their address; only a CANCEL names the participants it
 * concerns as ATTENDEEs (RFC 5546 3.2.1: a PUBLISH has none).
 */
export function meetingEvent(m: Meeting, sequence: number, botId: string | undefined, method: IcsCalendar["method"]): IcsEvent {
  const withEmail = (p: Person) => (p.email ? [{ name: p.name, email: p.email }] : []);
  const chair = m.participants.find((p) => p.person.id === m.chairId)?.person;
  const cancelled = m.status === "cancelled";
  return {
    uid: meetingUid(m.id),
    sequence,
    start: m.startsAt,
    end: meetingEnd(m),
    summary: cancelled ? strings.calendar.cancelledTitle(meetingTitle(m)) : meetingTitle(m),
    description: meetingDescription(m, botId),
    status: cancelled ? "CANCELLED" : "CONFIRMED",
    organizer: chair ? withEmail(chair)[0] : undefined,
    attendees: method === "CANCEL" ? m.participants.flatMap((p) => withEmail(p.person)) : undefined,
    url: botId ? botChatUrl(botId) : undefined,
  };
}
