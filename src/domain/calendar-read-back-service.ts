import { AppError } from "../lib/errors.js";
import { strings } from "../lib/strings.da.js";
import { declinedKey, keepHeld, type CalendarSyncService } from "./calendar-sync-service.js";
import { combine, noEffects, type Effects } from "./effects.js";
import type { MeetingService } from "./meeting-service.js";
import type { CalendarEventRepository, CalendarEventSeen, CalendarEventState, CalendarGateway, Clock, Logger, MeetingRepository, NotificationRepository, PeopleRepository } from "./ports.js";
import type { Meeting, PlannedNotification } from "./types.js";

/**
 * What the chairs changed in Outlook comes back to the bot (CALENDAR_SYNC=graph; decision 0018):
 * the bot's events of meetings still to come are read back per mailbox (calendarView, paged), and
 * - an event moved in Outlook moves the meeting (through `moveMeeting`, as the chair: the pack,
 *   reminders and cards follow, and the planner's rule holds: a move onto someone's other meeting
 *   is refused and logged, the meeting stays);
 * - an event cancelled or deleted in Outlook cancels the meeting (as the chair, who did it);
 * - an attendee's decline is told to the chair, once per person and time of the meeting.
 * A meeting moved or cancelled in the bot since its event was last written is left alone here: its
 * own row is on its way to Graph, and the bot's change wins.
 */
export interface CalendarReadBackDeps {
  events: CalendarEventRepository;
  gateway?: CalendarGateway;
  meetingRepo: Pick<MeetingRepository, "get">;
  meetings: Pick<MeetingService, "moveMeeting" | "cancel">;
  people: Pick<PeopleRepository, "byId">;
  notifications: Pick<NotificationRepository, "plan">;
  /** The rows that make a meeting's event (for meetings planned before graph was switched on). */
  calendarSync: Pick<CalendarSyncService, "rowsFor">;
  clock: Clock;
  log?: Logger;
  lockMs?: number;
}

export interface ReadBackResult {
  effects: Effects;
  counts: Record<string, number>;
}

export type CalendarReadBackService = ReturnType<typeof createCalendarReadBackService>;

const DAY = 86_400_000;
const count = (counts: Record<string, number>, k: string) => (counts[k] = (counts[k] ?? 0) + 1);
/** Meetings without an event planned into the outbox per pass (the rest at the next). */
const CATCH_UP_PER_PASS = 5_000;

