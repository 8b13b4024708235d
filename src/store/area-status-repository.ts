import type { Prisma } from "../generated/prisma/client.js";
import type { AreaStatusRepository } from "../domain/ports.js";
import type { MeetingKind } from "../domain/types.js";
import { toUnit } from "./mappers.js";
import { chunked } from "./chunked.js";
import type { Db } from "./prisma-client.js";

/**
 * What a channel shows and counts comes from læringssamtaler, the unit's shared meetings. A 1:1's
 * own agreements stay with its two people (DOMAIN 7, decision 0020): a channel neither shows nor
 * counts them (a count that moves when one is made or done would tell that it was).
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
      // Counted by the database per unit from FollowUp(unitId, status, dueDate, doneAt), a few
      // queries for the whole area; only læringssamtale follow-ups, so through the meeting's kind.
      const units = await db.unit.findMany({ where: { areaId, active: true }, orderBy: { name: "asc" } });
      const unitIds = units.map((u) => u.id);
      const shared = { meeting: { kind: SHARED } };
      const open = { unitId: { in: unitIds }, status: "open", ...shared };
      const perUnit = async (where: Prisma.FollowUpWhereInput) =>
        new Map((await db.followUp.groupBy({ by: ["unitId"], where, _count: { _all: true } })).map((g) => [g.unitId, g._count._all]));
      const [openCount, overdue, dueThisWeek, doneLast30, focus, planned] = await Promise.all([
        perUnit(open),
        perUnit({ ...open, dueDate: { lt: today } }),
        perUnit({ ...open, dueDate: { gte: today, lte: weekEnd } }),
        perUnit({ unitId: { in: unitIds }, status: "done", doneAt: { gte: doneSince }, ...shared }),
        db.focusArea.groupBy({ by: ["unitId"], where: { unitId: { in: unitIds }, status: "active" }, _count: { _all: true } }),
        db.meeting.findMany({ where: { unitId: { in: unitIds }, status: "planned", startsAt: { gt: now } }, orderBy: { startsAt: "asc" }, select: { id: true, unitId: true } }),
      ]);
      const focusAreas = new Map(focus.map((g) => [g.unitId, g._count._all]));
      const next = new Map<string, string>();
      for (const m of planned) if (!next.has(m.unitId)) next.set(m.unitId, m.id);
      return units.map((u) => ({
        unit: toUnit(u),
        open: openCount.get(u.id) ?? 0,
        dueThisWeek: dueThisWeek.get(u.id) ?? 0,
        overdue: overdue.get(u.id) ?? 0,
        doneLast30: doneLast30.get(u.id) ?? 0,
        focusAreas: focusAreas.get(u.id) ?? 0,
        nextMeetingId: next.get(u.id),
      }));
    },

    async completionByMonth(areaId, from, to) {
      // Counted by the database per day and status (at most a year of days), summed per month here.
      const unitIds = (await db.unit.findMany({ where: { areaId }, select: { id: true } })).map((u) => u.id);
      const byMonth = new Map<string, { total: number; done: number }>();
      for (const ids of chunked(unitIds)) {
        const groups = await db.followUp.groupBy({
          by: ["dueDate", "status"],
          // Not cancelled, said so the index can be used for each status.
          where: { unitId: { in: ids }, status: { in: ["open", "done"] }, dueDate: { gte: from, lte: to }, meeting: { kind: SHARED } },
          _count: { _all: true },
        });
        for (const g of groups) {
          const m = byMonth.get(g.dueDate.slice(0, 7)) ?? { total: 0, done: 0 };
          m.total += g._count._all;
          if (g.status === "done") m.done += g._count._all;
          byMonth.set(g.dueDate.slice(0, 7), m);
        }
      }
      return [...byMonth].map(([month, v]) => ({ month, ...v })).sort((a, b) => a.month.localeCompare(b.month));
    },

    async openFollowUps(unitId, limit) {
      const rows = await db.followUp.findMany({ where: { status: "open", meeting: { unitId, kind: SHARED } }, orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }], take: limit });
      const who = await names(rows.map((r) => r.ownerId));
      return rows.map((r) => ({ text: r.text, owner: who.get(r.ownerId) ?? "", dueDate: r.dueDate }));
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
      const inArea = { meeting: { unit: { areaId }, kind: SHARED } };
      const [created, done, overdue] = await Promise.all([
        db.followUp.count({ where: { ...inArea, createdAt: { gte: since }, status: { not: "cancelled" } } }),
        db.followUp.count({ where: { ...inArea, status: "done", doneAt: { gte: since } } }),
        db.followUp.findMany({
          where: { status: "open", dueDate: { gte: sinceDate, lt: today }, meeting: { unit: { areaId }, kind: SHARED } },
          orderBy: { dueDate: "asc" },
          take: 50,
          select: { text: true, ownerId: true, dueDate: true, meeting: { select: { unit: { select: { name: true } } } } },
        }),
      ]);
      const who = await names(overdue.map((r) => r.ownerId));
      return { created, done, becameOverdue: overdue.map((r) => ({ unitName: r.meeting.unit.name, text: r.text, owner: who.get(r.ownerId) ?? "", dueDate: r.dueDate })) };
    },
  };
}
