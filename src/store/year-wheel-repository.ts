import type { YearWheel, YearWheelRepository } from "../domain/ports.js";
import type { MeetingKind } from "../domain/types.js";
import { appendAudit } from "./audit-log.js";
import type { Db } from "./prisma-client.js";
import { isUniqueViolation } from "./errors.js";

const include = { entries: { orderBy: [{ date: "asc" as const }, { time: "asc" as const }, { kind: "asc" as const }] } };

function toWheel(w: {
  id: string;
  unitId: string;
  loopId: string;
  status: string;
  version: number;
  confirmedAt: Date | null;
  confirmedById: string | null;
  entries: { id: string; kind: string; sequence: number; withPersonId: string | null; firstOfLoop: boolean; date: string; time: string; durationMinutes: number; meetingId: string | null }[];
}): YearWheel {
  return {
    id: w.id,
    unitId: w.unitId,
    loopId: w.loopId,
    status: w.status as YearWheel["status"],
    version: w.version,
    confirmedAt: w.confirmedAt ?? undefined,
    confirmedById: w.confirmedById ?? undefined,
    entries: w.entries.map((e) => ({
      id: e.id,
      kind: e.kind as MeetingKind,
      sequence: e.sequence,
      withPersonId: e.withPersonId ?? undefined,
      firstOfLoop: e.firstOfLoop,
      date: e.date,
      time: e.time,
      durationMinutes: e.durationMinutes,
      meetingId: e.meetingId ?? undefined,
    })),
  };
}

export function createYearWheelRepository(db: Db): YearWheelRepository {
  const get = async (unitId: string, loopId: string) => {
    const w = await db.yearWheel.findUnique({ where: { unitId_loopId: { unitId, loopId } }, include });
    return w ? toWheel(w) : undefined;
  };
  return {
    get,

    async create(wheel, by) {
      try {
        await db.$transaction(async (tx) => {
          await tx.yearWheel.create({
            data: {
              id: wheel.id,
              unitId: wheel.unitId,
              loopId: wheel.loopId,
              entries: {
                create: wheel.entries.map((e) => ({ ...e, withPersonId: e.withPersonId ?? null, meetingId: null })),
              },
            },
          });
          await appendAudit(tx, by, [{ action: "year_wheel.proposed", subjectKind: "year_wheel", subjectId: wheel.id, detail: { unitId: wheel.unitId, loopId: wheel.loopId, entries: wheel.entries.length } }]);
        });
      } catch (e) {
        // Two chiefs (or two clicks) proposing at once: the first proposal stands.
        if (!isUniqueViolation(e)) throw e;
      }
      return (await get(wheel.unitId, wheel.loopId))!;
    },

    async moveEntry(wheelId, expectedVersion, entryId, date, time, by) {
      return db.$transaction(async (tx) => {
        const res = await tx.yearWheel.updateMany({ where: { id: wheelId, version: expectedVersion }, data: { version: { increment: 1 } } });
        if (res.count !== 1) return false;
        const moved = await tx.yearWheelEntry.updateMany({ where: { id: entryId, wheelId }, data: { date, time } });
        if (moved.count !== 1) throw new Error("year wheel entry vanished inside its transaction");
        await appendAudit(tx, by, [{ action: "year_wheel.moved", subjectKind: "year_wheel", subjectId: wheelId, detail: { entryId, date, time } }]);
        return true;
      });
    },

    async confirm(wheelId, expectedVersion, by) {
      return db.$transaction(async (tx) => {
        const res = await tx.yearWheel.updateMany({
          where: { id: wheelId, version: expectedVersion, status: "proposed" },
          data: { status: "confirmed", confirmedAt: by.at, confirmedById: by.actorId, version: { increment: 1 } },
        });
        if (res.count !== 1) return false;
        await appendAudit(tx, by, [{ action: "year_wheel.confirmed", subjectKind: "year_wheel", subjectId: wheelId }]);
        return true;
      });
    },

    async linkMeeting(entryId, meetingId) {
      await db.yearWheelEntry.updateMany({ where: { id: entryId, meetingId: null }, data: { meetingId } });
    },
  };
}
