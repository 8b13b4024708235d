import type { ActivityLog } from "../domain/ports.js";
import type { Db } from "./prisma-client.js";

/**
 * Every card click and command passes here twice (claim, then the answer), so both are single
 * raw statements: Prisma's query compiler costs about three times a raw statement, and a model
 * `updateMany` adds a transaction of its own. Plain SQL that SQLite and PostgreSQL both run.
 */
export function createActivityLog(db: Db): ActivityLog {
  return {
    async firstDelivery(activityKey) {
      // The key is the primary key: a second delivery inserts nothing, also when both race.
      const inserted = await db.$executeRaw`INSERT INTO "ProcessedActivity" ("id", "at") VALUES (${activityKey}, ${new Date()}) ON CONFLICT ("id") DO NOTHING`;
      return inserted === 1;
    },
    async recordResponse(activityKey, response) {
      // A row pruned meanwhile is nothing to answer any more.
      await db.$executeRaw`UPDATE "ProcessedActivity" SET "response" = ${response} WHERE "id" = ${activityKey}`;
    },
    async response(activityKey) {
      return (await db.processedActivity.findUnique({ where: { id: activityKey }, select: { response: true } }))?.response ?? undefined;
    },
    async prune(before) {
      return (await db.processedActivity.deleteMany({ where: { at: { lt: before } } })).count;
    },
  };
}
