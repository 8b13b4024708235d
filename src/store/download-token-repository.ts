import type { DownloadTokenRepository } from "../domain/ports.js";
import type { Db } from "./prisma-client.js";

export function createDownloadTokenRepository(db: Db): DownloadTokenRepository {
  return {
    async create(t) {
      await db.downloadToken.create({ data: { id: t.hash, personId: t.personId, areaId: t.areaId, fromDate: t.fromDate, toDate: t.toDate, format: t.format, meetingId: t.meetingId ?? null, expiresAt: t.expiresAt } });
    },
    async redeem(hash, now, kind = "export") {
      // One statement decides: two clicks at once cannot both download. A link gives only its own kind of file.
      const res = await db.downloadToken.updateMany({ where: { id: hash, usedAt: null, expiresAt: { gt: now }, meetingId: kind === "referat" ? { not: null } : null }, data: { usedAt: now } });
      if (res.count !== 1) return undefined;
      const r = await db.downloadToken.findUniqueOrThrow({ where: { id: hash } });
      return { hash: r.id, personId: r.personId, areaId: r.areaId, fromDate: r.fromDate, toDate: r.toDate, format: r.format, meetingId: r.meetingId ?? undefined, expiresAt: r.expiresAt };
    },
  };
}
