import { isUniqueViolation } from "./errors.js";
import type { ReflectionRepository } from "../domain/ports.js";
import type { Reflection } from "../domain/types.js";
import type { Db } from "./prisma-client.js";

function toReflection(r: { id: string; meetingId: string; authorId: string; answers: string; status: string; version: number; sentAt: Date | null }): Reflection {
  return {
    id: r.id,
    meetingId: r.meetingId,
    authorId: r.authorId,
    answers: JSON.parse(r.answers) as Record<string, string>,
    status: r.status as Reflection["status"],
    version: r.version,
    sentAt: r.sentAt ?? undefined,
  };
}

export function createReflectionRepository(db: Db): ReflectionRepository {
  return {
    async get(meetingId, authorId) {
      const r = await db.reflection.findUnique({ where: { meetingId_authorId: { meetingId, authorId } } });
      return r ? toReflection(r) : undefined;
    },

    async listSent(meetingId) {
      const rows = await db.reflection.findMany({ where: { meetingId, status: "sent" }, orderBy: { sentAt: "asc" } });
      return rows.map(toReflection);
    },

    async save(r, expectedVersion) {
      const answers = JSON.stringify(r.answers);
      if (expectedVersion === undefined) {
        // First send: the unique (meeting, author) key makes a concurrent double send lose cleanly.
        try {
          await db.reflection.create({
            data: { id: r.id, meetingId: r.meetingId, authorId: r.authorId, answers, status: "sent", sentAt: r.sentAt, version: 1 },
          });
          return true;
        } catch (e) {
          if (!isUniqueViolation(e)) throw e;
          return false;
        }
      }
      const res = await db.reflection.updateMany({
        where: { meetingId: r.meetingId, authorId: r.authorId, version: expectedVersion },
        data: { answers, status: "sent", sentAt: r.sentAt, version: { increment: 1 } },
      });
      return res.count === 1;
    },
  };
}
