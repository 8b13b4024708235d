import { strings } from "../lib/strings.da.js";
import { sqliteFilePath } from "./database-url.js";
import type { Db, Dialect } from "./prisma-client.js";
import type { SqliteSynchronous } from "./sqlite-connection.js";

/** Which database a `DATABASE_URL` names: `file:` is SQLite, `postgresql://` (or `postgres://`) PostgreSQL. */
export function dialectOf(databaseUrl: string): Dialect {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? "postgresql" : "sqlite";
}

/** A `DATABASE_URL` fit to print or log: the SQLite file, or the PostgreSQL URL without its password. */
export function shownUrl(databaseUrl: string): string {
  if (dialectOf(databaseUrl) === "sqlite") return sqliteFilePath(databaseUrl);
  const url = new URL(databaseUrl);
  return `${url.protocol}//${url.username ? `${url.username}@` : ""}${url.host}${url.pathname}`;
}

/** Errors that mean the server or the database cannot be reached, not that a statement failed. */
const UNREACHABLE = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "ECONNRESET", "28P01", "28000", "3D000", "57P03"]);

export interface OpenedDatabase {
  db: Db;
  dialect: Dialect;
  /** Migrations this start applied (none when another instance applied them first). */
  applied: string[];
}

export interface OpenOptions {
  /** PostgreSQL: connections in this process's pool. */
  poolSize?: number;
  /** SQLite: PRAGMA synchronous on the connection (default normal). */
  sqliteSynchronous?: SqliteSynchronous;
}

/**
 * Migrates the database a `DATABASE_URL` names, then opens a Prisma client on it. PostgreSQL's
 * modules are loaded only when it is used, so SQLite installations never load pg.
 */
export async function openDatabase(databaseUrl: string, opts: OpenOptions = {}): Promise<OpenedDatabase> {
  const applied = await migrate(databaseUrl);
  return { ...(await openClient(databaseUrl, opts)), applied };
}

/** Applies pending migrations; on PostgreSQL a server that cannot be reached is said so in Danish. */
async function migrate(databaseUrl: string): Promise<string[]> {
  if (dialectOf(databaseUrl) === "sqlite") return (await import("./migrate.js")).migrateSqlite(databaseUrl).applied;
  const { migratePostgresql } = await import("./migrate-postgresql.js");
  try {
    return (await migratePostgresql(databaseUrl)).applied;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const message = err instanceof Error ? err.message : String(err);
    if ((typeof code === "string" && UNREACHABLE.has(code)) || /connection timeout/i.test(message)) {
      throw new Error(strings.database.unreachable(shownUrl(databaseUrl), `${typeof code === "string" ? `${code}: ` : ""}${message}`));
    }
    throw err;
  }
}

/**
 * A client on a database the bot has already migrated (scripts, benchmarks). `readOnly`, for
 * reports that must change nothing: SQLite opens the file read-only; PostgreSQL runs every
 * transaction read-only (`default_transaction_read_only`).
 */
export async function openClient(databaseUrl: string, opts: OpenOptions & { readOnly?: boolean } = {}): Promise<{ db: Db; dialect: Dialect }> {
  if (dialectOf(databaseUrl) === "postgresql") {
    const { createPostgresPrismaClient } = await import("./postgres-client.js");
    return { db: createPostgresPrismaClient(databaseUrl, opts), dialect: "postgresql" };
  }
  const { createPrismaClient, createReadOnlyPrismaClient } = await import("./prisma-client.js");
  return { db: opts.readOnly ? createReadOnlyPrismaClient(databaseUrl) : createPrismaClient(databaseUrl, { synchronous: opts.sqliteSynchronous }), dialect: "sqlite" };
}