export function createCalendarReadBackService(deps: CalendarReadBackDeps) {
  const { events, gateway, meetingRepo, meetings, people, notifications, calendarSync, clock, log } = deps;
  const lockMs = deps.lockMs ?? 5 * 60_000;

  /**
   * One meeting's event as Outlook has it now. Returns the effects of following it. The meeting is
   * changed first and the event's state noted after, both while holding the event's lock: a change
   * that fails (a database error, the process killed) leaves the state as it was, so the next pass
   * sees Outlook's change again; and the meeting's own calendar row, waiting for the lock, then
   * finds nothing to write (or, after a crash in between, writes the same time again).
   */
  async function follow(listed: CalendarEventState, seen: CalendarEventSeen | "gone", counts: Record<string, number>, eventId?: string): Promise<Effects> {
    const first = await meetingRepo.get(listed.meetingId);
    // Changed in the bot since the event was written (a move on its way to Graph): the bot's change wins.
    if (!first || first.status !== "planned" || first.startsAt.getTime() !== listed.startsAt?.getTime()) return noEffects;
    const chair = await people.byId(first.chairId);
    if (!chair) return noEffects;
    const now = clock.now();
    const held = await events.lock(first.id, listed, now, new Date(now.getTime() + lockMs));
    if (!held) return noEffects; // another worker writes the event now: the next pass looks again
    const stopHolding = keepHeld(events, first.id, clock, lockMs);
    try {
      // Read again under the lock: a move or cancellation made in the bot meanwhile wins (its row waits for this lock).
      const meeting = await meetingRepo.get(first.id);
      if (!meeting || meeting.status !== "planned" || meeting.version !== first.version || held.cancelled || held.startsAt?.getTime() !== listed.startsAt?.getTime()) return noEffects;
      // Found again under another id (Outlook gave the event a new one): noted first.
      if (eventId && eventId !== held.eventId) await events.save(meeting.id, { eventId });
      if (seen === "gone" || seen.cancelled) {
        try {
          const r = await meetings.cancel(chair, meeting.id);
          await events.save(meeting.id, { cancelled: true, syncedVersion: r.meeting.version });
          count(counts, "cancelled");
          return r.effects;
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          // Begun, or with decisions: the bot's meeting stays; Outlook no longer has it (not asked again).
          await events.save(meeting.id, { cancelled: true });
          log?.warn({ meetingId: meeting.id, code: err.code }, "meeting cancelled in Outlook could not be cancelled in the bot");
          count(counts, "refused");
          return noEffects;
        }
      }
      let effects: Effects = noEffects;
      let told = held.declinedTold;
      if (seen.start.getTime() !== held.startsAt?.getTime()) {
        try {
          const r = await meetings.moveMeeting(meeting, seen.start, chair.id);
          // A new time: Outlook asks the attendees again, and a decline of it is news.
          told = [];
          await events.save(meeting.id, { startsAt: seen.start, syncedVersion: r.meeting.version, declinedTold: told });
          count(counts, "moved");
          effects = r.effects;
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          // Someone is busy then (or it began): the bot books nobody twice; it is tried again next time.
          log?.warn({ meetingId: meeting.id, code: err.code }, "meeting moved in Outlook could not be moved in the bot");
          count(counts, "refused");
          return noEffects;
        }
      }
      const moved = effects === noEffects ? meeting : ((await meetingRepo.get(meeting.id)) ?? meeting);
      const declined = declinesToTell(moved, told, seen);
      if (declined.length > 0) {
        const rows: PlannedNotification[] = declined.map((personId) => ({ key: declinedKey(moved, personId), kind: "calendar_declined", personId: moved.chairId, subjectId: moved.id, dueAt: now }));
        const planned = await notifications.plan(rows, now);
        await events.save(meeting.id, { declinedTold: [...told, ...declined] });
        counts.declined = (counts.declined ?? 0) + declined.length;
        effects = combine(effects, { changed: [], planned });
      }
      return effects;
    } finally {
      stopHolding();
      await events.release(first.id);
    }
  }

  /**
   * An event of the bot's for a meeting the bot has cancelled and whose event it believes gone (or
   * never made): cancelled at Graph. Anything else (a meeting still planned, a create on its way) is
   * left to the meeting's own row.
   */
  async function cancelStray(mailbox: string, meetingId: string, eventId: string): Promise<boolean> {
    const meeting = await meetingRepo.get(meetingId);
    const state = await events.get(meetingId);
    if (!gateway || !meeting || meeting.status !== "cancelled" || !state?.cancelled || state.mailbox !== mailbox) return false;
    const now = clock.now();
    const held = await events.lock(meetingId, state, now, new Date(now.getTime() + lockMs));
    if (!held) return false;
    const stopHolding = keepHeld(events, meetingId, clock, lockMs);
    try {
      if (!held.cancelled) return false;
      const r = await gateway.cancel(mailbox, eventId, strings.calendar.cancelComment);
      if (!r.ok && r.failure !== "gone") {
        log?.warn({ meetingId, reason: r.reason }, "calendar read-back: a stray event could not be cancelled now");
        return false;
      }
      return true;
    } finally {
      stopHolding();
      await events.release(meetingId);
    }
  }

  /** The participants who declined in Outlook and whose decline the chair has not been told of. */
  function declinesToTell(meeting: Meeting, told: readonly string[], seen: CalendarEventSeen): string[] {
    const declined = new Set(seen.declined);
    return meeting.participants.filter((p) => p.person.id !== meeting.chairId && p.person.email && declined.has(p.person.email.toLowerCase()) && !told.includes(p.person.id)).map((p) => p.person.id);
  }

  return {
    /** One pass over every mailbox with events still to come. */
    async run(): Promise<ReadBackResult> {
      const counts: Record<string, number> = {};
      if (!gateway) return { effects: noEffects, counts };
      const now = clock.now();
      // Meetings planned before CALENDAR_SYNC=graph was switched on: their events are made now,
      // through the outbox like every other change (a row already planned is not planned twice).
      const missing = await events.withoutEvent(now, CATCH_UP_PER_PASS);
      if (missing.length > 0) {
        const planned = await notifications.plan(missing.flatMap((m) => calendarSync.rowsFor(m, now)), now);
        if (planned > 0) counts.caughtUp = planned;
      }
      const byMailbox = new Map<string, CalendarEventState[]>();
      for (const s of await events.live(now)) byMailbox.set(s.mailbox, [...(byMailbox.get(s.mailbox) ?? []), s]);
      const all: Effects[] = [];
      for (const [mailbox, states] of byMailbox) {
        const last = Math.max(...states.map((s) => s.startsAt!.getTime()));
        // Up to two months past the last: an event moved a little later is still in the view (one call).
        const listed = await gateway.list(mailbox, now, new Date(last + 60 * DAY));
        if (!listed.ok) {
          // Graph unreachable or refusing: the next pass tries again; nothing else waits for it.
          log?.warn({ reason: listed.reason }, "calendar read-back: a mailbox could not be read");
          counts.unreadable = (counts.unreadable ?? 0) + 1;
          continue;
        }
        const seen = new Map(listed.value.map((e) => [e.eventId, e]));
        for (const state of states) {
          let e: CalendarEventSeen | "gone" | undefined = seen.get(state.eventId!);
          let eventId: string | undefined;
          if (!e) {
            // Not in the view: moved out of it, or gone. Asked for by itself.
            const one = await gateway.get(mailbox, state.eventId!);
            if (one.ok) e = one.value;
            else if (one.failure !== "gone") continue;
            else {
              // Not under its id: looked for by the meeting's id before it counts as gone (an id
              // Outlook changed, e.g. an event moved to another calendar and back).
              const found = await gateway.find(mailbox, state.meetingId);
              if (!found.ok) continue;
              const again = found.value ? await gateway.get(mailbox, found.value.eventId) : undefined;
              if (again && !again.ok) continue;
              e = again?.ok ? again.value : "gone";
              eventId = found.value?.eventId;
            }
          }
          try {
            all.push(await follow(state, e, counts, eventId));
          } catch (err) {
            log?.error({ meetingId: state.meetingId, err: err instanceof Error ? err.name : "error" }, "calendar read-back: a meeting could not follow its event");
          }
        }
        // The bot's events it does not know as any meeting's event: one made for a meeting cancelled
        // before the create's answer came back (its worker died). Taken out of the calendar.
        const known = new Set(states.map((st) => st.eventId));
        for (const e of listed.value) {
          if (known.has(e.eventId) || !e.meetingId || e.cancelled) continue;
          try {
            if (await cancelStray(mailbox, e.meetingId, e.eventId)) count(counts, "strayCancelled");
          } catch (err) {
            log?.error({ meetingId: e.meetingId, err: err instanceof Error ? err.name : "error" }, "calendar read-back: a stray event could not be cancelled");
          }
        }
      }
      return { effects: combine(...all), counts };
    },
  };
}
