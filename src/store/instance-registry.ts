import type { InstanceRegistry } from "../domain/ports.js";
import type { Db } from "./prisma-client.js";

/** Heartbeats of the bot's processes (one row each), and the forgetting of long-gone ones. */
export function createInstanceRegistry(db: Db): InstanceRegistry {
  return {
    async beat(id, now, since) {
      await db.botInstance.upsert({ where: { id }, create: { id, seenAt: now }, update: { seenAt: now } });
      // A process killed without a word leaves its row: gone after a day, not counted after `since`.
      await db.botInstance.deleteMany({ where: { seenAt: { lt: new Date(now.getTime() - 86_400_000) } } });
      return Math.max(1, await db.botInstance.count({ where: { seenAt: { gte: since } } }));
    },
    async leave(id) {
      await db.botInstance.deleteMany({ where: { id } });
    },
  };
}
