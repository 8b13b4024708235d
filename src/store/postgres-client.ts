import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma-pg/client.js";
import type { Db } from "./prisma-client.js";

/**
 * A Prisma client on PostgreSQL through the pg driver adapter (docs/decisions/0008-postgresql.md).
 * Both generated clients come from one data model and have the same models, so it is typed as the
 * SQLite one the repositories are written against. Kept apart so SQLite installations never load pg.
 */
export function createPostgresPrismaClient(connectionString: string): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) }) as unknown as Db;
}
