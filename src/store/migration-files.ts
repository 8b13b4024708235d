import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface MigrationFile {
  name: string;
  sql: string;
  /** Prisma's checksum: sha256 of the file. */
  checksum: string;
}

/**
 * The migrations in `dir` not yet applied, in order, given the applied ones (name → checksum).
 * A changed, already-applied migration stops start-up, on SQLite as on PostgreSQL.
 */
export function pendingMigrations(dir: string, applied: ReadonlyMap<string, string>): MigrationFile[] {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
  const pending: MigrationFile[] = [];
  for (const name of names) {
    const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
    const checksum = createHash("sha256").update(sql).digest("hex");
    const known = applied.get(name);
    if (known === undefined) pending.push({ name, sql, checksum });
    else if (known !== checksum) throw new Error(`Migration ${name} er ændret, efter den blev anvendt (checksum passer ikke).`);
  }
  return pending;
}
