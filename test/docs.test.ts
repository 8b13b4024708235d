import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { SQLITE_ONLY } from "../vitest.config.js";

const ROOT = resolve(import.meta.dirname, "..");
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

/** The documents that say what is protected and how to operate it: each names the files behind its claims. */
const DOCS = ["docs/security.md", "docs/admin-from-your-machine.md", "docs/decisions/0015-production-settings.md"].filter((f) => existsSync(join(ROOT, f)));

/** Repository paths a text names (`src/…`, `test/…`, `docs/…`, `scripts/…`, `prisma/…`, …), without trailing punctuation. */
function pathsIn(text: string): string[] {
  const found = text.match(/(?<![\w/.-])(?:src|test|docs|scripts|prisma|config|appPackage|cards)\/[\w./-]+/g) ?? [];
  return [...new Set(found.map((p) => p.replace(/[.,:;)]+$/, "")))];
}

/** A path that is there; a decision record may be named by its number alone (`docs/decisions/0013`). */
function exists(path: string): boolean {
  if (existsSync(join(ROOT, path))) return true;
  const number = /^docs\/decisions\/(\d{4})$/.exec(path)?.[1];
  return number !== undefined && readdirSync(join(ROOT, "docs/decisions")).some((f) => f.startsWith(`${number}-`));
}

/** Keeps docs/security.md (and its neighbours) true: what they cite is there, and runs where they say. */
describe("the security and operations documents", () => {
  it("name only files and folders that exist", () => {
    expect(DOCS).toContain("docs/security.md");
    for (const doc of DOCS) {
      const named = pathsIn(read(doc));
      expect(named.length, doc).toBeGreaterThan(0);
      expect(named.filter((p) => !exists(p)), `${doc} names missing files`).toEqual([]);
    }
  });

  it("cite tests that run on PostgreSQL too for what they say holds on PostgreSQL: the audit log's append-only triggers", () => {
    const security = read("docs/security.md");
    expect(security).toMatch(/on PostgreSQL \(a plpgsql trigger/);
    expect(security).toContain("test/store/audit-log.test.ts");
    // The suite's PostgreSQL pass runs it (vitest.config.ts leaves out only SQLite's own tests).
    expect(SQLITE_ONLY).not.toContain("test/store/audit-log.test.ts");
    expect(read("test/store/audit-log.test.ts")).toMatch(/is append-only: the database refuses to delete or rewrite an entry/);
    // The migration it names carries the triggers.
    const migration = read("prisma/postgresql/migrations/20261122160000_init/migration.sql");
    expect(migration).toContain('CREATE TRIGGER "AuditEntry_no_delete" BEFORE DELETE ON "AuditEntry"');
    expect(migration).toContain('CREATE TRIGGER "AuditEntry_no_update" BEFORE UPDATE ON "AuditEntry"');
  });

  it("no longer call done things missing: pacing is shared between instances, PostgreSQL's audit log is append-only", () => {
    const notYet = read("docs/security.md").split("## Not yet")[1] ?? "";
    expect(notYet).not.toMatch(/pacing are per process|PostgreSQL's equivalent comes/);
    expect(read("src/lib/pacer.ts")).toContain("export function shareOf");
    // Every migration history the bot applies has its own folder with the triggers' file in it.
    expect(readdirSync(join(ROOT, "prisma/postgresql/migrations"))).toContain("20261122160000_init");
  });
});
