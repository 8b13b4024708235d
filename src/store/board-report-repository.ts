import type { BoardReportRepository } from "../domain/ports.js";
import { appendAudit } from "./audit-log.js";
import type { Db } from "./prisma-client.js";
import { isUniqueViolation } from "./errors.js";
import { applyFormChange, StaleFollowUp } from "./form-repository.js";

/** The læringssamtale's form moved on while the afrapportering was written: nothing is kept. */
class StaleForm extends Error {}

export function createBoardReportRepository(db: Db): BoardReportRepository {
  return {
    async get(unitId, loopId, year) {
      const r = await db.boardReport.findUnique({ where: { unitId_loopId_year: { unitId, loopId, year } } });
      return r ? { id: r.id, unitId: r.unitId, loopId: r.loopId, year: r.year, meetingId: r.meetingId, decisionId: r.decisionId ?? undefined, authorId: r.authorId, followedUp: r.followedUp, version: r.version, sentAt: r.sentAt } : undefined;
    },

    async create(report, form) {
      try {
        // The report, its decision and its follow-ups in one transaction: all of them or none.
        await db.$transaction(async (tx) => {
          await tx.boardReport.create({ data: { ...report } });
          if (form && (await applyFormChange(tx, report.meetingId, form.expectedVersion, form.change, report.authorId, report.sentAt)) === undefined) throw new StaleForm();
          await appendAudit(tx, { actorId: report.authorId, at: report.sentAt }, [
            { action: "board_report.sent", subjectKind: "board_report", subjectId: report.id, meetingId: report.meetingId, detail: { year: report.year } },
          ]);
        });
        return "created";
      } catch (e) {
        if (e instanceof StaleForm || e instanceof StaleFollowUp) return "stale";
        if (!isUniqueViolation(e)) throw e;
        return "exists";
      }
    },
  };
}
