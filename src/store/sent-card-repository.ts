import type { SentCardCopy, SentCardRepository } from "../domain/ports.js";
import { chunked } from "./chunked.js";
import type { Db } from "./prisma-client.js";

const copyFields = { subjectKind: true, subjectId: true, params: true, fingerprint: true, personId: true, conversationId: true, activityId: true } as const;

export function createSentCardRepository(db: Db): SentCardRepository {
  return {
    async record(copy, opts = {}) {
      const shows = { subjectKind: copy.subjectKind, subjectId: copy.subjectId, params: copy.params ?? null, fingerprint: copy.fingerprint ?? null, personId: copy.personId };
      const row = await db.sentCard.upsert({
        where: { conversationId_activityId: { conversationId: copy.conversationId, activityId: copy.activityId } },
        create: { ...shows, conversationId: copy.conversationId, activityId: copy.activityId },
        // A click replaced the card: it shows what the answer shows now.
        update: shows,
        select: { createdAt: true },
      });
      // Copies posted before this one are let go (a click on an older copy lets go of none newer).
      if (opts.onlyLatest) {
        await db.sentCard.deleteMany({ where: { subjectKind: copy.subjectKind, subjectId: copy.subjectId, conversationId: copy.conversationId, createdAt: { lt: row.createdAt } } });
      }
    },

    async list(subjectKind, subjectIds) {
      const out: SentCardCopy[] = [];
      for (const ids of chunked([...new Set(subjectIds)])) {
        const rows = await db.sentCard.findMany({ where: { subjectKind, subjectId: { in: ids } }, select: copyFields, orderBy: { createdAt: "asc" } });
        out.push(...rows.map((r) => ({ ...r, params: r.params ?? undefined, fingerprint: r.fingerprint ?? undefined })));
      }
      return out;
    },

    async updated(conversationId, activityId, fingerprint) {
      await db.sentCard.updateMany({ where: { conversationId, activityId }, data: { fingerprint } });
    },

    async forget(conversationId, activityId) {
      await db.sentCard.deleteMany({ where: { conversationId, activityId } });
    },
  };
}
