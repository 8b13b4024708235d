import type { InitiativeRepository } from "../domain/ports.js";
import type { Initiative } from "../domain/types.js";
import { appendAudit } from "./audit-log.js";
import type { Db } from "./prisma-client.js";
import { isUniqueViolation } from "./errors.js";

const withUnits = { units: { select: { unitId: true }, orderBy: { unitId: "asc" as const } } };

function toInitiative(i: {
  id: string;
  areaId: string;
  title: string;
  fromDate: string;
  evaluateOn: string | null;
  wholeArea: boolean;
  status: string;
  version: number;
  units: { unitId: string }[];
}): Initiative {
  return {
    id: i.id,
    areaId: i.areaId,
    title: i.title,
    fromDate: i.fromDate,
    evaluateOn: i.evaluateOn ?? undefined,
    wholeArea: i.wholeArea,
    unitIds: i.units.map((u) => u.unitId),
    status: i.status === "ended" ? "ended" : "active",
    version: i.version,
  };
}

/** Forvaltning initiatives and the units they apply to (docs/decisions/0020-what-weighs-on-a-unit.md). */
export function createInitiativeRepository(db: Db): InitiativeRepository {
  const byRequest = async (requestId: string) => {
    const found = await db.initiative.findUnique({ where: { requestId }, include: withUnits });
    return found ? toInitiative(found) : undefined;
  };
  return {
    async create(i, by) {
      const existing = await byRequest(i.requestId);
      if (existing) return { initiative: existing, created: false };
      try {
        await db.$transaction(async (tx) => {
          await tx.initiative.create({
            data: {
              id: i.id,
              areaId: i.areaId,
              title: i.title,
              fromDate: i.fromDate,
              evaluateOn: i.evaluateOn ?? null,
              wholeArea: i.wholeArea,
              requestId: i.requestId,
              units: { create: i.wholeArea ? [] : i.unitIds.map((unitId) => ({ unitId })) },
            },
          });
          await appendAudit(tx, by, [
            { action: "initiative.registered", subjectKind: "initiative", subjectId: i.id, detail: { areaId: i.areaId, fromDate: i.fromDate, evaluateOn: i.evaluateOn ?? null, wholeArea: i.wholeArea, units: i.unitIds } },
          ]);
        });
      } catch (e) {
        // The same card submitted twice at once: the other attempt created it.
        const other = isUniqueViolation(e) ? await byRequest(i.requestId) : undefined;
        if (other) return { initiative: other, created: false };
        throw e;
      }
      return { initiative: (await byRequest(i.requestId))!, created: true };
    },

    async get(id) {
      const found = await db.initiative.findUnique({ where: { id }, include: withUnits });
      return found ? toInitiative(found) : undefined;
    },

    async update(id, expectedVersion, patch, by) {
      return db.$transaction(async (tx) => {
        const res = await tx.initiative.updateMany({
          where: { id, version: expectedVersion, status: "active" },
          data: {
            ...(patch.evaluateOn !== undefined ? { evaluateOn: patch.evaluateOn } : {}),
            ...(patch.status ? { status: patch.status, endedAt: by.at } : {}),
            version: { increment: 1 },
          },
        });
        if (res.count !== 1) return false;
        const action = patch.status === "ended" ? "initiative.ended" : "initiative.extended";
        await appendAudit(tx, by, [{ action, subjectKind: "initiative", subjectId: id, detail: patch.evaluateOn !== undefined ? { evaluateOn: patch.evaluateOn } : {} }]);
        return true;
      });
    },

    async listActive(areaIds) {
      if (areaIds.length === 0) return [];
      const rows = await db.initiative.findMany({ where: { areaId: { in: areaIds }, status: "active" }, include: withUnits, orderBy: [{ fromDate: "asc" }, { createdAt: "asc" }] });
      return rows.map(toInitiative);
    },

    async countForUnit(unitId, areaId, today, upTo) {
      return db.initiative.count({
        where: { status: "active", fromDate: { lte: today }, OR: [{ wholeArea: true, areaId }, { units: { some: { unitId } } }] },
        ...(upTo !== undefined ? { take: upTo } : {}),
      });
    },
  };
}
