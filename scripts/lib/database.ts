import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { ConfigError, loadConfigOf, type Config, type ConfigKey } from "../../src/config.js";
import { strings } from "../../src/lib/strings.da.js";
import { dialectOf, openClient, shownUrl } from "../../src/store/database.js";
import { sqliteFilePath } from "../../src/store/database-url.js";
import { compareMigrations } from "../../src/store/migration-files.js";
import type { Db, Dialect } from "../../src/store/prisma-client.js";

/** Prints a message for the administrator and stops with `code` (1: not found / no database, 2: bad arguments). */
export function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

/**
 * What every admin command reads: the database (and how a SQLite file commits, as the bot does)
 * and the time zone its dates are shown in. Nothing else is required or checked
 * (docs/admin-from-your-machine.md): no bot credentials, no organisation file, no PUBLIC_URL, also
 * when NODE_ENV=production is set.
 */
export const ADMIN_KEYS = ["DATABASE_URL", "SQLITE_SYNCHRONOUS", "TIMEZONE"] as const satisfies readonly ConfigKey[];

/** The settings named (from the environment over .env), or a stop with every bad one named. */
export function adminConfig(keys: readonly ConfigKey[] = ADMIN_KEYS): Config {
  try {
    return loadConfigOf(keys);
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message, 2);
    throw err;
  }
}

/**
 * PostgreSQL's answer to a write the role may not make: no privilege (42501), or a role whose
 * transactions are read-only (25006, the setup SQL's report role).
 */
export const isPermissionDenied = (err: unknown): boolean => /42501|25006|permission denied|read-only transaction/i.test(err instanceof Error ? err.message : String(err));

/**
 * A client on the bot's existing database (the bot creates and migrates it; a command never
 * does), after checking that this copy of Læringsloop is the version that migrated it: reading
 * or writing with another version's model could fail halfway or misread. `readOnly`: SQLite
 * opens the file read-only, PostgreSQL runs read-only transactions.
 */
export async function openDatabase(opts: { readOnly: boolean; keys?: readonly ConfigKey[] }): Promise<{ config: Config; db: Db; dialect: Dialect }> {
  const config = adminConfig(opts.keys);
  const url = config.databaseUrl;
  if (dialectOf(url) === "sqlite") {
    const file = sqliteFilePath(url);
    if (file === ":memory:" || !existsSync(file)) fail(strings.status.noDatabase(file), 1);
  }
  const { db, dialect } = await openClient(url, { readOnly: opts.readOnly, sqliteSynchronous: config.sqliteSynchronous });
  const applied = await db
    .$queryRawUnsafe<{ name: string; checksum: string }[]>(`SELECT migration_name AS name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`)
    .catch(async (err: unknown) => {
      await db.$disconnect().catch(() => undefined);
      // No such database, or never migrated: not there yet. Anything else: why it can't be reached.
      const text = err instanceof Error ? err.message : String(err);
      if (/3D000|42P01|does not exist|no such table/.test(text)) fail(strings.status.noDatabase(shownUrl(url)), 1);
      fail(strings.database.unreachable(shownUrl(url), text.split("\n").filter(Boolean).at(-1) ?? text), 1);
    });
  const problem = versionProblem(new Map(applied.map((m) => [m.name, m.checksum])), dialect, shownUrl(url));
  if (problem) {
    await db.$disconnect();
    fail(problem, 1);
  }
  return { config, db, dialect };
}

/** Each database's migrations in this copy (as src/store/migrate*.ts find them). */
const MIGRATIONS: Record<Dialect, string> = {
  sqlite: resolve(import.meta.dirname, "../../prisma/migrations"),
  postgresql: resolve(import.meta.dirname, "../../prisma/postgresql/migrations"),
};

/** Why this copy may not work on a database with these migrations applied, if it may not. */
function versionProblem(applied: ReadonlyMap<string, string>, dialect: Dialect, url: string): string | undefined {
  const { pending, unknown, changed } = compareMigrations(MIGRATIONS[dialect], applied);
  if (unknown.length > 0) return strings.database.databaseNewer(url, unknown);
  if (changed.length > 0) return strings.database.changedMigration(url, changed);
  if (pending.length > 0) return strings.database.copyNewer(url, pending.map((m) => m.name));
  return undefined;
}
