import type { SentCardCopy, SentCardRepository } from "../domain/ports.js";
import { chunked, IN_LIST_MAX } from "./chunked.js";
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

    async list(wanted) {
      // One read for every kind, unless there are more ids than one statement may bind.
      const reads: { subjectKind: string; subjectId: { in: string[] } }[][] = [[]];
      let bound = 0;
      for (const w of wanted) {
        for (const ids of chunked([...new Set(w.subjectIds)])) {
          if (bound + ids.length > IN_LIST_MAX && reads.at(-1)!.length > 0) {
            reads.push([]);
            bound = 0;
          }
          reads.at(-1)!.push({ subjectKind: w.subjectKind, subjectId: { in: ids } });
          bound += ids.length;
        }
      }
      const out: SentCardCopy[] = [];
      for (const some of reads.filter((r) => r.length > 0)) {
        const rows = await db.sentCard.findMany({ where: { OR: some }, select: copyFields, orderBy: { createdAt: "asc" } });
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
