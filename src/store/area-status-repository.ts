import type { TemplateId } from "../domain/meeting-template.js";
import type { AreaStatusRepository, NextMeetingFacts } from "../domain/ports.js";
import type { MeetingKind, ParticipantRole } from "../domain/types.js";
import { chunked } from "./chunked.js";
import { toTemplate, toUnit } from "./mappers.js";
import type { Db } from "./prisma-client.js";

/**
 * What a channel shows and counts comes from læringssamtaler, the unit's shared meetings. A 1:1's
 * own agreements stay with its two people (DOMAIN 7, decision 0020): a channel neither shows nor
 * counts them (a count that moves when one is made or done would tell that it was).
 */
const SHARED = "laeringssamtale";

/** One unit's counts as the database gives them: COUNT(*) is a bigint on PostgreSQL, a number on SQLite. */
interface UnitCounts {
  id: string;
  open: number | bigint;
  overdue: number | bigint;
  dueThisWeek: number | bigint;
  doneLast30: number | bigint;
  focusAreas: number | bigint;
  nextMeetingId: string | null;
}

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
      // Two statements for the whole area, side by side. Per unit, the database counts
      // læringssamtaler's follow-ups from the covering index FollowUp(unitId, meetingKind, status,
      // dueDate, doneAt) (the kind is kept on the follow-up: no join through Meeting for each of
      // them), its active focus areas, and finds its next planned meeting through
      // Meeting(unitId, status, startsAt): one index row a unit, already in order (decision 0033).
      const [units, rows] = await Promise.all([
        db.unit.findMany({ where: { areaId, active: true }, orderBy: { name: "asc" } }),
        db.$queryRaw<UnitCounts[]>`
        SELECT u."id",
          (SELECT COUNT(*) FROM "FollowUp" f WHERE f."unitId" = u."id" AND f."meetingKind" = ${SHARED} AND f."status" = 'open') AS "open",
          (SELECT COUNT(*) FROM "FollowUp" f WHERE f."unitId" = u."id" AND f."meetingKind" = ${SHARED} AND f."status" = 'open' AND f."dueDate" < ${today}) AS "overdue",
          (SELECT COUNT(*) FROM "FollowUp" f WHERE f."unitId" = u."id" AND f."meetingKind" = ${SHARED} AND f."status" = 'open' AND f."dueDate" >= ${today} AND f."dueDate" <= ${weekEnd}) AS "dueThisWeek",
          (SELECT COUNT(*) FROM "FollowUp" f WHERE f."unitId" = u."id" AND f."meetingKind" = ${SHARED} AND f."status" = 'done' AND f."doneAt" >= ${doneSince}) AS "doneLast30",
          (SELECT COUNT(*) FROM "FocusArea" a WHERE a."unitId" = u."id" AND a."status" = 'active') AS "focusAreas",
          (SELECT m."id" FROM "Meeting" m WHERE m."unitId" = u."id" AND m."status" = 'planned' AND m."startsAt" > ${now} ORDER BY m."startsAt" ASC LIMIT 1) AS "nextMeetingId"
        FROM "Unit" u
        WHERE u."areaId" = ${areaId} AND u."active" = ${true}`,
      ]);
      const byUnit = new Map(rows.map((r) => [r.id, r]));
      return units.map((u) => {
        const r = byUnit.get(u.id);
        return {
          unit: toUnit(u),
          open: Number(r?.open ?? 0),
          dueThisWeek: Number(r?.dueThisWeek ?? 0),
          overdue: Number(r?.overdue ?? 0),
          doneLast30: Number(r?.doneLast30 ?? 0),
          focusAreas: Number(r?.focusAreas ?? 0),
          nextMeetingId: r?.nextMeetingId ?? undefined,
        };
      });
    },

    async nextMeetings(meetingIds) {
      const out: NextMeetingFacts[] = [];
      for (const ids of chunked(meetingIds)) {
        // The meetings and their participants side by side (a relation select would wait for the
        // meetings before asking for the participants: two round trips in a row on PostgreSQL).
        const [rows, participants] = await Promise.all([
          db.meeting.findMany({ where: { id: { in: ids } }, select: { id: true, kind: true, firstOfLoop: true, startsAt: true, templateId: true, template: true } }),
          db.meetingParticipant.findMany({ where: { meetingId: { in: ids } }, select: { meetingId: true, personId: true, role: true } }),
        ]);
        const byMeeting = new Map<string, NextMeetingFacts["participants"]>();
        for (const p of participants) {
          const list = byMeeting.get(p.meetingId) ?? [];
          list.push({ role: p.role as ParticipantRole, person: { id: p.personId } });
          byMeeting.set(p.meetingId, list);
        }
        for (const m of rows) {
          out.push({
            id: m.id,
            kind: m.kind as MeetingKind,
            firstOfLoop: m.firstOfLoop,
            startsAt: m.startsAt,
            templateId: m.templateId as TemplateId,
            template: toTemplate(m.template),
            participants: byMeeting.get(m.id) ?? [],
          });
        }
      }
      return out;
    },

    async completionByMonth(areaId, from, to) {
      // Counted by the database per day and status (at most a year of days) from the covering
      // index, the area's units found inside the statement; summed per month here.
      const byMonth = new Map<string, { total: number; done: number }>();
      const groups = await db.followUp.groupBy({
        by: ["dueDate", "status"],
        // Not cancelled, said so the index can be used for each status.
        where: { unit: { areaId }, meetingKind: SHARED, status: { in: ["open", "done"] }, dueDate: { gte: from, lte: to } },
        _count: { _all: true },
      });
      for (const g of groups) {
        const m = byMonth.get(g.dueDate.slice(0, 7)) ?? { total: 0, done: 0 };
        m.total += g._count._all;
        if (g.status === "done") m.done += g._count._all;
        byMonth.set(g.dueDate.slice(0, 7), m);
      }
      return [...byMonth].map(([month, v]) => ({ month, ...v })).sort((a, b) => a.month.localeCompare(b.month));
    },

    async openFollowUps(unitId, limit) {
      const rows = await db.followUp.findMany({ where: { unitId, meetingKind: SHARED, status: "open" }, orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }], take: limit });
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
      const inArea = { unit: { areaId }, meetingKind: SHARED };
      const [created, done, overdue] = await Promise.all([
        db.followUp.count({ where: { ...inArea, createdAt: { gte: since }, status: { not: "cancelled" } } }),
        db.followUp.count({ where: { ...inArea, status: "done", doneAt: { gte: since } } }),
        db.followUp.findMany({
          where: { ...inArea, status: "open", dueDate: { gte: sinceDate, lt: today } },
          orderBy: { dueDate: "asc" },
          take: 50,
          select: { text: true, ownerId: true, dueDate: true, unit: { select: { name: true } } },
        }),
      ]);
      const who = await names(overdue.map((r) => r.ownerId));
      return { created, done, becameOverdue: overdue.map((r) => ({ unitName: r.unit.name, text: r.text, owner: who.get(r.ownerId) ?? "", dueDate: r.dueDate })) };
    },
  };
}
