import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseOn } from "../../scripts/bench/postgres.js";
import { POSTGRESQL_SCHEMA, SQLITE_SCHEMA, postgresqlSchema } from "../../scripts/db/postgresql-schema.js";
import { openDatabase } from "../../src/store/database.js";
import { createStore } from "../../src/store/index.js";
import { migratePostgresql, POSTGRESQL_MIGRATIONS_DIR } from "../../src/store/migrate-postgresql.js";
import { createPostgresPrismaClient } from "../../src/store/postgres-client.js";

const ROOT = resolve(import.meta.dirname, "../..");

describe("one data model for SQLite and PostgreSQL", () => {
  it("prisma/postgresql/schema.prisma is what npm run db:pg-schema writes from prisma/schema.prisma", () => {
    expect(readFileSync(POSTGRESQL_SCHEMA, "utf8")).toBe(postgresqlSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
  });
});

/**
 * Against a real PostgreSQL server: TEST_POSTGRES_URL names one where databases may be created
 * (`.ci/run` installs and starts Debian's postgresql and sets it). Each test gets a new database.
 */
const server = process.env.TEST_POSTGRES_URL;

describe.runIf(server)("PostgreSQL migrations (TEST_POSTGRES_URL)", () => {
  const admin = new pg.Client({ connectionString: server });
  const created: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), "laeringsloop-pg-"));
  beforeAll(() => admin.connect());
  afterAll(async () => {
    for (const name of created) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  });
  async function freshDatabase(): Promise<string> {
    const name = `laeringsloop_test_${process.pid}_${created.length}_${Date.now().toString(36)}`;
    await admin.query(`CREATE DATABASE "${name}"`);
    created.push(name);
    return databaseOn(server!, name);
  }
  const migrations = () => readdirSync(POSTGRESQL_MIGRATIONS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

  /** Tables, columns, indexes and constraints of a database, as PostgreSQL describes them. */
  async function shape(url: string): Promise<unknown> {
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const q = async (sql: string) => (await db.query(sql)).rows;
      return {
        columns: await q(`SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY 1, 2`),
        indexes: await q(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1, 2`),
        constraints: await q(`SELECT conrelid::regclass::text AS table, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY 1, 2`),
      };
    } finally {
      await db.end();
    }
  }

  it("produce exactly the data model in prisma/postgresql/schema.prisma (no forgotten migration)", async () => {
    // Prisma 6.19 cannot introspect PostgreSQL through the pg driver adapter ("Column type 'name'
    // could not be deserialized"), so the check compares the database the migrations build with
    // one built from the schema's own DDL (prisma migrate diff --from-empty, which needs no database).
    const migrated = await freshDatabase();
    expect((await migratePostgresql(migrated)).applied).toEqual(migrations());
    const env = { ...process.env, DATABASE_URL: migrated, PRISMA_QUERY_ENGINE_LIBRARY: "/dev/null", PRISMA_SCHEMA_ENGINE_BINARY: "/dev/null" };
    const ddl = spawnSync("npx", ["prisma", "migrate", "diff", "--config", "prisma/postgresql/prisma.config.ts", "--from-empty", "--to-schema-datamodel", POSTGRESQL_SCHEMA, "--script"], { cwd: ROOT, env, encoding: "utf8" });
    expect(ddl.status).toBe(0);
    const fromSchema = await freshDatabase();
    const db = new pg.Client({ connectionString: fromSchema });
    await db.connect();
    await db.query(ddl.stdout).finally(() => db.end());
    expect(await shape(migrated)).toEqual(await shape(fromSchema));
  }, 120_000);

  it("when several instances start at once, one migrates and the others find nothing left to do", async () => {
    const url = await freshDatabase();
    const runs = await Promise.all(Array.from({ length: 4 }, () => migratePostgresql(url)));
    expect(runs.map((r) => r.applied.length).sort()).toEqual([0, 0, 0, migrations().length]);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const rows = await db.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`);
      expect(rows.rows.map((r) => r.migration_name)).toEqual(migrations());
    } finally {
      await db.end();
    }
  }, 60_000);

  it("keep the audit log append-only: no delete, no change but anonymising a person", async () => {
    const url = await freshDatabase();
    await migratePostgresql(url);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      await db.query(`INSERT INTO "AuditEntry" ("at", "actorId", "action", "subjectKind", "subjectId", "personId") VALUES (now(), 'megan', 'followup.done', 'followup', 'f1', 'megan')`);
      await expect(db.query(`DELETE FROM "AuditEntry"`)).rejects.toThrow(/append-only/);
      await expect(db.query(`UPDATE "AuditEntry" SET "action" = 'followup.created'`)).rejects.toThrow(/append-only/);
      await db.query(`UPDATE "AuditEntry" SET "actorId" = 'anonym-0123456789ab', "personId" = 'anonym-0123456789ab'`);
      expect((await db.query(`SELECT "actorId", "personId", "action" FROM "AuditEntry"`)).rows).toEqual([{ actorId: "anonym-0123456789ab", personId: "anonym-0123456789ab", action: "followup.done" }]);
    } finally {
      await db.end();
    }
  });

  it("the outbox on PostgreSQL: two instances claiming at once never get the same row (FOR UPDATE SKIP LOCKED)", async () => {
    const url = await freshDatabase();
    await migratePostgresql(url);
    const [a, b] = [createStore(createPostgresPrismaClient(url), "postgresql"), createStore(createPostgresPrismaClient(url), "postgresql")];
    try {
      const planned = new Date("2027-01-11T09:00:00Z");
      const row = (i: number) => ({ key: `followup_overdue:f${i}`, kind: "followup_overdue" as const, personId: "megan", subjectId: `f${i}`, dueAt: new Date(planned.getTime() + i) });
      await a.notifications.plan(Array.from({ length: 300 }, (_, i) => row(i)), planned);
      const now = new Date("2027-01-20T08:00:00Z");
      // Many small claims from both at once, as two instances' outboxes make them.
      const claims = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).notifications.claimDue(now, 60_000, 10)));
      const ids = claims.flat().map((n) => n.id);
      expect(ids).toHaveLength(300);
      expect(new Set(ids).size).toBe(300);
      expect(claims.flat().every((n) => n.status === "sending" && n.attempts === 1 && n.dueAt instanceof Date && n.immediate === false)).toBe(true);
      // Held rows are not claimed again until their lease runs out; then they are, once.
      expect(await a.notifications.claimDue(new Date(now.getTime() + 59_000), 60_000, 500)).toEqual([]);
      const again = await Promise.all([a, b].map((s) => s.notifications.claimDue(new Date(now.getTime() + 61_000), 60_000, 500)));
      expect(again.flat()).toHaveLength(300);
      expect(new Set(again.flat().map((n) => n.id)).size).toBe(300);
      expect(await a.notifications.markSent(again.flat()[0]!, new Date(now.getTime() + 62_000))).toBe(true);
    } finally {
      await Promise.all([a.db.$disconnect(), b.db.$disconnect()]);
    }
  });

  it("give every meeting closed before reopening existed its first referat (20261210120000_referat_versions)", async () => {
    const url = await freshDatabase();
    const before = join(dir, "migrations-before-referater");
    // Without it, and without the later referat approval's, which reads the column it adds.
    cpSync(POSTGRESQL_MIGRATIONS_DIR, before, { recursive: true, filter: (src) => !/20261210120000_referat_versions|20261217110000_referat_approval/.test(src) });
    await migratePostgresql(url, before);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      await db.query(`INSERT INTO "Area" ("id", "name", "updatedAt") VALUES ('midt', 'Midt', now());
        INSERT INTO "Unit" ("id", "name", "type", "areaId", "updatedAt") VALUES ('u1', 'Solsikken', 'dagtilbud', 'midt', now());
        INSERT INTO "Person" ("id", "aadObjectId", "name", "updatedAt") VALUES ('alex', 'aad-alex', 'Alex', now());
        INSERT INTO "Meeting" ("id", "kind", "unitId", "chairId", "startsAt", "durationMinutes", "status", "closedAt") VALUES
          ('m1', 'one_on_one', 'u1', 'alex', '2026-11-01T09:00:00Z', 60, 'closed', '2026-11-01T10:05:00Z'),
          ('m2', 'one_on_one', 'u1', 'alex', '2026-11-01T09:00:00Z', 60, 'planned', NULL);
        INSERT INTO "FormRevision" ("id", "meetingId", "revision", "editedById", "at", "snapshot") VALUES ('r1', 'm1', 1, 'alex', now(), '{}'), ('r2', 'm1', 2, 'alex', now(), '{}');`);
      expect((await migratePostgresql(url)).applied).toEqual(["20261210120000_referat_versions", "20261217110000_referat_approval"]);
      expect((await db.query(`SELECT "id", "referatVersion", "carriedFrozen" FROM "Meeting" ORDER BY "id"`)).rows).toEqual([
        { id: "m1", referatVersion: 1, carriedFrozen: true },
        { id: "m2", referatVersion: 0, carriedFrozen: false },
      ]);
      expect((await db.query(`SELECT "meetingId", "version", "formRevision", "closedAt", "closedById" FROM "ReferatVersion"`)).rows).toEqual([
        { meetingId: "m1", version: 1, formRevision: 2, closedAt: new Date("2026-11-01T10:05:00Z"), closedById: "alex" },
      ]);
    } finally {
      await db.end();
    }
  });

  it("give every follow-up its meeting's kind (20261220100000_follow_up_meeting_kind)", async () => {
    const url = await freshDatabase();
    const before = join(dir, "migrations-before-kinds");
    cpSync(POSTGRESQL_MIGRATIONS_DIR, before, { recursive: true, filter: (src) => !src.includes("20261220100000_follow_up_meeting_kind") });
    await migratePostgresql(url, before);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      await db.query(`INSERT INTO "Area" ("id", "name", "updatedAt") VALUES ('midt', 'Midt', now());
        INSERT INTO "Unit" ("id", "name", "type", "areaId", "updatedAt") VALUES ('u1', 'Solsikken', 'dagtilbud', 'midt', now());
        INSERT INTO "Person" ("id", "aadObjectId", "name", "updatedAt") VALUES ('p1', 'aad-p1', 'Megan', now());
        INSERT INTO "Meeting" ("id", "kind", "unitId", "chairId", "startsAt", "durationMinutes") VALUES ('m1', 'one_on_one', 'u1', 'p1', '2026-11-01T09:00:00Z', 60), ('m2', 'laeringssamtale', 'u1', 'p1', '2026-11-02T09:00:00Z', 120);
        INSERT INTO "FollowUp" ("id", "meetingId", "unitId", "text", "ownerId", "dueDate") VALUES ('f1', 'm1', 'u1', 'a', 'p1', '2026-12-01'), ('f2', 'm2', 'u1', 'b', 'p1', '2026-12-01');`);
      expect((await migratePostgresql(url)).applied).toEqual(["20261220100000_follow_up_meeting_kind"]);
      expect((await db.query(`SELECT "id", "meetingKind" FROM "FollowUp" ORDER BY "id"`)).rows).toEqual([
        { id: "f1", meetingKind: "one_on_one" },
        { id: "f2", meetingKind: "laeringssamtale" },
      ]);
    } finally {
      await db.end();
    }
  });

  it("make every guest a person outside Teams taking part ad hoc (20261217100000_people_outside_teams)", async () => {
    const url = await freshDatabase();
    const before = join(dir, "migrations-before-guests");
    cpSync(POSTGRESQL_MIGRATIONS_DIR, before, { recursive: true, filter: (src) => !src.includes("20261217100000_people_outside_teams") });
    await migratePostgresql(url, before);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      await db.query(`INSERT INTO "Area" ("id", "name", "updatedAt") VALUES ('midt', 'Midt', now());
        INSERT INTO "Unit" ("id", "name", "type", "areaId", "updatedAt") VALUES ('u1', 'Solsikken', 'dagtilbud', 'midt', now());
        INSERT INTO "Person" ("id", "aadObjectId", "name", "updatedAt") VALUES ('alex', 'aad-alex', 'Alex', now());
        INSERT INTO "Meeting" ("id", "kind", "unitId", "chairId", "startsAt", "durationMinutes") VALUES ('m1', 'laeringssamtale', 'u1', 'alex', '2026-11-01T09:00:00Z', 120);
        INSERT INTO "MeetingParticipant" ("meetingId", "personId", "role") VALUES ('m1', 'alex', 'chair');
        INSERT INTO "MeetingGuest" ("id", "meetingId", "name", "email", "phone", "addedById") VALUES ('g1', 'm1', 'Anne Holm', 'anne@example.com', NULL, 'alex');`);
      expect((await migratePostgresql(url)).applied).toEqual(["20261217100000_people_outside_teams"]);
      expect((await db.query(`SELECT "id", "aadObjectId", "name", "email", "origin" FROM "Person" ORDER BY "id"`)).rows).toEqual([
        { id: "alex", aadObjectId: "aad-alex", name: "Alex", email: null, origin: "file" },
        { id: "g1", aadObjectId: null, name: "Anne Holm", email: "anne@example.com", origin: "guest" },
      ]);
      expect((await db.query(`SELECT "personId", "role" FROM "MeetingParticipant" ORDER BY "personId"`)).rows).toEqual([
        { personId: "alex", role: "chair" },
        { personId: "g1", role: "ad_hoc" },
      ]);
    } finally {
      await db.end();
    }
  });

  it("refuse to start when an applied migration was edited afterwards", async () => {
    const url = await freshDatabase();
    const copy = join(dir, "migrations");
    cpSync(POSTGRESQL_MIGRATIONS_DIR, copy, { recursive: true });
    await migratePostgresql(url, copy);
    appendFileSync(join(copy, migrations()[0]!, "migration.sql"), "\n-- edited\n");
    await expect(migratePostgresql(url, copy)).rejects.toThrow(/er ændret/);
  });

  it("refuse to start on a database a newer version migrated", async () => {
    const url = await freshDatabase();
    await migratePostgresql(url);
    const older = join(dir, "older-migrations");
    cpSync(POSTGRESQL_MIGRATIONS_DIR, older, { recursive: true });
    const last = migrations().at(-1)!;
    rmSync(join(older, last), { recursive: true });
    await expect(migratePostgresql(url, older)).rejects.toThrow(`Databasen er migreret af en nyere udgave af Læringsloop (${last}).`);
  });

  it("say in Danish, without the password, when the database cannot be reached at start", async () => {
    const noDatabase = new URL(server!);
    noDatabase.pathname = "/laeringsloop_findes_ikke";
    const noServer = new URL(server!);
    noServer.port = "1";
    for (const [url, code] of [[noDatabase, "3D000"], [noServer, "ECONNREFUSED"]] as const) {
      const err = (await openDatabase(url.toString()).then(
        () => undefined,
        (e: unknown) => e as Error,
      ))!;
      expect(err.message).toContain(`Databasen ${url.protocol}//${url.username}@${url.host}${url.pathname} kan ikke nås (${code}`);
      if (url.password) expect(err.message).not.toContain(`:${url.password}@`);
    }
  });

  it("an instance waiting for another's migration stops at once on SIGTERM, and migrates nothing", async () => {
    const url = await freshDatabase();
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query("SELECT pg_advisory_lock(7041911022)"); // as an instance migrating would hold it
      const bot = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, NODE_ENV: "development", LOG_LEVEL: "info", PORT: "0", DATABASE_URL: url },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      bot.stdout.on("data", (c: Buffer) => (out += c.toString()));
      const exit = new Promise<number | null>((ok) => bot.once("exit", (code) => ok(code)));
      // Started and waiting: its migration session asks for the lock.
      let waiting = false;
      for (let i = 0; i < 300 && !waiting; i++) {
        // Only this database's migration lock: the suite's other tests wait on advisory locks too.
        const probe = `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = 7041911022 % 4294967296
                         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
        waiting = Boolean((await other.query(probe)).rowCount);
        if (!waiting) await new Promise((r) => setTimeout(r, 100));
      }
      expect(waiting).toBe(true);
      bot.kill("SIGTERM");
      expect(await exit).toBe(0);
      expect(out).toContain('"msg":"stopping"');
      expect((await other.query(`SELECT to_regclass('"_prisma_migrations"') AS t`)).rows[0].t).toBeNull();
    } finally {
      await other.end();
    }
  }, 60_000);
});
