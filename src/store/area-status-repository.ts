import type { TemplateId } from "../domain/meeting-template.js";
import type { AreaStatusRepository, NextMeetingFacts } from "../domain/ports.js";
import type { MeetingKind, ParticipantRole } from "../domain/types.js";
import { rawDate, rawFlag, rawToUnit, toTemplate, type RawFlag, type RawUnitRow } from "./mappers.js";
import { Prisma } from "../generated/prisma/client.js";
import type { Db } from "./prisma-client.js";

/**
 * What a channel shows and counts comes from læringssamtaler, the unit's shared meetings. A 1:1's
 * own agreements stay with its two people (DOMAIN 7, decision 0020): a channel neither shows nor
 * counts them (a count that moves when one is made or done would tell that it was).
 */
const SHARED = "laeringssamtale";

/** A raw query's count: COUNT(*) is a bigint on PostgreSQL, a number on SQLite. */
type Count = number | bigint;

/** One active unit of the area as the status statement gives it: the unit, its counts, its next meeting's facts (or nulls). */
interface UnitStatusSqlRow extends RawUnitRow {
  open: Count;
  overdue: Count;
  dueThisWeek: Count;
  doneLast30: Count;
  focusAreas: Count;
  meetingId: string | null;
  meetingKind: string | null;
  meetingFirstOfLoop: RawFlag | null;
  meetingStartsAt: Date | string | number | null;
  meetingTemplateId: string | null;
  meetingTemplate: string | null;
}

/** A participant of a unit's next meeting, and whether their reflection is sent. */
interface NextParticipantSqlRow {
  meetingId: string;
  personId: string;
  role: string;
  sent: RawFlag;
}

