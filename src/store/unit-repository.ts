import type { UnitRepository } from "../domain/ports.js";
import type { Db } from "./prisma-client.js";
import { toUnit } from "./mappers.js";

export function createUnitRepository(db: Db): UnitRepository {
  return {
    async get(unitId) {
      const u = await db.unit.findUnique({ where: { id: unitId } });
      return u ? toUnit(u) : undefined;
    },

    async chiefIds(unitId) {
      // After every change of a follow-up (who may see the «giv videre» list): one raw join, not the whole roster.
      const rows = await db.$queryRaw<{ personId: string }[]>`
        SELECT r."personId" FROM "Role" r
        JOIN "Person" p ON p."id" = r."personId"
        JOIN "Unit" u ON u."id" = ${unitId}
        WHERE r."role" = 'chef' AND p."active" = ${true} AND (r."unitId" = u."id" OR r."areaId" = u."areaId")
        ORDER BY r."id" ASC`;
      return rows.map((r) => r.personId);
    },

    async roster(unitId) {
      const u = await db.unit.findUnique({ where: { id: unitId } });
      if (!u) return undefined;
      const roles = await db.role.findMany({
        where: { person: { active: true }, OR: [{ unitId }, { areaId: u.areaId }] },
        select: { personId: true, role: true },
        orderBy: { id: "asc" },
      });
      const ids = (role: string) => roles.filter((r) => r.role === role).map((r) => r.personId);
      return {
        unit: toUnit(u),
        chiefIds: ids("chef"),
        consultantIds: ids("konsulent"),
        leaderIds: ids("leder"),
        pedagogicalLeaderIds: ids("paedagogisk_leder"),
        staffRepresentativeIds: ids("medarbejderrepraesentant"),
        boardRepresentativeIds: ids("bestyrelsesrepraesentant"),
        youthRepresentativeIds: ids("ungerepraesentant"),
        departmentLeaderRepresentativeIds: ids("afdelingslederrepraesentant"),
      };
    },

    async unitsForChief(chiefId) {
      const rows = await db.unit.findMany({
        where: { active: true, area: { active: true, roles: { some: { role: "chef", personId: chiefId, person: { active: true } } } } },
        orderBy: { name: "asc" },
      });
      return rows.map(toUnit);
    },

    async countOpenFollowUps(unitId, upTo) {
      if (upTo === undefined) return db.followUp.count({ where: { status: "open", meeting: { unitId, kind: "laeringssamtale" } } });
      // Prisma's count with `take` sorts every match by id before it stops; this stops at the
      // `upTo`-th open follow-up (a unit with thousands open costs the same as one with ten).
      const rows = await db.$queryRaw<{ n: number | bigint }[]>`
        SELECT COUNT(*) AS "n" FROM (
          SELECT 1 FROM "FollowUp" f JOIN "Meeting" m ON m."id" = f."meetingId"
          WHERE f."status" = 'open' AND m."unitId" = ${unitId} AND m."kind" = 'laeringssamtale' LIMIT ${upTo}
        ) AS "sub"`;
      return Number(rows[0]?.n ?? 0);
    },

    async followUpCounts(unitIds, today, doneSince) {
      const out = new Map<string, { open: number; overdue: number; doneRecently: number }>();
      for (const unitId of unitIds) {
        const [open, overdue, doneRecently] = await Promise.all([
          db.followUp.count({ where: { status: "open", meeting: { unitId } } }),
          db.followUp.count({ where: { status: "open", dueDate: { lt: today }, meeting: { unitId } } }),
          db.followUp.count({ where: { status: "done", doneAt: { gte: doneSince }, meeting: { unitId } } }),
        ]);
        out.set(unitId, { open, overdue, doneRecently });
      }
      return out;
    },

    async setCongested(unitId, since) {
      const res = await db.unit.updateMany({ where: { id: unitId, congestedSince: since ? null : { not: null } }, data: { congestedSince: since } });
      return res.count === 1;
    },
  };
}
