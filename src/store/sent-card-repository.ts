import type { SentCardRepository } from "../domain/ports.js";
import type { Db } from "./prisma-client.js";

export function createSentCardRepository(db: Db): SentCardRepository {
  return {
    async record(card) {
      await db.sentCard.upsert({
        where: { conversationId_activityId: { conversationId: card.conversationId, activityId: card.activityId } },
        create: card,
        update: {},
      });
    },
    async list(subjectKind, subjectId) {
      return db.sentCard.findMany({ where: { subjectKind, subjectId }, select: { personId: true, conversationId: true, activityId: true } });
    },
  };
}
