import type { JobLeases } from "../domain/ports.js";
import type { Db } from "./prisma-client.js";

/**
 * The lease is one row per job. Taking it is one statement that SQLite and PostgreSQL both run
 * atomically: insert the row, or take it over when its lease ran out (or is this holder's own).
 * Two instances asking at once: one statement inserts or updates, the other changes no row.
 */
export function createJobLeaseRepository(db: Db): JobLeases {
  return {
    async acquire(job, holder, now, until) {
      const changed = await db.$executeRaw`
        INSERT INTO "JobLease" ("name", "holder", "leaseUntil") VALUES (${job}, ${holder}, ${until})
        ON CONFLICT ("name") DO UPDATE SET "holder" = excluded."holder", "leaseUntil" = excluded."leaseUntil"
        WHERE "JobLease"."leaseUntil" < ${now} OR "JobLease"."holder" = excluded."holder"`;
      return changed === 1;
    },
    async renew(job, holder, until) {
      return (await db.jobLease.updateMany({ where: { name: job, holder }, data: { leaseUntil: until } })).count === 1;
    },
    async release(job, holder, heldUntil) {
      await db.jobLease.updateMany({ where: { name: job, holder }, data: { leaseUntil: heldUntil } });
    },
  };
}
