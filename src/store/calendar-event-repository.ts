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
      if (patch.transactionId !== undefined) data.transactionId = patch.transactionId;
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
    async renew(meetingId, until) {
      await db.calendarEvent.updateMany({ where: { meetingId, lockedUntil: { not: null } }, data: { lockedUntil: until } });
    },
    async get(meetingId) {
      const r = await db.calendarEvent.findUnique({ where: { meetingId }, select });
      return r ? toState(r) : undefined;
    },
    async withoutEvent(from, limit) {
      const out: { id: string; version: number; durationMinutes: number; chairId: string }[] = [];
      let cursor: { startsAt: Date; id: string } | undefined;
      // Soonest first, a page at a time: the meetings that have an event row are skipped.
      while (out.length < limit) {
        const page = await db.meeting.findMany({
          where: { status: "planned", startsAt: { gte: from }, ...(cursor ? { OR: [{ startsAt: { gt: cursor.startsAt } }, { startsAt: cursor.startsAt, id: { gt: cursor.id } }] } : {}) },
          select: { id: true, version: true, durationMinutes: true, chairId: true, startsAt: true },
          orderBy: [{ startsAt: "asc" }, { id: "asc" }],
          take: 500,
        });
        if (page.length === 0) break;
        const known = new Set((await db.calendarEvent.findMany({ where: { meetingId: { in: page.map((m) => m.id) } }, select: { meetingId: true } })).map((e) => e.meetingId));
        for (const m of page) if (!known.has(m.id) && out.length < limit) out.push({ id: m.id, version: m.version, durationMinutes: m.durationMinutes, chairId: m.chairId });
        const last = page.at(-1)!;
        cursor = { startsAt: last.startsAt, id: last.id };
      }
      return out;
    },
    async live(from) {
      const rows = await db.calendarEvent.findMany({ where: { eventId: { not: null }, cancelled: false, startsAt: { gte: from } }, select, orderBy: [{ mailbox: "asc" }, { startsAt: "asc" }] });
      return rows.map(toState);
    },
  };
}
