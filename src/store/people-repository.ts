import { loopEnd, type OrganisationFile } from "../domain/organisation-file.js";
import type { OrganisationSummary, PeopleRepository } from "../domain/ports.js";
import type { LeaderOfUnit, Person, RoleName } from "../domain/types.js";
import { chunked } from "./chunked.js";
import type { Db, Dialect } from "./prisma-client.js";
import { personSelect, toPerson, toUnit } from "./mappers.js";
import { rawSqlOf } from "./raw-sql.js";

/** PostgreSQL: the advisory lock one organisation import holds at a time (any constant all instances share). */
const ORGANISATION_LOCK = 7_041_911_023;

export function createPeopleRepository(db: Db, dialect: Dialect = "sqlite"): PeopleRepository & { loadPeople(ids: Iterable<string>): Promise<Map<string, Person>> } {
  const sql = rawSqlOf(db);
  async function loadPeople(ids: Iterable<string>): Promise<Map<string, Person>> {
    const list = [...new Set(ids)];
    if (list.length === 0) return new Map();
    const rows = [];
    for (const ids of chunked(list)) rows.push(...(await db.person.findMany({ where: { id: { in: ids } }, select: personSelect })));
    return new Map(rows.map((r) => [r.id, toPerson(r)]));
  }

  return {
    loadPeople,

    async byAadObjectId(aadObjectId) {
      // Every turn starts here (who is acting): one raw statement on the driver (decision 0035).
      const rows = await sql.$queryRaw<{ id: string; aadObjectId: string | null; name: string; email: string | null; phone: string | null; active: boolean | number | bigint; origin: string }[]>`
        SELECT "id", "aadObjectId", "name", "email", "phone", "active", "origin" FROM "Person" WHERE "aadObjectId" = ${aadObjectId}`;
      const p = rows[0];
      return p ? toPerson({ ...p, active: Boolean(Number(p.active)) }) : undefined;
    },

    async externalIds(ids) {
      const out = new Set<string>();
      for (const chunk of chunked([...new Set(ids)])) {
        for (const r of await db.person.findMany({ where: { id: { in: chunk }, aadObjectId: null }, select: { id: true } })) out.add(r.id);
      }
      return out;
    },

    async byId(id) {
      const p = await db.person.findUnique({ where: { id }, select: personSelect });
      return p ? toPerson(p) : undefined;
    },

    async adHocCandidates(areaId, unitId, { limit, personId }) {
      const rows = await db.person.findMany({
        where: {
          ...(personId ? { id: personId } : {}),
          active: true,
          roles: {
            some: { OR: [{ areaId, area: { active: true } }, { unit: { areaId, active: true } }] },
            none: { role: { in: ["bestyrelsesrepraesentant", "ungerepraesentant"] }, unitId: { not: unitId } },
          },
        },
        select: personSelect,
        orderBy: [{ name: "asc" }, { id: "asc" }],
        take: limit,
      });
      return rows.map(toPerson);
    },

    async leadersForChief(chiefId): Promise<LeaderOfUnit[]> {
      const rows = await db.role.findMany({
        where: {
          role: "leder",
          person: { active: true },
          unit: { active: true, area: { active: true, roles: { some: { role: "chef", personId: chiefId } } } },
        },
        select: { person: { select: personSelect }, unit: true },
      });
      return rows
        .filter((r) => r.unit)
        .map((r) => ({ leader: toPerson(r.person), unit: toUnit(r.unit!) }))
        .sort((a, b) => a.unit.name.localeCompare(b.unit.name, "da") || a.leader.name.localeCompare(b.leader.name, "da"));
    },

    async hasLeadersForChief(chiefId) {
      const n = await db.role.count({
        where: {
          role: "leder",
          personId: { not: chiefId },
          person: { active: true },
          unit: { active: true, area: { active: true, roles: { some: { role: "chef", personId: chiefId } } } },
        },
      });
      return n > 0;
    },

    async isChiefOfUnit(personId, unitId) {
      const n = await db.role.count({ where: { role: "chef", personId, person: { active: true }, area: { units: { some: { id: unitId } } } } });
      return n > 0;
    },

    async chiefIds() {
      const rows = await db.role.findMany({
        where: { role: "chef", person: { active: true }, area: { units: { some: { active: true } } } },
        select: { personId: true },
        distinct: ["personId"],
      });
      return rows.map((r) => r.personId);
    },

    async chiefsOfArea(areaId) {
      const rows = await db.role.findMany({ where: { role: "chef", areaId, person: { active: true } }, select: { personId: true }, orderBy: { personId: "asc" } });
      return [...new Set(rows.map((r) => r.personId))];
    },

    async areasForChief(personId) {
      const rows = await db.area.findMany({ where: { active: true, roles: { some: { role: "chef", personId, person: { active: true } } } }, orderBy: { name: "asc" }, select: { id: true, name: true } });
      return rows;
    },

    async unitsLedBy(personId) {
      const rows = await db.role.findMany({ where: { role: "leder", personId }, select: { unit: true } });
      return rows.flatMap((r) => (r.unit ? [toUnit(r.unit)] : []));
    },

    async rolesOf(personId) {
      const rows = await db.role.findMany({
        where: { personId, OR: [{ area: { active: true } }, { unit: { active: true, area: { active: true } } }] },
        select: { role: true },
        distinct: ["role"],
      });
      return rows.map((r) => r.role as RoleName);
    },

    async applyOrganisation(org: OrganisationFile): Promise<OrganisationSummary> {
      return db.$transaction(async (tx) => {
        // Take the write lock first: two instances starting together would otherwise both read,
        // then both write what they found missing, and one fails (SQLite upgrades a reading
        // transaction only if nobody wrote meanwhile; PostgreSQL refuses the second same id).
        // SQLite: a write that changes no row takes its one lock. PostgreSQL: an advisory lock
        // held until this transaction ends.
        if (dialect === "postgresql") await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${ORGANISATION_LOCK})`);
        else await tx.$executeRaw`UPDATE "Area" SET "name" = "name" WHERE 1 = 0`;
        // Compared in memory, written only where something changed (a restart with the same file
        // writes nothing; it was an upsert per person and unit, 9 s for 5,000 people: npm run bench).
        const inFile = new Set(org.people.map((p) => p.id));
        const people = new Map((await tx.person.findMany({ select: { id: true, aadObjectId: true, name: true, email: true, phone: true, active: true, origin: true } })).map((p) => [p.id, p]));
        const newPeople = [];
        for (const p of org.people) {
          // No aadObjectId: a person outside Teams (decision 0025).
          const data = { aadObjectId: p.aadObjectId ?? null, name: p.name, email: p.email ?? null, phone: p.phone ?? null, active: true, origin: "file" };
          const was = people.get(p.id);
          if (!was) newPeople.push({ id: p.id, ...data });
          else if (was.aadObjectId !== data.aadObjectId || was.name !== data.name || was.email !== data.email || was.phone !== data.phone || !was.active || was.origin !== "file") await tx.person.update({ where: { id: p.id }, data });
        }
        for (const rows of chunked(newPeople)) await tx.person.createMany({ data: rows });
        // The chairs' guests (origin "guest") are not in the file: the import leaves them as they are.
        const leaving = [...people.values()].filter((p) => p.active && p.origin === "file" && !inFile.has(p.id)).map((p) => p.id);
        const deactivated = { count: 0 };
        for (const ids of chunked(leaving)) deactivated.count += (await tx.person.updateMany({ where: { id: { in: ids } }, data: { active: false } })).count;
        const areaIds: string[] = [];
        const unitIds: string[] = [];
        const units = new Map((await tx.unit.findMany()).map((u) => [u.id, u]));
        const newUnits = [];
        for (const a of org.areas) {
          areaIds.push(a.id);
          await tx.area.upsert({ where: { id: a.id }, create: { id: a.id, name: a.name }, update: { name: a.name, active: true } });
          for (const u of a.units) {
            unitIds.push(u.id);
            const data = { name: u.name, type: u.type, selvejende: u.selvejende, areaId: a.id, active: true, intentionCeiling: u.intentionCeiling ?? null };
            const was = units.get(u.id);
            if (!was) newUnits.push({ id: u.id, ...data });
            else if ((Object.keys(data) as (keyof typeof data)[]).some((k) => was[k] !== data[k])) await tx.unit.update({ where: { id: u.id }, data });
          }
        }
        // After the areas: a new unit's area may be new too.
        for (const rows of chunked(newUnits)) await tx.unit.createMany({ data: rows });
        // Areas and units no longer in the file stay (their meetings reference them) but go inactive.
        const keepAreas = new Set(areaIds);
        const keepUnits = new Set(unitIds);
        const goneAreas = (await tx.area.findMany({ where: { active: true }, select: { id: true } })).map((a) => a.id).filter((id) => !keepAreas.has(id));
        const goneUnits = (await tx.unit.findMany({ where: { active: true }, select: { id: true } })).map((u) => u.id).filter((id) => !keepUnits.has(id));
        for (const ids of chunked(goneAreas)) await tx.area.updateMany({ where: { id: { in: ids } }, data: { active: false } });
        for (const ids of chunked(goneUnits)) await tx.unit.updateMany({ where: { id: { in: ids } }, data: { active: false } });
        // Roles are derived from the file as a whole: replace them.
        await tx.role.deleteMany({});
        const onArea = (ids: string[], role: RoleName, areaId: string) => [...new Set(ids)].map((personId) => ({ personId, role, areaId }));
        const onUnit = (ids: string[], role: RoleName, unitId: string) => [...new Set(ids)].map((personId) => ({ personId, role, unitId }));
        await tx.role.createMany({
          data: org.areas.flatMap((a) => [
            ...onArea(a.chiefs, "chef", a.id),
            ...onArea(a.consultants, "konsulent", a.id),
            ...a.units.flatMap((u) => [
              ...onUnit(u.leaders, "leder", u.id),
              ...onUnit(u.pedagogicalLeaders, "paedagogisk_leder", u.id),
              ...onUnit(u.staffRepresentatives, "medarbejderrepraesentant", u.id),
              ...onUnit(u.boardRepresentatives, "bestyrelsesrepraesentant", u.id),
              ...onUnit(u.youthRepresentatives, "ungerepraesentant", u.id),
              ...onUnit(u.departmentLeaderRepresentatives, "afdelingslederrepraesentant", u.id),
            ]),
          ]),
        });
        // Loops and their themes: upserted; a theme no longer in the file goes inactive (focus
        // areas chosen within it keep pointing at it).
        for (const l of org.loops) {
          const data = { name: l.name, startDate: l.start, endDate: loopEnd(l.start), unitTypes: JSON.stringify(l.unitTypes), inFile: true };
          await tx.loop.upsert({ where: { id: l.id }, create: { id: l.id, ...data }, update: data });
          for (const [position, t] of l.themes.entries()) {
            const id = `${l.id}/${t.id}`;
            await tx.theme.upsert({ where: { id }, create: { id, loopId: l.id, key: t.id, title: t.title, position }, update: { title: t.title, position, active: true } });
          }
          await tx.theme.updateMany({ where: { loopId: l.id, key: { notIn: l.themes.map((t) => t.id) } }, data: { active: false } });
        }
        // Each unit's datapakke per loop: the file is the whole truth, so the rows are replaced.
        await tx.datapakke.deleteMany({});
        const datapakker = org.areas.flatMap((a) => a.units.flatMap((u) => Object.entries(u.datapakker).map(([loopId, url]) => ({ unitId: u.id, loopId, url }))));
        if (datapakker.length) await tx.datapakke.createMany({ data: datapakker });
        // Loops gone from the file (a renamed id, e.g. 6-18-2027 → 6-18-2028): deleted with their
        // themes when nothing points to them; otherwise kept, marked out of the file (so `current`
        // prefers the file's loops) and reported. The datapakker were replaced just above from the
        // file, which names only its own loops.
        const loopsInFile = org.loops.map((l) => l.id);
        const goneLoops = await tx.loop.findMany({ where: { id: { notIn: loopsInFile } }, select: { id: true, name: true }, orderBy: { id: "asc" } });
        const keptLoops: OrganisationSummary["keptLoops"] = [];
        for (const l of goneLoops) {
          const where = { loopId: l.id };
          const [meetings, yearWheels, focusAreas, proposals, calendarLinks] = await Promise.all([
            tx.meeting.count({ where }),
            tx.yearWheel.count({ where }),
            tx.focusArea.count({ where }),
            tx.focusAreaProposal.count({ where }),
            tx.calendarFileToken.count({ where }),
          ]);
          if (meetings + yearWheels + focusAreas + proposals + calendarLinks === 0) {
            await tx.theme.deleteMany({ where });
            await tx.loop.delete({ where: { id: l.id } });
          } else {
            await tx.loop.update({ where: { id: l.id }, data: { inFile: false } });
            keptLoops.push({ id: l.id, name: l.name, meetings, yearWheels, focusAreas: focusAreas + proposals, calendarLinks });
          }
        }
        // People who left with follow-ups still open: the chief must give them to someone else.
        const left = new Map((await tx.person.findMany({ where: { active: false }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
        const openByOwner = await tx.followUp.groupBy({ by: ["ownerId"], where: { status: "open" }, _count: { _all: true } });
        const toReassign = openByOwner
          .filter((g) => left.has(g.ownerId))
          .map((g) => ({ personId: g.ownerId, name: left.get(g.ownerId) ?? g.ownerId, openFollowUps: g._count._all }));
        return {
          areas: org.areas.length,
          units: unitIds.length,
          people: org.people.length,
          deactivated: deactivated.count,
          loops: org.loops.length,
          removedLoops: goneLoops.length - keptLoops.length,
          keptLoops,
          toReassign,
        };
      });
    },
  };
}
