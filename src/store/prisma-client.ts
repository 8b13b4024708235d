import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client.js";
import { ensureDatabaseFolder } from "./database-url.js";
import { withOneWriter } from "./one-writer.js";
import { clientWithDirectSql } from "./raw-sql.js";
import { sqliteConnections, type SqliteConnectionOptions } from "./sqlite-connection.js";

export type Db = InstanceType<typeof PrismaClient>;

/** Which SQL the raw statements speak. */
export type Dialect = "sqlite" | "postgresql";

/**
 * A Prisma client on SQLite through the better-sqlite3 driver adapter (no native engine); a
 * query outside a transaction waits while one is open (src/store/one-writer.ts). The connection
 * keeps its prepared statements and syncs as `opts.synchronous` says (src/store/sqlite-connection.ts).
 */
export function createPrismaClient(databaseUrl: string, opts: SqliteConnectionOptions = {}): Db {
  ensureDatabaseFolder(databaseUrl);
  return clientWithDirectSql(withOneWriter(sqliteConnections(new PrismaBetterSQLite3({ url: databaseUrl }), opts)), (adapter) => new PrismaClient({ adapter }));
}

/**
 * A Prisma client that can only read an existing database file: SQLite refuses every write
 * (for `npm run export` and other reports that must change nothing).
 */
export function createReadOnlyPrismaClient(databaseUrl: string): Db {
  return clientWithDirectSql(new PrismaBetterSQLite3({ url: databaseUrl, readonly: true, fileMustExist: true }), (adapter) => new PrismaClient({ adapter }));
}
