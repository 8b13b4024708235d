import { escapeHtml } from "../lib/html.js";
import { strings } from "../lib/strings.da.js";
import { botChatUrl, meetingDescription, meetingEnd, meetingTitle } from "./calendar.js";
import { templateOf } from "./meeting-template.js";
import type { CalendarCall, CalendarEntry, CalendarEventRepository, CalendarGateway, Clock, Logger, MeetingRepository } from "./ports.js";
import type { DomainSettings } from "./settings.js";
import type { Meeting, Notification, PlannedNotification } from "./types.js";

/**
 * CALENDAR_SYNC=graph (issue 20, point 5; docs/decisions/0018-calendar-graph.md): the bot keeps each
 * meeting as one event in its chair's calendar, with the participants as attendees and a Teams
 * online meeting. Every change of a meeting (made, moved, cancelled) plans one outbox row,
 * `calendar_event:<meeting>:v<version>:<length>m`; the row's job brings the event up to the meeting as it is
 * then (not as it was when planned): a create, a PATCH of start and end, or a cancel. So rows that
 * run late, twice, or out of order write nothing twice: a job that finds the event as the meeting
 * says does not call Graph at all.
 *
 * Exactly once across crashes and instances: the outbox's lease holds the row; the event's own lock
 * (CalendarEventRepository.lock) holds the meeting's event for one worker; a create carries the
 * meeting's `transactionId` (Graph makes one event for a retried create) and is noted before it is
 * sent, so a worker that finds a create noted without its event id looks the event up by its
 * extended property before anything else.
 */
export interface CalendarSyncServiceDeps {
  meetings: Pick<MeetingRepository, "get">;
  events: CalendarEventRepository;
  /** Absent unless CALENDAR_SYNC=graph with Graph's credentials. */
  gateway?: CalendarGateway;
  clock: Clock;
  settings: Pick<DomainSettings, "calendarSync" | "templates">;
  log?: Logger;
  /** How long a job holds a meeting's event (the outbox's lease). */
  lockMs?: number;
}

export type CalendarJobResult =
  | { outcome: "synced"; call: "create" | "recreate" | "move" | "cancel" | "found" }
  /** The event was as the meeting says: no call. */
  | { outcome: "unchanged"; reason: string }
  /** Another worker holds the meeting's event, or Graph was busy or unreachable. */
  | { outcome: "retry"; reason: string; retryAfterMs?: number }
  /** Graph refused (403: no permission for the mailbox; 400) or the event is gone: not tried again. */
  | { outcome: "failed"; reason: string };

export type CalendarSyncService = ReturnType<typeof createCalendarSyncService>;

/** One row per version and length of the meeting (a template may change the length without a new version). */
export const calendarEventKey = (meeting: Pick<Meeting, "id" | "version" | "durationMinutes">): string => `calendar_event:${meeting.id}:v${meeting.version}:${meeting.durationMinutes}m`;

/** The chair's notice that a participant declined the event: once per person and time of the meeting. */
export const declinedKey = (meeting: Pick<Meeting, "id" | "startsAt">, personId: string): string => `calendar_declined:${meeting.id}:${personId}:${meeting.startsAt.toISOString()}`;
/** The person a `calendar_declined` row is about. */
export const declinerOfKey = (key: string): string => key.split(":")[2] ?? "";

/**
 * Keeps a meeting's event held while `work` runs (renewed every third of `lockMs`): a Graph call that
 * waits out a 429 or a slow answer never loses the event to another worker midway.
 */
export function keepHeld(events: Pick<CalendarEventRepository, "renew">, meetingId: string, clock: Clock, lockMs: number): () => void {
  const timer = setInterval(() => {
    void events.renew(meetingId, new Date(clock.now().getTime() + lockMs)).catch(() => undefined);
  }, Math.max(500, Math.floor(lockMs / 3)));
  timer.unref?.();
  return () => clearInterval(timer);
}

/** The transactionId of a meeting's event: the same for every create of it (Graph's idempotency). */
export const transactionIdOf = (meetingId: string): string => `laeringsloop-${meetingId}`;

