import type { BoardReportRepository } from "../domain/ports.js";
import { appendAudit } from "./audit-log.js";
import type { Db } from "./prisma-client.js";
import { isUniqueViolation } from "./errors.js";

export function createBoardReportRepository(db: Db): BoardReportRepository {
  return {
    async get(unitId, loopId, year) {
      const r = await db.boardReport.findUnique({ where: { unitId_loopId_year: { unitId, loopId, year } } });
      return r ? { id: r.id, unitId: r.unitId, loopId: r.loopId, year: r.year, meetingId: r.meetingId, decisionId: r.decisionId ?? undefined, authorId: r.authorId, followedUp: r.followedUp, version: r.version, sentAt: r.sentAt } : undefined;
    },

    async create(report) {
      try {
        await db.$transaction(async (tx) => {
          await tx.boardReport.create({ data: { ...report } });
          await appendAudit(tx, { actorId: report.authorId, at: report.sentAt }, [
            { action: "board_report.sent", subjectKind: "board_report", subjectId: report.id, meetingId: report.meetingId, detail: { year: report.year } },
          ]);
        });
        return true;
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        return false;
      }
    },
  };
}
