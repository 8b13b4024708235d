import type { BoardStatementRepository } from "../domain/ports.js";
import { appendAudit } from "./audit-log.js";
import type { Db } from "./prisma-client.js";
import { isUniqueViolation } from "./errors.js";

export function createBoardStatementRepository(db: Db): BoardStatementRepository {
  return {
    async list(meetingId) {
      const rows = await db.boardStatement.findMany({ where: { meetingId }, orderBy: { sentAt: "asc" } });
      return rows.map((r) => ({ id: r.id, meetingId: r.meetingId, authorId: r.authorId, text: r.text, version: r.version, sentAt: r.sentAt }));
    },

    async save(s, expectedVersion) {
      const audit = (tx: Pick<Db, "auditEntry">, id: string, version: number) =>
        appendAudit(tx, { actorId: s.authorId, at: s.sentAt }, [{ action: "board_statement.sent", subjectKind: "board_statement", subjectId: id, meetingId: s.meetingId, detail: { version } }]);
      if (expectedVersion === undefined) {
        try {
          await db.$transaction(async (tx) => {
            await tx.boardStatement.create({ data: { ...s, version: 1 } });
            await audit(tx, s.id, 1);
          });
          return true;
        } catch (e) {
          if (!isUniqueViolation(e)) throw e;
          return false;
        }
      }
      return db.$transaction(async (tx) => {
        const res = await tx.boardStatement.updateMany({
          where: { meetingId: s.meetingId, authorId: s.authorId, version: expectedVersion },
          data: { text: s.text, sentAt: s.sentAt, version: { increment: 1 } },
        });
        if (res.count !== 1) return false;
        const stored = await tx.boardStatement.findUniqueOrThrow({ where: { meetingId_authorId: { meetingId: s.meetingId, authorId: s.authorId } }, select: { id: true } });
        await audit(tx, stored.id, expectedVersion + 1);
        return true;
      });
    },
  };
}
