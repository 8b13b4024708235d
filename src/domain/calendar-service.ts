import { AppError } from "../lib/errors.js";
import { writeCalendar } from "../lib/icalendar.js";
import { strings } from "../lib/strings.da.js";
import { localDateOf } from "../lib/zoned-time.js";
import { calendarMethod, calendarOffered, meetingEvent, takesPart } from "./calendar.js";
import { newOneTimeToken, tokenHash } from "./one-time-link.js";
import type { CalendarFileToken, CalendarRepository, Clock, LoopRepository, MeetingRepository, UnitRepository } from "./ports.js";
import type { DomainSettings } from "./settings.js";
import type { Meeting, Person } from "./types.js";

export interface CalendarServiceDeps {
  calendars: CalendarRepository;
  meetings: MeetingRepository;
  units: UnitRepository;
  loops: LoopRepository;
  clock: Clock;
  settings: DomainSettings;
}

export type CalendarService = ReturnType<typeof createCalendarService>;

export interface CalendarFile {
  filename: string;
  /** PUBLISH, or CANCEL for one cancelled meeting with an organiser and an attendee (calendarMethod; the Content-Type names it, as RFC 5545 8.1 asks). */
  method: "PUBLISH" | "CANCEL";
  body: string;
}

/**
 * «Føj til kalender»'s .ics files (docs/decisions/0017-calendar-link.md): personal, single-use,
 * short-lived links, as the export's; only the hash of a token is stored. A file holds only
 * meetings the person takes part in, so a 1:1 is only ever in its two people's files. The file is
 * made when the link is used, from the meetings as they are then.
 */
export function createCalendarService(deps: CalendarServiceDeps) {
  const { calendars, meetings, units, loops, clock, settings } = deps;

  function offered(): void {
    if (!calendarOffered(settings)) throw new AppError("invalid-input", strings.calendar.off);
  }

  async function newLink(token: Omit<CalendarFileToken, "hash" | "expiresAt">): Promise<string> {
    const link = newOneTimeToken(clock.now());
    await calendars.createToken({ ...token, hash: link.hash, expiresAt: link.expiresAt });
    return link.token;
  }

  /** A unit's meetings of a loop that the person takes part in, by time. */
  async function unitMeetings(personId: string, unitId: string, loopId: string): Promise<Meeting[]> {
    const ids = await meetings.idsOfUnit(unitId, { loopId });
    const all = await meetings.getMany(ids);
    return all.filter((m) => takesPart(m, { id: personId })).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  }

  async function file(list: Meeting[], name?: string): Promise<Pick<CalendarFile, "method" | "body">> {
    const counts = await calendars.changeCounts(list.map((m) => m.id));
    const botId = settings.calendarSync.botId;
    const method = calendarMethod(list);
    const events = list.map((m) => meetingEvent(m, counts.get(m.id) ?? 0, botId, method));
    return { method, body: writeCalendar({ method, stamp: clock.now(), name, events }) };
  }

  return {
    /** One meeting's file, for one of its participants. */
    async requestMeeting(actor: Person, meetingId: string): Promise<{ meeting: Meeting; token: string }> {
      offered();
      const meeting = await meetings.get(meetingId);
      if (!meeting || !takesPart(meeting, actor)) throw new AppError("not-authorised", strings.generic.notFound);
      return { meeting, token: await newLink({ personId: actor.id, meetingId }) };
    },

    /** Every meeting of the unit's current loop that the person takes part in (the confirmed årshjul). */
    async requestUnit(actor: Person, unitId: string): Promise<{ unitName: string; meetings: number; token: string }> {
      offered();
      const unit = await units.get(unitId);
      const loop = unit ? await loops.current(unit.type, localDateOf(clock.now(), settings.timezone)) : undefined;
      if (!unit || !loop) throw new AppError("not-found", strings.generic.notFound);
      const list = await unitMeetings(actor.id, unit.id, loop.id);
      if (list.length === 0) throw new AppError("invalid-input", strings.calendar.noneInWheel(unit.name));
      return { unitName: unit.name, meetings: list.length, token: await newLink({ personId: actor.id, unitId: unit.id, loopId: loop.id }) };
    },

    /** The file behind a link, once; undefined if the link is unknown, used or expired. */
    async redeem(token: string): Promise<CalendarFile | undefined> {
      if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
      const t = await calendars.redeemToken(tokenHash(token), clock.now());
      if (!t || !calendarOffered(settings)) return undefined;
      if (t.meetingId) {
        const meeting = await meetings.get(t.meetingId);
        // Still the person's meeting when the link is used (the organisation file may have changed).
        if (!meeting || !takesPart(meeting, { id: t.personId })) return undefined;
        const date = localDateOf(meeting.startsAt, settings.timezone);
        return { filename: `laeringsloop-${date}.ics`, ...(await file([meeting])) };
      }
      if (t.unitId && t.loopId) {
        const unit = await units.get(t.unitId);
        const list = await unitMeetings(t.personId, t.unitId, t.loopId);
        if (!unit || list.length === 0) return undefined;
        return { filename: `laeringsloop-${t.unitId}-${t.loopId}.ics`, ...(await file(list, strings.calendar.wheelName(unit.name))) };
      }
      return undefined;
    },
  };
}
