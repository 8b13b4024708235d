import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma-pg/client.js";
import type { Db } from "./prisma-client.js";
import { clientWithDirectSql } from "./raw-sql.js";

export interface PostgresClientOptions {
  /** Connections in this process's pool (pg's default is 10). */
  poolSize?: number;
  /** Every transaction read-only: for reports that must change nothing. */
  readOnly?: boolean;
}

/**
 * A Prisma client on PostgreSQL through the pg driver adapter (docs/decisions/0008-postgresql.md).
 * Both generated clients come from one data model and have the same models, so it is typed as the
 * SQLite one the repositories are written against. Kept apart so SQLite installations never load pg.
 */
export function createPostgresPrismaClient(connectionString: string, opts: PostgresClientOptions = {}): Db {
  const adapter = new PrismaPg({
    connectionString,
    ...(opts.poolSize ? { max: opts.poolSize } : {}),
    ...(opts.readOnly ? { options: "-c default_transaction_read_only=on" } : {}),
  });
  return clientWithDirectSql(adapter, (shared) => new PrismaClient({ adapter: shared }) as unknown as Db);
}
