import type { InstanceRegistry } from "../domain/ports.js";
import type { Db } from "./prisma-client.js";

/** Heartbeats of the bot's processes (one row each), and the forgetting of long-gone ones. */
export function createInstanceRegistry(db: Db): InstanceRegistry {
  /** When rows silent for a day were last removed (an hourly sweep, not one at every beat). */
  let sweptAt = -Infinity;
  return {
    async beat(id, now, since, gone) {
      await db.botInstance.upsert({ where: { id }, create: { id, seenAt: now }, update: { seenAt: now } });
      // A process killed without a word leaves its row: gone after a day, not counted after `since`,
      // and not counted at all once it is known gone.
      if (now.getTime() - sweptAt >= 3_600_000) {
        sweptAt = now.getTime();
        await db.botInstance.deleteMany({ where: { seenAt: { lt: new Date(now.getTime() - 86_400_000) } } });
      }
      const seen = (await db.botInstance.findMany({ where: { seenAt: { gte: since } }, select: { id: true } })).map((r) => r.id);
      const dead = gone ? seen.filter((other) => other !== id && gone(other)) : [];
      if (dead.length > 0) await db.botInstance.deleteMany({ where: { id: { in: dead } } });
      return Math.max(1, seen.length - dead.length);
    },
    async leave(id) {
      await db.botInstance.deleteMany({ where: { id } });
    },
  };
}