/** The counts and lists behind the chief's channel: read-only queries over follow-ups and meetings. */
export function createAreaStatusRepository(db: Db): AreaStatusRepository {
  const names = async (ids: string[]) =>
    new Map((await db.person.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  const inUnitOrArea = (where: { unitId?: string; areaId?: string }) => (where.unitId ? { unitId: where.unitId } : { unit: { areaId: where.areaId!, active: true } });

  return {
    async area(areaId) {
      const rows = await db.$queryRaw<{ id: string; name: string }[]>`SELECT "id", "name" FROM "Area" WHERE "id" = ${areaId}`;
      return rows[0];
    },

    async unitRows(areaId, today, weekEnd, doneSince, now) {
      // Two raw statements for the whole area, side by side (on PostgreSQL each on its own pooled
      // connection), neither waiting for the other (decision 0033). Per active unit, the database
      // counts læringssamtaler's follow-ups from the covering index FollowUp(unitId, meetingKind,
      // status, dueDate, doneAt) (the kind is kept on the follow-up: no join through Meeting for
      // each of them) and its active focus areas, and finds its next planned meeting through
      // Meeting(unitId, status, startsAt), one index row a unit already in order. The second
      // statement finds the same meetings and reads their participants, each with whether their
      // reflection is sent. Through the model API this was five statements, the last three after
      // the first two, and most of the status's time went into Prisma's handling of them.
      // Both statements find a unit's next meeting (unit `u`) the same way.
      const nextMeetingOfUnit = Prisma.sql`(SELECT m."id" FROM "Meeting" m WHERE m."unitId" = u."id" AND m."status" = 'planned' AND m."startsAt" > ${now} ORDER BY m."startsAt" ASC LIMIT 1)`;
      const [units, participants] = await Promise.all([
        db.$queryRaw<UnitStatusSqlRow[]>`
        SELECT c.*, m."id" AS "meetingId", m."kind" AS "meetingKind", m."firstOfLoop" AS "meetingFirstOfLoop",
               m."startsAt" AS "meetingStartsAt", m."templateId" AS "meetingTemplateId", m."template" AS "meetingTemplate"
        FROM (
          SELECT u."id", u."name", u."type", u."selvejende", u."areaId", u."active", u."intentionCeiling", u."congestedSince",
            (SELECT COUNT(*) FROM "FollowUp" f WHERE f."unitId" = u."id" AND f."meetingKind" = ${SHARED} AND f."status" = 'open') AS "open",
            (SELECT COUNT(*) FROM "FollowUp" f WHERE f."unitId" = u."id" AND f."meetingKind" = ${SHARED} AND f."status" = 'open' AND f."dueDate" < ${today}) AS "overdue",
            (SELECT COUNT(*) FROM "FollowUp" f WHERE f."unitId" = u."id" AND f."meetingKind" = ${SHARED} AND f."status" = 'open' AND f."dueDate" >= ${today} AND f."dueDate" <= ${weekEnd}) AS "dueThisWeek",
            (SELECT COUNT(*) FROM "FollowUp" f WHERE f."unitId" = u."id" AND f."meetingKind" = ${SHARED} AND f."status" = 'done' AND f."doneAt" >= ${doneSince}) AS "doneLast30",
            (SELECT COUNT(*) FROM "FocusArea" a WHERE a."unitId" = u."id" AND a."status" = 'active') AS "focusAreas",
            ${nextMeetingOfUnit} AS "nextMeetingId"
          FROM "Unit" u
          WHERE u."areaId" = ${areaId} AND u."active" = ${true}
        ) c
        LEFT JOIN "Meeting" m ON m."id" = c."nextMeetingId"
        ORDER BY c."name" ASC, c."id" ASC`,
        db.$queryRaw<NextParticipantSqlRow[]>`
        SELECT p."meetingId", p."personId", p."role",
          EXISTS (SELECT 1 FROM "Reflection" r WHERE r."meetingId" = p."meetingId" AND r."authorId" = p."personId" AND r."status" = 'sent') AS "sent"
        FROM (
          SELECT ${nextMeetingOfUnit} AS "meetingId"
          FROM "Unit" u
          WHERE u."areaId" = ${areaId} AND u."active" = ${true}
        ) n
        JOIN "MeetingParticipant" p ON p."meetingId" = n."meetingId"`,
      ]);
      const byMeeting = new Map<string, NextMeetingFacts["participants"]>();
      for (const p of participants) {
        const list = byMeeting.get(p.meetingId) ?? [];
        list.push({ role: p.role as ParticipantRole, person: { id: p.personId }, reflectionSent: rawFlag(p.sent) });
        byMeeting.set(p.meetingId, list);
      }
      return units.map((r) => ({
        unit: rawToUnit(r),
        open: Number(r.open),
        dueThisWeek: Number(r.dueThisWeek),
        overdue: Number(r.overdue),
        doneLast30: Number(r.doneLast30),
        focusAreas: Number(r.focusAreas),
        nextMeeting:
          r.meetingId === null
            ? undefined
            : {
                id: r.meetingId,
                kind: r.meetingKind as MeetingKind,
                firstOfLoop: rawFlag(r.meetingFirstOfLoop ?? false),
                startsAt: rawDate(r.meetingStartsAt!),
                templateId: r.meetingTemplateId as TemplateId,
                template: toTemplate(r.meetingTemplate),
                participants: byMeeting.get(r.meetingId) ?? [],
              },
      }));
    },

    async completionByMonth(areaId, from, to) {
      // Counted by the database per month from the covering index, the area's units found inside
      // the statement (not cancelled, said so the index can be used for each status): at most a
      // row a month.
      const rows = await db.$queryRaw<{ month: string; total: Count; done: Count }[]>`
        SELECT SUBSTR(f."dueDate", 1, 7) AS "month", COUNT(*) AS "total", SUM(CASE WHEN f."status" = 'done' THEN 1 ELSE 0 END) AS "done"
        FROM "FollowUp" f
        JOIN "Unit" u ON u."id" = f."unitId"
        WHERE u."areaId" = ${areaId} AND f."meetingKind" = ${SHARED} AND f."status" IN ('open', 'done') AND f."dueDate" >= ${from} AND f."dueDate" <= ${to}
        GROUP BY SUBSTR(f."dueDate", 1, 7)
        ORDER BY "month" ASC`;
      return rows.map((r) => ({ month: r.month, total: Number(r.total), done: Number(r.done) }));
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
