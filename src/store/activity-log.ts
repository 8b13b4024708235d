import type { ActivityLog } from "../domain/ports.js";
import type { Db } from "./prisma-client.js";
import { rawSqlOf } from "./raw-sql.js";

/**
 * Every card click and command passes here twice (the claim, then the answer), so both are single
 * raw statements on the driver (decision 0035): Prisma's query compiler costs about three times a
 * raw statement, and a model `updateMany` adds a transaction of its own. Plain SQL that SQLite and
 * PostgreSQL both run.
 * Renewing and giving up a claim happen only for slow or failed attempts.
 */
export function createActivityLog(db: Db): ActivityLog {
  const sql = rawSqlOf(db);
  return {
    async claim(activityKey, holder, now, until) {
      // The key is the primary key: of two deliveries racing, one inserts and the other changes no
      // row. A row that was never answered and whose lease ran out is taken over in the same
      // statement (its attempt died with its process); an answered one never is.
      const changed = await sql.$executeRaw`
        INSERT INTO "ProcessedActivity" ("id", "at", "holder", "leaseUntil") VALUES (${activityKey}, ${now}, ${holder}, ${until})
        ON CONFLICT ("id") DO UPDATE SET "holder" = excluded."holder", "leaseUntil" = excluded."leaseUntil"
        WHERE "ProcessedActivity"."response" IS NULL AND "ProcessedActivity"."leaseUntil" < ${now}`;
      return changed === 1;
    },
    async renew(activityKey, holder, until) {
      const changed = await sql.$executeRaw`
        UPDATE "ProcessedActivity" SET "leaseUntil" = ${until} WHERE "id" = ${activityKey} AND "holder" = ${holder} AND "response" IS NULL`;
      return changed === 1;
    },
    async recordResponse(activityKey, response) {
      // A row pruned meanwhile is nothing to answer any more; an answer given already stays.
      await sql.$executeRaw`UPDATE "ProcessedActivity" SET "response" = ${response} WHERE "id" = ${activityKey} AND "response" IS NULL`;
    },
    async release(activityKey, holder) {
      await sql.$executeRaw`DELETE FROM "ProcessedActivity" WHERE "id" = ${activityKey} AND "holder" = ${holder} AND "response" IS NULL`;
    },
    async response(activityKey) {
      return (await db.processedActivity.findUnique({ where: { id: activityKey }, select: { response: true } }))?.response ?? undefined;
    },
    async prune(before) {
      return (await db.processedActivity.deleteMany({ where: { at: { lt: before } } })).count;
    },
  };
}
