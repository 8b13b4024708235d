import { isUniqueViolation } from "./errors.js";
import type { ReflectionRepository } from "../domain/ports.js";
import type { Reflection } from "../domain/types.js";
import { appendAudit } from "./audit-log.js";
import type { Db } from "./prisma-client.js";

function toReflection(r: { id: string; meetingId: string; authorId: string; answers: string; nothingNew: boolean; status: string; version: number; sentAt: Date | null }): Reflection {
  return {
    id: r.id,
    meetingId: r.meetingId,
    authorId: r.authorId,
    answers: JSON.parse(r.answers) as Record<string, string>,
    nothingNew: r.nothingNew,
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
      const nothingNew = r.nothingNew ?? false;
      // From the first reflection on, the meeting keeps the template whose questions it answers
      // (decision 0019). First in the transaction, so a concurrent template refresh waits for it.
      const freeze = (tx: Pick<Db, "meeting">) => tx.meeting.updateMany({ where: { id: r.meetingId, templateFrozen: false }, data: { templateFrozen: true } });
      const audit = (tx: Pick<Db, "auditEntry">, id: string, version: number) =>
        appendAudit(tx, { actorId: r.authorId, at: r.sentAt }, [{ action: "reflection.sent", subjectKind: "reflection", subjectId: id, meetingId: r.meetingId, detail: { version, ...(nothingNew ? { nothingNew } : {}) } }]);
      if (expectedVersion === undefined) {
        // First send: the unique (meeting, author) key makes a concurrent double send lose cleanly.
        try {
          await db.$transaction(async (tx) => {
            await freeze(tx);
            await tx.reflection.create({
              data: { id: r.id, meetingId: r.meetingId, authorId: r.authorId, answers, nothingNew, status: "sent", sentAt: r.sentAt, version: 1 },
            });
            await audit(tx, r.id, 1);
          });
          return true;
        } catch (e) {
          if (!isUniqueViolation(e)) throw e;
          return false;
        }
      }
      return db.$transaction(async (tx) => {
        await freeze(tx);
        const res = await tx.reflection.updateMany({
          where: { meetingId: r.meetingId, authorId: r.authorId, version: expectedVersion },
          data: { answers, nothingNew, status: "sent", sentAt: r.sentAt, version: { increment: 1 } },
        });
        if (res.count !== 1) return false;
        const stored = await tx.reflection.findUniqueOrThrow({ where: { meetingId_authorId: { meetingId: r.meetingId, authorId: r.authorId } }, select: { id: true } });
        await audit(tx, stored.id, expectedVersion + 1);
        return true;
      });
    },
  };
}
