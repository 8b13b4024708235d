import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client.js";
import { ensureDatabaseFolder } from "./database-url.js";

export type Db = InstanceType<typeof PrismaClient>;

/** A Prisma client on SQLite through the better-sqlite3 driver adapter (no native engine). */
export function createPrismaClient(databaseUrl: string): Db {
  ensureDatabaseFolder(databaseUrl);
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseUrl }) });
}

/**
 * A Prisma client that can only read an existing database file: SQLite refuses every write
 * (for `npm run export` and other reports that must change nothing).
 */
export function createReadOnlyPrismaClient(databaseUrl: string): Db {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseUrl, readonly: true, fileMustExist: true }) });
}
