import type { BoardStatementRepository } from "../domain/ports.js";
import type { Db } from "./prisma-client.js";
import { isUniqueViolation } from "./errors.js";

export function createBoardStatementRepository(db: Db): BoardStatementRepository {
  return {
    async list(meetingId) {
      const rows = await db.boardStatement.findMany({ where: { meetingId }, orderBy: { sentAt: "asc" } });
      return rows.map((r) => ({ id: r.id, meetingId: r.meetingId, authorId: r.authorId, text: r.text, version: r.version, sentAt: r.sentAt }));
    },

    async save(s, expectedVersion) {
      if (expectedVersion === undefined) {
        try {
          await db.boardStatement.create({ data: { ...s, version: 1 } });
          return true;
        } catch (e) {
          if (!isUniqueViolation(e)) throw e;
          return false;
        }
      }
      const res = await db.boardStatement.updateMany({
        where: { meetingId: s.meetingId, authorId: s.authorId, version: expectedVersion },
        data: { text: s.text, sentAt: s.sentAt, version: { increment: 1 } },
      });
      return res.count === 1;
    },
  };
}
