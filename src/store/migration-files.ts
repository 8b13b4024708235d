import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface MigrationFile {
  name: string;
  sql: string;
  /** Prisma's checksum: sha256 of the file. */
  checksum: string;
}

/** How a database's applied migrations (name → checksum) compare with the migrations in `dir`. */
export interface MigrationComparison {
  /** In `dir`, not yet applied, in order. */
  pending: MigrationFile[];
  /** Applied, but not in `dir`: the database belongs to a newer version. */
  unknown: string[];
  /** Applied, but the file has changed since. */
  changed: string[];
}

export function compareMigrations(dir: string, applied: ReadonlyMap<string, string>): MigrationComparison {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
  const unknown = [...applied.keys()].filter((name) => !names.includes(name)).sort();
  const pending: MigrationFile[] = [];
  const changed: string[] = [];
  for (const name of names) {
    const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
    const checksum = createHash("sha256").update(sql).digest("hex");
    const known = applied.get(name);
    if (known === undefined) pending.push({ name, sql, checksum });
    else if (known !== checksum) changed.push(name);
  }
  return { pending, unknown, changed };
}

/**
 * The migrations in `dir` not yet applied, in order, given the applied ones (name → checksum).
 * Start-up stops, on SQLite as on PostgreSQL, when an applied migration was changed since, or
 * when the database has migrations this version does not know: it belongs to a newer version
 * (an older one started by mistake, or left running in an upgrade, could damage its data).
 */
export function pendingMigrations(dir: string, applied: ReadonlyMap<string, string>): MigrationFile[] {
  const { pending, unknown, changed } = compareMigrations(dir, applied);
  if (unknown.length > 0) {
    throw new Error(`Databasen er migreret af en nyere udgave af Læringsloop (${unknown.join(", ")}). Start den nyeste udgave, eller gendan en sikkerhedskopi fra før opgraderingen.`);
  }
  if (changed.length > 0) throw new Error(`Migration ${changed[0]} er ændret, efter den blev anvendt (checksum passer ikke).`);
  return pending;
}
