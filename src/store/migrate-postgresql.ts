import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import pg from "pg";
import { pendingMigrations } from "./migration-files.js";
import { PACKAGE_ROOT } from "../lib/package-root.js";

/** The PostgreSQL migrations, kept in step with prisma/migrations (docs/decisions/0008-postgresql.md). */
export const POSTGRESQL_MIGRATIONS_DIR = resolve(PACKAGE_ROOT, "prisma/postgresql/migrations");

/** Any constant both instances agree on: the advisory lock that lets one of them migrate at a time. */
const MIGRATION_LOCK = 7_041_911_022;

/**
 * Applies pending migrations to a PostgreSQL database, recording them in Prisma's own
 * `_prisma_migrations` table (so `prisma migrate status` agrees). Several instances may start at
 * once: each takes a session advisory lock first, so one migrates and the others wait, then find
 * nothing left to do. Each migration runs in its own transaction (PostgreSQL's DDL is
 * transactional: a failed one leaves nothing half-done).
 */
export async function migratePostgresql(connectionString: string, dir = POSTGRESQL_MIGRATIONS_DIR): Promise<{ applied: string[] }> {
  // A server that does not answer (rather than refusing) fails the start after this, not hangs it.
  // (Only here: on the pool, pg applies it to waiting for a free connection too.)
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
        "id" VARCHAR(36) PRIMARY KEY NOT NULL,
        "checksum" VARCHAR(64) NOT NULL,
        "finished_at" TIMESTAMPTZ,
        "migration_name" VARCHAR(255) NOT NULL,
        "logs" TEXT,
        "rolled_back_at" TIMESTAMPTZ,
        "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
        "applied_steps_count" INTEGER NOT NULL DEFAULT 0
      )`);
      const done = await client.query<{ migration_name: string; checksum: string }>(
        `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`,
      );
      const applied: string[] = [];
      for (const { name, sql, checksum } of pendingMigrations(dir, new Map(done.rows.map((r) => [r.migration_name, r.checksum])))) {
        const started = new Date();
        await client.query("BEGIN");
        try {
          await client.query(sql);
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, $4, 1)`,
            [randomUUID(), checksum, name, started],
          );
          await client.query("COMMIT");
        } catch (err) {
          await client.query("ROLLBACK");
          throw err;
        }
        applied.push(name);
      }
      return { applied };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    await client.end();
  }
}
