import type { LoopRepository } from "../domain/ports.js";
import type { Loop, UnitType } from "../domain/types.js";
import type { Db } from "./prisma-client.js";

const include = { themes: { orderBy: { position: "asc" as const } } };

function toLoop(l: { id: string; name: string; startDate: string; endDate: string; unitTypes: string; themes: { id: string; key: string; title: string; active: boolean }[] }): Loop {
  return {
    id: l.id,
    name: l.name,
    startDate: l.startDate,
    endDate: l.endDate,
    unitTypes: JSON.parse(l.unitTypes) as UnitType[],
    themes: l.themes.map((t) => ({ id: t.id, key: t.key, title: t.title, active: t.active })),
  };
}

export function createLoopRepository(db: Db): LoopRepository {
  return {
    async get(id) {
      const l = await db.loop.findUnique({ where: { id }, include });
      return l ? toLoop(l) : undefined;
    },

    async all() {
      return (await db.loop.findMany({ include, orderBy: { startDate: "asc" } })).map(toLoop);
    },

    async current(unitType, date) {
      // Few loops exist (one per two years per area of age): filter in memory.
      const rows = (await db.loop.findMany({ include, orderBy: { startDate: "asc" } })).filter((l) => (JSON.parse(l.unitTypes) as UnitType[]).includes(unitType));
      const pick = (ls: typeof rows) => ls.find((l) => l.startDate <= date && date < l.endDate) ?? ls.find((l) => l.startDate > date);
      // A loop gone from the organisation file but kept (something points to it) only when the file has none.
      const found = pick(rows.filter((l) => l.inFile)) ?? pick(rows);
      return found ? toLoop(found) : undefined;
    },

    async datapakke(unitId, loopId) {
      return (await db.datapakke.findUnique({ where: { unitId_loopId: { unitId, loopId } }, select: { url: true } }))?.url;
    },
  };
}
