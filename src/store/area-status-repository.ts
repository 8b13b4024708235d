import type { AreaStatusRepository } from "../domain/ports.js";
import type { MeetingKind } from "../domain/types.js";
import { toUnit } from "./mappers.js";
import type { Db } from "./prisma-client.js";

/**
 * Texts a channel may show come from læringssamtaler, the unit's shared meetings. A 1:1's own
 * agreements stay between its two people (DOMAIN 7): in a channel they are only counted.
 */
const SHARED = "laeringssamtale";

/** The counts and lists behind the chief's channel: read-only queries over follow-ups and meetings. */
export function createAreaStatusRepository(db: Db): AreaStatusRepository {
  const names = async (ids: string[]) =>
    new Map((await db.person.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  const inUnitOrArea = (where: { unitId?: string; areaId?: string }) => (where.unitId ? { unitId: where.unitId } : { unit: { areaId: where.areaId!, active: true } });

  return {
    async area(areaId) {
      return (await db.area.findUnique({ where: { id: areaId }, select: { id: true, name: true } })) ?? undefined;
    },

    async unitRows(areaId, today, weekEnd, doneSince, now) {
      const units = await db.unit.findMany({ where: { areaId, active: true }, orderBy: { name: "asc" } });
      return Promise.all(
        units.map(async (u) => {
          const open = { status: "open", meeting: { unitId: u.id } };
          const [openCount, dueThisWeek, overdue, doneLast30, focusAreas, next] = await Promise.all([
            db.followUp.count({ where: open }),
            db.followUp.count({ where: { ...open, dueDate: { gte: today, lte: weekEnd } } }),
            db.followUp.count({ where: { ...open, dueDate: { lt: today } } }),
            db.followUp.count({ where: { status: "done", doneAt: { gte: doneSince }, meeting: { unitId: u.id } } }),
            db.focusArea.count({ where: { unitId: u.id, status: "active" } }),
            db.meeting.findFirst({ where: { unitId: u.id, status: "planned", startsAt: { gt: now } }, orderBy: { startsAt: "asc" }, select: { id: true } }),
          ]);
          return { unit: toUnit(u), open: openCount, dueThisWeek, overdue, doneLast30, focusAreas, nextMeetingId: next?.id };
        }),
      );
    },

    async completionByMonth(areaId, from, to) {
      const rows = await db.followUp.findMany({
        where: { status: { not: "cancelled" }, dueDate: { gte: from, lte: to }, meeting: { unit: { areaId } } },
        select: { dueDate: true, status: true },
      });
      const byMonth = new Map<string, { total: number; done: number }>();
      for (const r of rows) {
        const m = byMonth.get(r.dueDate.slice(0, 7)) ?? { total: 0, done: 0 };
        m.total += 1;
        if (r.status === "done") m.done += 1;
        byMonth.set(r.dueDate.slice(0, 7), m);
      }
      return [...byMonth].map(([month, v]) => ({ month, ...v })).sort((a, b) => a.month.localeCompare(b.month));
    },

    async openFollowUps(unitId, limit) {
      const [rows, privateCount] = await Promise.all([
        db.followUp.findMany({ where: { status: "open", meeting: { unitId, kind: SHARED } }, orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }], take: limit }),
        db.followUp.count({ where: { status: "open", meeting: { unitId, kind: { not: SHARED } } } }),
      ]);
      const who = await names(rows.map((r) => r.ownerId));
      return { items: rows.map((r) => ({ text: r.text, owner: who.get(r.ownerId) ?? "", dueDate: r.dueDate })), privateCount };
    },

    async recentDecisions(unitId, limit) {
      const rows = await db.decision.findMany({
        where: { meeting: { unitId, kind: SHARED, status: "closed" } },
        orderBy: [{ meeting: { startsAt: "desc" } }, { position: "asc" }],
        take: limit,
        select: { text: true, meeting: { select: { kind: true, firstOfLoop: true, startsAt: true } } },
      });
      return rows.map((r) => ({ text: r.text, meetingKind: r.meeting.kind as MeetingKind, firstOfLoop: r.meeting.firstOfLoop, startsAt: r.meeting.startsAt }));
    },

    async plannedMeetings(where, from, to, limit) {
      const rows = await db.meeting.findMany({
        where: { ...inUnitOrArea(where), status: "planned", startsAt: { gte: from, lt: to } },
        orderBy: { startsAt: "asc" },
        take: limit,
        select: { kind: true, firstOfLoop: true, startsAt: true, unit: { select: { name: true } } },
      });
      return rows.map((r) => ({ unitName: r.unit.name, kind: r.kind as MeetingKind, firstOfLoop: r.firstOfLoop, startsAt: r.startsAt }));
    },

    async weekChanges(areaId, since, sinceDate, today) {
      const inArea = { meeting: { unit: { areaId } } };
      const [created, done, overdue, overduePrivate] = await Promise.all([
        db.followUp.count({ where: { ...inArea, createdAt: { gte: since }, status: { not: "cancelled" } } }),
        db.followUp.count({ where: { ...inArea, status: "done", doneAt: { gte: since } } }),
        db.followUp.findMany({
          where: { status: "open", dueDate: { gte: sinceDate, lt: today }, meeting: { unit: { areaId }, kind: SHARED } },
          orderBy: { dueDate: "asc" },
          take: 50,
          select: { text: true, ownerId: true, dueDate: true, meeting: { select: { unit: { select: { name: true } } } } },
        }),
        db.followUp.count({ where: { status: "open", dueDate: { gte: sinceDate, lt: today }, meeting: { unit: { areaId }, kind: { not: SHARED } } } }),
      ]);
      const who = await names(overdue.map((r) => r.ownerId));
      return { created, done, becameOverduePrivate: overduePrivate, becameOverdue: overdue.map((r) => ({ unitName: r.meeting.unit.name, text: r.text, owner: who.get(r.ownerId) ?? "", dueDate: r.dueDate })) };
    },
  };
}
