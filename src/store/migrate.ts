import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import Database from "better-sqlite3";
import { ensureDatabaseFolder, sqliteFilePath } from "./database-url.js";
import { pendingMigrations } from "./migration-files.js";
import { PACKAGE_ROOT } from "../lib/package-root.js";

/** The project's migrations folder, found from this file whether run from src/ or elsewhere. */
export const MIGRATIONS_DIR = resolve(PACKAGE_ROOT, "prisma/migrations");

/**
 * Applies pending migrations from prisma/migrations in order, in-process, recording them in
 * Prisma's own `_prisma_migrations` table with Prisma's checksum (sha256 of the file), so
 * `prisma migrate status` and `migrate deploy` agree with what the bot did. Each migration
 * runs in a transaction; a changed, already-applied migration stops start-up.
 */
export function migrateSqlite(databaseUrl: string, dir = MIGRATIONS_DIR): { applied: string[] } {
  ensureDatabaseFolder(databaseUrl);
  const db = new Database(sqliteFilePath(databaseUrl));
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL,
      "checksum" TEXT NOT NULL,
      "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL,
      "logs" TEXT,
      "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
    )`);
    const done = new Map(
      (db.prepare(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`).all() as {
        migration_name: string;
        checksum: string;
      }[]).map((r) => [r.migration_name, r.checksum]),
    );
    const applied: string[] = [];
    for (const { name, sql, checksum } of pendingMigrations(dir, done)) {
      const started = new Date().toISOString();
      db.transaction(() => {
        db.exec(sql);
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
        ).run(randomUUID(), checksum, new Date().toISOString(), name, started);
      }).immediate();
      applied.push(name);
    }
    optimizeSqlite(db);
    return { applied };
  } finally {
    db.close();
  }
}

/**
 * Gives SQLite's query planner table statistics where they are missing or stale, sampled to keep
 * start-up fast; the nightly job (prune-activity-log) runs a full ANALYZE. Without statistics the
 * planner walked every follow-up for the chief's area status (npm run bench, docs/decisions/0007).
 */
export function optimizeSqlite(db: Pick<Database.Database, "pragma">): void {
  db.pragma("analysis_limit = 1000");
  db.pragma("optimize = 0x10002");
}
