import type { UnitRepository } from "../domain/ports.js";
import type { Db } from "./prisma-client.js";
import { rawToUnit, toUnit, type RawUnitRow } from "./mappers.js";
import { rawSqlOf } from "./raw-sql.js";

/** What `withLoad` reads: booleans come as 0/1 and counts as bigints from some drivers. */
type LoadRow = RawUnitRow & { agreements: number | bigint; focusAreas: number | bigint; initiatives: number | bigint };

/** Chiefs read together per statement (their ids are bound parameters). */
const CHIEFS_PER_STATEMENT = 500;

export function createUnitRepository(db: Db): UnitRepository {
  const sql = rawSqlOf(db);
  return {
    async get(unitId) {
      const u = await db.unit.findUnique({ where: { id: unitId } });
      return u ? toUnit(u) : undefined;
    },

    async chiefIds(unitId) {
      // After every change of a follow-up (who may see the «giv videre» list): one raw join on the driver, not the whole roster.
      const rows = await sql.$queryRaw<{ personId: string }[]>`
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

    async unitsForChiefs(chiefIds) {
      const byChief = new Map<string, ReturnType<typeof toUnit>[]>(chiefIds.map((id) => [id, []]));
      const ids = [...byChief.keys()];
      for (let i = 0; i < ids.length; i += CHIEFS_PER_STATEMENT) {
        const chunk = ids.slice(i, i + CHIEFS_PER_STATEMENT);
        const theirs = { role: "chef", personId: { in: chunk }, person: { active: true } };
        const rows = await db.unit.findMany({
          where: { active: true, area: { active: true, roles: { some: theirs } } },
          include: { area: { select: { roles: { where: theirs, select: { personId: true } } } } },
          orderBy: { name: "asc" },
        });
        for (const { area, ...u } of rows) {
          const unit = toUnit(u);
          for (const { personId } of area.roles) {
            const theirUnits = byChief.get(personId);
            // A chief named twice in one area: the unit once.
            if (theirUnits && theirUnits.at(-1)?.id !== unit.id) theirUnits.push(unit);
          }
        }
      }
      return byChief;
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

    async withLoad(unitId, today) {
      // Every congestion card and unit status (delivery's hot path, decision 0007): one raw
      // statement instead of the unit and three counts through the model API. The same filters as
      // countOpenFollowUps, FocusAreaRepository.countActive and InitiativeRepository.countForUnit.
      const rows = await db.$queryRaw<LoadRow[]>`
        SELECT u."id", u."name", u."type", u."selvejende", u."areaId", u."active", u."intentionCeiling", u."congestedSince",
          (SELECT COUNT(*) FROM "FollowUp" f JOIN "Meeting" m ON m."id" = f."meetingId"
            WHERE f."status" = 'open' AND m."unitId" = u."id" AND m."kind" = 'laeringssamtale') AS "agreements",
          (SELECT COUNT(*) FROM "FocusArea" a WHERE a."unitId" = u."id" AND a."status" = 'active') AS "focusAreas",
          (SELECT COUNT(*) FROM "Initiative" i
            WHERE i."status" = 'active' AND i."fromDate" <= ${today}
              AND ((i."wholeArea" = ${true} AND i."areaId" = u."areaId")
                OR EXISTS (SELECT 1 FROM "InitiativeUnit" iu WHERE iu."initiativeId" = i."id" AND iu."unitId" = u."id"))) AS "initiatives"
        FROM "Unit" u WHERE u."id" = ${unitId}`;
      const r = rows[0];
      if (!r) return undefined;
      return {
        unit: rawToUnit(r),
        agreements: Number(r.agreements),
        focusAreas: Number(r.focusAreas),
        initiatives: Number(r.initiatives),
      };
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
