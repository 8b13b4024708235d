import type { CalendarEventRepository, CalendarEventState } from "../domain/ports.js";
import type { Db } from "./prisma-client.js";

type Row = {
  meetingId: string;
  mailbox: string;
  transactionId: string;
  eventId: string | null;
  createStartedAt: Date | null;
  startsAt: Date | null;
  durationMinutes: number | null;
  cancelled: boolean;
  syncedVersion: number;
  declinedTold: string;
};

const toState = (r: Row): CalendarEventState => ({
  meetingId: r.meetingId,
  mailbox: r.mailbox,
  transactionId: r.transactionId,
  eventId: r.eventId ?? undefined,
  createStartedAt: r.createStartedAt ?? undefined,
  startsAt: r.startsAt ?? undefined,
  durationMinutes: r.durationMinutes ?? undefined,
  cancelled: r.cancelled,
  syncedVersion: r.syncedVersion,
  declinedTold: r.declinedTold ? r.declinedTold.split(",") : [],
});

const select = { meetingId: true, mailbox: true, transactionId: true, eventId: true, createStartedAt: true, startsAt: true, durationMinutes: true, cancelled: true, syncedVersion: true, declinedTold: true } as const;

/** The meetings' events in their chairs' calendars (CALENDAR_SYNC=graph; docs/decisions/0018-calendar-graph.md). */
export function createCalendarEventRepository(db: Db): CalendarEventRepository {
  return {
    async lock(meetingId, init, now, until) {
      // Made once (a second maker finds it there); then taken by one statement: one writer at a time.
      if (!(await db.calendarEvent.findUnique({ where: { meetingId }, select: { meetingId: true } }))) {
        await db.calendarEvent.create({ data: { meetingId, mailbox: init.mailbox, transactionId: init.transactionId } }).catch(async (err: unknown) => {
          if (!(await db.calendarEvent.findUnique({ where: { meetingId }, select: { meetingId: true } }))) throw err;
        });
      }
      const res = await db.calendarEvent.updateMany({ where: { meetingId, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] }, data: { lockedUntil: until } });
      if (res.count !== 1) return undefined;
      const r = await db.calendarEvent.findUnique({ where: { meetingId }, select });
      return r ? toState(r) : undefined;
    },
    async save(meetingId, patch, opts = {}) {
      const data: Record<string, unknown> = {};
      if ("eventId" in patch) data.eventId = patch.eventId ?? null;
      if ("createStartedAt" in patch) data.createStartedAt = patch.createStartedAt ?? null;
      if ("startsAt" in patch) data.startsAt = patch.startsAt ?? null;
      if ("durationMinutes" in patch) data.durationMinutes = patch.durationMinutes ?? null;
      if (patch.cancelled !== undefined) data.cancelled = patch.cancelled;
      if (patch.syncedVersion !== undefined) data.syncedVersion = patch.syncedVersion;
      if (patch.declinedTold !== undefined) data.declinedTold = patch.declinedTold.join(",");
      if (opts.release) data.lockedUntil = null;
      await db.calendarEvent.update({ where: { meetingId }, data });
    },
    async release(meetingId) {
      await db.calendarEvent.updateMany({ where: { meetingId }, data: { lockedUntil: null } });
    },
    async get(meetingId) {
      const r = await db.calendarEvent.findUnique({ where: { meetingId }, select });
      return r ? toState(r) : undefined;
    },
    async live(from) {
      const rows = await db.calendarEvent.findMany({ where: { eventId: { not: null }, cancelled: false, startsAt: { gte: from } }, select, orderBy: [{ mailbox: "asc" }, { startsAt: "asc" }] });
      return rows.map(toState);
    },
  };
}
