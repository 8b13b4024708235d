import type { CalendarRepository } from "../domain/ports.js";
import type { Db } from "./prisma-client.js";

/** The audit actions that change a meeting's time, length or status: each makes a new version of its calendar entry. */
const CHANGES = ["meeting.moved", "meeting.cancelled", "meeting.template_applied"];

export function createCalendarRepository(db: Db): CalendarRepository {
  return {
    async createToken(t) {
      await db.calendarFileToken.create({ data: { id: t.hash, personId: t.personId, meetingId: t.meetingId ?? null, unitId: t.unitId ?? null, loopId: t.loopId ?? null, expiresAt: t.expiresAt } });
    },
    async redeemToken(hash, now) {
      // One statement decides: two clicks at once cannot both download.
      const res = await db.calendarFileToken.updateMany({ where: { id: hash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
      if (res.count !== 1) return undefined;
      const r = await db.calendarFileToken.findUniqueOrThrow({ where: { id: hash } });
      return { hash: r.id, personId: r.personId, meetingId: r.meetingId ?? undefined, unitId: r.unitId ?? undefined, loopId: r.loopId ?? undefined, expiresAt: r.expiresAt };
    },
    async changeCounts(meetingIds) {
      const out = new Map<string, number>();
      if (meetingIds.length === 0) return out;
      const rows = await db.auditEntry.groupBy({ by: ["meetingId"], where: { meetingId: { in: meetingIds }, subjectKind: "meeting", action: { in: CHANGES } }, _count: { _all: true } });
      for (const r of rows) if (r.meetingId) out.set(r.meetingId, r._count._all);
      return out;
    },
  };
}