export function createCalendarSyncService(deps: CalendarSyncServiceDeps) {
  const { meetings, events, gateway, clock, settings, log } = deps;
  const lockMs = deps.lockMs ?? settings.calendarSync.lockMs ?? 5 * 60_000;
  const on = settings.calendarSync.mode === "graph";

  /** The event's subject, body and attendees: names and our own sentences, escaped as HTML text. */
  function entryOf(m: Meeting, transactionId = transactionIdOf(m.id)): CalendarEntry {
    const c = strings.calendar;
    const botId = settings.calendarSync.botId;
    const points = templateOf(m, settings.templates).agenda.map((a) => `<li>${escapeHtml(a.title)}</li>`).join("");
    // What and who (the description's first lines); where the dagsorden is: a link to the bot's chat.
    const lines = meetingDescription(m, undefined).split("\n").slice(0, 2).map((l) => `<p>${escapeHtml(l)}</p>`);
    const link = botId ? `<p><a href="${escapeHtml(botChatUrl(botId))}">${escapeHtml(c.openInBot)}</a></p>` : `<p>${escapeHtml(c.inTeams)}</p>`;
    return {
      subject: meetingTitle(m),
      bodyHtml: [...lines, `<p><b>${escapeHtml(c.agendaHeading)}</b></p><ol>${points}</ol>`, link].join(""),
      start: m.startsAt,
      end: meetingEnd(m),
      attendees: m.participants.filter((p) => p.person.id !== m.chairId && p.person.email).map((p) => ({ name: p.person.name, email: p.person.email! })),
      meetingId: m.id,
      transactionId,
    };
  }

  /** The gateway's reason names the call and Graph's code («cancel: forbidden (ErrorAccessDenied)»). */
  const failed = (r: Exclude<CalendarCall<unknown>, { ok: true }>): CalendarJobResult =>
    r.failure === "retry" ? { outcome: "retry", reason: r.reason, retryAfterMs: r.retryAfterMs } : { outcome: "failed", reason: r.reason };

  return {
    /** Whether the bot keeps calendars itself (CALENDAR_SYNC=graph). */
    on,
    /** The chairs' calendars (present with CALENDAR_SYNC=graph and Graph's credentials). */
    gateway: on ? gateway : undefined,

    /** The outbox row that brings the meeting's event up to this version of the meeting (none unless graph). */
    rowsFor(meeting: Pick<Meeting, "id" | "version" | "durationMinutes" | "chairId">, now: Date): PlannedNotification[] {
      if (!on) return [];
      return [{ key: calendarEventKey(meeting), kind: "calendar_event", personId: meeting.chairId, subjectId: meeting.id, dueAt: now }];
    },

    entryOf,

    /** One `calendar_event` row's job: the event brought up to the meeting as it is now. */
    async run(n: Pick<Notification, "subjectId">): Promise<CalendarJobResult> {
      if (!on || !gateway) return { outcome: "unchanged", reason: "calendar-sync-off" };
      const meeting = await meetings.get(n.subjectId);
      if (!meeting) return { outcome: "unchanged", reason: "meeting-gone" };
      const chair = meeting.participants.find((p) => p.person.id === meeting.chairId)?.person;
      // The event is kept in the chair's mailbox: a chair always has Teams (the organisation file requires it).
      if (!chair?.aadObjectId) return { outcome: "failed", reason: "no-chair" };
      const now = clock.now();
      const state = await events.lock(meeting.id, { mailbox: chair.aadObjectId, transactionId: transactionIdOf(meeting.id) }, now, new Date(now.getTime() + lockMs));
      if (!state) return { outcome: "retry", reason: "event-locked", retryAfterMs: 30_000 };
      const { mailbox } = state;
      const stopHolding = keepHeld(events, meeting.id, clock, lockMs);
      let released = false;
      const save = async (patch: Parameters<CalendarEventRepository["save"]>[1]) => {
        await events.save(meeting.id, { ...patch, syncedVersion: meeting.version }, { release: true });
        released = true;
      };
      try {
        let eventId = state.eventId;
        let found = false;
        // A create was sent and its answer lost (the worker died): the event may be there.
        if (!eventId && state.createStartedAt) {
          const r = await gateway.find(mailbox, meeting.id);
          if (!r.ok) return failed(r);
          eventId = r.value?.eventId;
          if (eventId) {
            found = true;
            await events.save(meeting.id, { eventId, startsAt: meeting.startsAt, durationMinutes: meeting.durationMinutes });
          }
        }
        if (meeting.status === "cancelled") {
          if (state.cancelled) return { outcome: "unchanged", reason: "cancelled-already" };
          if (!eventId) {
            await save({ cancelled: true });
            return { outcome: "unchanged", reason: "never-created" };
          }
          const r = await gateway.cancel(mailbox, eventId, strings.calendar.cancelComment);
          // Gone: cancelled or deleted in Outlook already; either way it is out of the calendar.
          if (!r.ok && r.failure !== "gone") return failed(r);
          await save({ cancelled: true });
          return { outcome: "synced", call: "cancel" };
        }
        // Closed meetings keep their event as it was; a cancelled event is not brought back.
        if (meeting.status !== "planned" || state.cancelled) return { outcome: "unchanged", reason: `meeting-${meeting.status}` };
        /** Made in the chair's calendar, noted first: a worker that dies waiting for the answer leaves the next one a create to look for. */
        const create = async (transactionId: string, call: "create" | "recreate"): Promise<CalendarJobResult> => {
          await events.save(meeting.id, { transactionId, eventId: undefined, createStartedAt: clock.now() });
          const r = await gateway.create(mailbox, entryOf(meeting, transactionId));
          if (!r.ok) return failed(r);
          // Graph may answer a repeated transactionId with the event an earlier create made, at the
          // time of an earlier version of the meeting: brought up to this one.
          const at = r.value.start ?? meeting.startsAt;
          const minutes = r.value.durationMinutes ?? meeting.durationMinutes;
          if (at.getTime() !== meeting.startsAt.getTime() || minutes !== meeting.durationMinutes) {
            await events.save(meeting.id, { eventId: r.value.eventId, startsAt: at, durationMinutes: minutes });
            const mv = await gateway.move(mailbox, r.value.eventId, meeting.startsAt, meetingEnd(meeting));
            if (!mv.ok) return failed(mv);
          }
          await save({ eventId: r.value.eventId, startsAt: meeting.startsAt, durationMinutes: meeting.durationMinutes });
          return { outcome: "synced", call };
        };
        if (!eventId) return await create(state.transactionId, "create");
        // Found after a lost create: made from some version of the meeting; brought up to this one.
        const startsAt = found ? undefined : state.startsAt;
        if (startsAt?.getTime() === meeting.startsAt.getTime() && state.durationMinutes === meeting.durationMinutes) {
          await save({});
          return { outcome: "unchanged", reason: "as-the-meeting" };
        }
        const r = await gateway.move(mailbox, eventId, meeting.startsAt, meetingEnd(meeting));
        // Gone: deleted in Outlook while the bot's move was on its way. The bot's change wins (as in
        // the read-back): the event is made again, under a transactionId of its own (Graph would
        // answer the old one with the deleted event).
        if (!r.ok && r.failure === "gone") {
          log?.info({ meetingId: meeting.id }, "calendar event deleted in Outlook before the bot's move reached it: made again");
          return await create(`${transactionIdOf(meeting.id)}-${now.getTime()}`, "recreate");
        }
        if (!r.ok) return failed(r);
        // A new time: Outlook asks the attendees again, and a decline of it is news to the chair.
        await save({ startsAt: meeting.startsAt, durationMinutes: meeting.durationMinutes, declinedTold: [] });
        return { outcome: "synced", call: found ? "found" : "move" };
      } finally {
        stopHolding();
        if (!released) await events.release(meeting.id).catch((err: unknown) => log?.warn({ meetingId: meeting.id, err: err instanceof Error ? err.name : "error" }, "calendar event lock not released (it runs out)"));
      }
    },
  };
}
