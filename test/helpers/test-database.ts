import { inject } from "vitest";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { adminQuery, databaseOn } from "../../scripts/bench/postgres.js";
import { createPostgresPrismaClient } from "../../src/store/postgres-client.js";
import { migrateSqlite } from "../../src/store/migrate.js";
import { createPrismaClient, type Db, type Dialect } from "../../src/store/prisma-client.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The PostgreSQL pass's migrated template database (test/setup/postgresql.ts). */
    postgresTemplate: string;
  }
}

/**
 * Which database this pass of the suite runs on: `npm test` runs every test on SQLite, and again
 * on PostgreSQL when `TEST_POSTGRES_URL` names a server (vitest.config.ts).
 */
export const testDialect: Dialect = process.env.TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";
export const onPostgres = testDialect === "postgresql";

let seq = 0;

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

let sqliteTemplate: string | undefined;

/**
 * A SQLite file with every migration applied, made once per test process (removed when it ends):
 * copying it is much faster than migrating each test's database from nothing. Applying them from
 * nothing is what test/store/migrate.test.ts and test/start.test.ts test.
 */
function migratedSqliteTemplate(): string {
  if (sqliteTemplate) return sqliteTemplate;
  const dir = mkdtempSync(join(tmpdir(), "laeringsloop-sqlite-template-"));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "template.db");
  migrateSqlite(`file:${file}`);
  return (sqliteTemplate = file);
}

/**
 * A new, migrated database of this pass's kind: a SQLite file in `dir`, or a PostgreSQL database,
 * each copied from a migrated template (copying is much faster than migrating each time).
 */
export async function newTestDatabase(dir: string, file = "test.db"): Promise<TestDatabase> {
  if (!onPostgres) {
    const path = join(dir, file);
    copyFileSync(migratedSqliteTemplate(), path);
    return { url: `file:${path}`, drop: async () => undefined };
  }
  const template = inject("postgresTemplate");
  const name = `${template.replace(/_template$/, "")}_${process.pid}_${++seq}`;
  await adminQuery(server(), `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return { url: postgresUrl(name), drop: async () => void (await adminQuery(server(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)) };
}

/** A Prisma client on an existing test database (another process, as far as the database can tell). */
export function testClient(url: string): Db {
  return onPostgres ? createPostgresPrismaClient(url) : createPrismaClient(url);
}

const server = (): string => process.env.TEST_POSTGRES_URL ?? "";

/** TEST_POSTGRES_URL with another database name. */
export const postgresUrl = (database: string): string => databaseOn(server(), database);

/** Every row of every table of the bot's data model, as one string (to see that nothing changed). */
export async function wholeDatabase(db: { $queryRawUnsafe<T>(sql: string): Promise<T> }): Promise<string> {
  const tables = (
    await db.$queryRawUnsafe<{ name: string }[]>(
      onPostgres
        ? `SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE '\\_%' ORDER BY 1`
        : `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%' ORDER BY 1`,
    )
  ).map((r) => r.name);
  if (tables.length < 20) throw new Error(`only ${tables.length} tables found`);
  const rows = await Promise.all(tables.map((name) => db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${name}" ORDER BY 1`)));
  return JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? Number(v) : v));
}
