import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { migrateSqlite, MIGRATIONS_DIR } from "../../src/store/migrate.js";
import { createActivityLog } from "../../src/store/activity-log.js";
import { createPrismaClient } from "../../src/store/prisma-client.js";

describe("migrations applied at start-up", () => {
  const dir = mkdtempSync(join(tmpdir(), "laeringsloop-migrate-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("creates the database folder and file, applies every migration once, then none", () => {
    const url = `file:${join(dir, "nested", "folder", "bot.db")}`;
    const first = migrateSqlite(url);
    expect(first.applied.length).toBeGreaterThan(0);
    expect(migrateSqlite(url).applied).toEqual([]);
    const db = new Database(join(dir, "nested", "folder", "bot.db"));
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all().map((r) => (r as { name: string }).name);
    db.close();
    expect(tables).toEqual(expect.arrayContaining(["Person", "Meeting", "FollowUp", "Notification", "_prisma_migrations"]));
  });

  it("records them so Prisma's own CLI sees the database as up to date", () => {
    const url = `file:${join(dir, "cli.db")}`;
    migrateSqlite(url);
    const res = spawnSync("npx", ["prisma", "migrate", "status"], { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
    expect(res.stdout + res.stderr).toContain("Database schema is up to date!");
    expect(res.status).toBe(0);
  }, 60_000);

  it("produce exactly the data model in prisma/schema.prisma (no forgotten migration)", () => {
    const url = `file:${join(dir, "drift.db")}`;
    migrateSqlite(url);
    const pulled = spawnSync("npx", ["prisma", "db", "pull", "--print"], { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
    expect(pulled.status).toBe(0);
    // The printed schema starts after Prisma's warnings about the driver adapter.
    const schema = pulled.stdout.slice(pulled.stdout.search(/^generator /m));
    const file = join(dir, "pulled.prisma");
    writeFileSync(file, schema);
    const diff = spawnSync("npx", ["prisma", "migrate", "diff", "--from-schema-datamodel", file, "--to-schema-datamodel", "prisma/schema.prisma", "--exit-code"], {
      env: { ...process.env, DATABASE_URL: url },
      encoding: "utf8",
    });
    expect(diff.stdout + diff.stderr).toContain("No difference detected.");
    expect(diff.status).toBe(0);
  }, 60_000);

  it("gives every follow-up of an existing database its meeting's unit (20261122150000_follow_up_unit)", () => {
    const url = `file:${join(dir, "upgrade.db")}`;
    const before = join(dir, "migrations-before");
    // The history as it was then: later migrations change FollowUp again.
    cpSync(MIGRATIONS_DIR, before, { recursive: true, filter: (src) => (/(\d{14})_/.exec(src)?.[1] ?? "") < "20261122150000" });
    migrateSqlite(url, before);
    const db = new Database(join(dir, "upgrade.db"));
    const t = "2026-11-01T09:00:00.000+00:00";
    db.exec(`INSERT INTO Area (id, name, updatedAt) VALUES ('midt', 'Midt', '${t}');
      INSERT INTO Unit (id, name, type, areaId, updatedAt) VALUES ('u1', 'Solsikken', 'dagtilbud', 'midt', '${t}'), ('u2', 'Åskolen', 'skole', 'midt', '${t}');
      INSERT INTO Person (id, aadObjectId, name, updatedAt) VALUES ('p1', 'aad-p1', 'Megan', '${t}');
      INSERT INTO Meeting (id, kind, unitId, chairId, startsAt, durationMinutes, createdAt) VALUES ('m1', 'one_on_one', 'u1', 'p1', '${t}', 60, '${t}'), ('m2', 'one_on_one', 'u2', 'p1', '${t}', 60, '${t}');
      INSERT INTO FollowUp (id, meetingId, text, ownerId, dueDate) VALUES ('f1', 'm1', 'a', 'p1', '2026-12-01'), ('f2', 'm2', 'b', 'p1', '2026-12-01'), ('f3', 'm2', 'c', 'p1', '2026-12-01');
      INSERT INTO FollowUpEvent (id, followUpId, kind, actorId, at, data) VALUES ('e1', 'f2', 'created', 'p1', '${t}', '{}');`);
    db.close();
    expect(migrateSqlite(url).applied[0]).toBe("20261122150000_follow_up_unit");
    const after = new Database(join(dir, "upgrade.db"));
    expect(after.prepare("SELECT id, unitId FROM FollowUp ORDER BY id").all()).toEqual([
      { id: "f1", unitId: "u1" },
      { id: "f2", unitId: "u2" },
      { id: "f3", unitId: "u2" },
    ]);
    expect(after.prepare("SELECT followUpId FROM FollowUpEvent").all()).toEqual([{ followUpId: "f2" }]);
    expect(after.pragma("foreign_key_check")).toEqual([]);
    after.close();
  });

  it("gives every follow-up of an existing database its meeting's kind (20261220100000_follow_up_meeting_kind)", () => {
    const url = `file:${join(dir, "kinds.db")}`;
    const before = join(dir, "migrations-before-kinds");
    cpSync(MIGRATIONS_DIR, before, { recursive: true, filter: (src) => !src.includes("20261220100000_follow_up_meeting_kind") });
    migrateSqlite(url, before);
    const db = new Database(join(dir, "kinds.db"));
    const t = "2026-11-01T09:00:00.000+00:00";
    db.exec(`INSERT INTO Area (id, name, updatedAt) VALUES ('midt', 'Midt', '${t}');
      INSERT INTO Unit (id, name, type, areaId, updatedAt) VALUES ('u1', 'Solsikken', 'dagtilbud', 'midt', '${t}');
      INSERT INTO Person (id, aadObjectId, name, updatedAt) VALUES ('p1', 'aad-p1', 'Megan', '${t}');
      INSERT INTO Meeting (id, kind, unitId, chairId, startsAt, durationMinutes, createdAt) VALUES ('m1', 'one_on_one', 'u1', 'p1', '${t}', 60, '${t}'), ('m2', 'laeringssamtale', 'u1', 'p1', '${t}', 120, '${t}');
      INSERT INTO FollowUp (id, meetingId, unitId, text, ownerId, dueDate, status, doneAt) VALUES ('f1', 'm1', 'u1', 'a', 'p1', '2026-12-01', 'open', NULL), ('f2', 'm2', 'u1', 'b', 'p1', '2026-12-01', 'done', '${t}');
      INSERT INTO FollowUpEvent (id, followUpId, kind, actorId, at, data) VALUES ('e1', 'f2', 'created', 'p1', '${t}', '{}');`);
    db.close();
    expect(migrateSqlite(url).applied).toEqual(["20261220100000_follow_up_meeting_kind"]);
    const after = new Database(join(dir, "kinds.db"));
    expect(after.prepare("SELECT id, unitId, meetingKind, status, doneAt FROM FollowUp ORDER BY id").all()).toEqual([
      { id: "f1", unitId: "u1", meetingKind: "one_on_one", status: "open", doneAt: null },
      { id: "f2", unitId: "u1", meetingKind: "laeringssamtale", status: "done", doneAt: t },
    ]);
    expect(after.prepare("SELECT followUpId FROM FollowUpEvent").all()).toEqual([{ followUpId: "f2" }]);
    expect(after.pragma("foreign_key_check")).toEqual([]);
    after.close();
  });

  it("makes every guest of an existing database a person outside Teams taking part ad hoc (20261217100000_people_outside_teams)", () => {
    const url = `file:${join(dir, "guests.db")}`;
    const before = join(dir, "migrations-before-guests");
    cpSync(MIGRATIONS_DIR, before, { recursive: true, filter: (src) => !src.includes("20261217100000_people_outside_teams") });
    migrateSqlite(url, before);
    const db = new Database(join(dir, "guests.db"));
    const t = "2026-11-01T09:00:00.000+00:00";
    db.exec(`INSERT INTO Area (id, name, updatedAt) VALUES ('midt', 'Midt', '${t}');
      INSERT INTO Unit (id, name, type, areaId, updatedAt) VALUES ('u1', 'Solsikken', 'dagtilbud', 'midt', '${t}');
      INSERT INTO Person (id, aadObjectId, name, email, updatedAt) VALUES ('alex', 'aad-alex', 'Alex', 'alex@kommune.dk', '${t}');
      INSERT INTO Meeting (id, kind, unitId, chairId, startsAt, durationMinutes, createdAt) VALUES ('m1', 'laeringssamtale', 'u1', 'alex', '${t}', 120, '${t}');
      INSERT INTO MeetingParticipant (meetingId, personId, role) VALUES ('m1', 'alex', 'chair');
      INSERT INTO MeetingGuest (id, meetingId, name, email, phone, addedById, createdAt) VALUES ('g1', 'm1', 'Anne Holm', 'anne@example.com', NULL, 'alex', '${t}'), ('g2', 'm1', 'Per Lund', NULL, '+45 12 34 56 78', 'alex', '${t}');`);
    db.close();
    expect(migrateSqlite(url).applied).toEqual(["20261217100000_people_outside_teams"]);
    const after = new Database(join(dir, "guests.db"));
    expect(after.prepare("SELECT id, aadObjectId, name, email, phone, origin, active FROM Person ORDER BY id").all()).toEqual([
      { id: "alex", aadObjectId: "aad-alex", name: "Alex", email: "alex@kommune.dk", phone: null, origin: "file", active: 1 },
      { id: "g1", aadObjectId: null, name: "Anne Holm", email: "anne@example.com", phone: null, origin: "guest", active: 1 },
      { id: "g2", aadObjectId: null, name: "Per Lund", email: null, phone: "+45 12 34 56 78", origin: "guest", active: 1 },
    ]);
    expect(after.prepare("SELECT personId, role FROM MeetingParticipant WHERE meetingId = 'm1' ORDER BY personId").all()).toEqual([
      { personId: "alex", role: "chair" },
      { personId: "g1", role: "ad_hoc" },
      { personId: "g2", role: "ad_hoc" },
    ]);
    expect(after.prepare("SELECT name FROM sqlite_master WHERE name = 'MeetingGuest'").all()).toEqual([]);
    expect(after.pragma("foreign_key_check")).toEqual([]);
    after.close();
  });

  it("tells the card copies an existing database tracks how they were sent (20261123000000_card_copies)", () => {
    const url = `file:${join(dir, "copies.db")}`;
    const before = join(dir, "migrations-before-copies");
    cpSync(MIGRATIONS_DIR, before, { recursive: true, filter: (src) => !src.includes("20261123000000_card_copies") });
    migrateSqlite(url, before);
    const db = new Database(join(dir, "copies.db"));
    db.exec(`INSERT INTO SentCard (id, subjectKind, subjectId, personId, conversationId, activityId) VALUES
      ('s1', 'agenda', 'm1', 'p1', 'c1', 'a1'), ('s2', 'referat', 'm1', 'p1', 'c1', 'a2'), ('s3', 'followup', 'f1', 'p1', 'c1', 'a3');`);
    db.close();
    expect(migrateSqlite(url).applied).toEqual(["20261123000000_card_copies"]);
    const after = new Database(join(dir, "copies.db"));
    // Until then only the outbox tracked copies: agendas went as the meeting pack, referater with their intro.
    expect(after.prepare("SELECT id, params, fingerprint FROM SentCard ORDER BY id").all()).toEqual([
      { id: "s1", params: '{"pack":true}', fingerprint: null },
      { id: "s2", params: '{"intro":true}', fingerprint: null },
      { id: "s3", params: null, fingerprint: null },
    ]);
    after.close();
  });

  it("frees the claims that never got an answer before activity claims had leases (20261123090000_activity_claims)", async () => {
    const url = `file:${join(dir, "claims.db")}`;
    const before = join(dir, "migrations-before-claims");
    cpSync(MIGRATIONS_DIR, before, { recursive: true, filter: (src) => !src.includes("20261123090000_activity_claims") });
    migrateSqlite(url, before);
    const db = new Database(join(dir, "claims.db"));
    // What a killed process left: a click claimed and never answered; and one answered.
    const t = "2026-11-20T09:00:00.000+00:00";
    db.exec(`INSERT INTO ProcessedActivity (id, at, response) VALUES ('stuck', '${t}', NULL), ('answered', '${t}', '"ok"');`);
    db.close();
    expect(migrateSqlite(url).applied).toEqual(["20261123090000_activity_claims"]);
    const client = createPrismaClient(url);
    try {
      const log = createActivityLog(client);
      const now = new Date("2026-11-23T09:00:00Z");
      expect(await log.claim("stuck", "redelivery", now, new Date(now.getTime() + 10_000))).toBe(true);
      expect(await log.claim("answered", "redelivery", now, new Date(now.getTime() + 10_000))).toBe(false);
      expect(await log.response("answered")).toBe('"ok"');
    } finally {
      await client.$disconnect();
    }
  });

  it("gives every meeting closed before reopening existed its first referat (20261210120000_referat_versions)", () => {
    const url = `file:${join(dir, "referater.db")}`;
    const before = join(dir, "migrations-before-referater");
    // Without it, and without the later referat approval's, which reads the column it adds.
    cpSync(MIGRATIONS_DIR, before, { recursive: true, filter: (src) => !/20261210120000_referat_versions|20261217110000_referat_approval/.test(src) });
    migrateSqlite(url, before);
    const db = new Database(join(dir, "referater.db"));
    const t = "2026-11-01T09:00:00.000+00:00";
    const closed = "2026-11-01T10:05:00.000+00:00";
    db.exec(`INSERT INTO Area (id, name, updatedAt) VALUES ('midt', 'Midt', '${t}');
      INSERT INTO Unit (id, name, type, areaId, updatedAt) VALUES ('u1', 'Solsikken', 'dagtilbud', 'midt', '${t}');
      INSERT INTO Person (id, aadObjectId, name, updatedAt) VALUES ('alex', 'aad-alex', 'Alex', '${t}');
      INSERT INTO Meeting (id, kind, unitId, chairId, startsAt, durationMinutes, createdAt, status, closedAt) VALUES
        ('m1', 'one_on_one', 'u1', 'alex', '${t}', 60, '${t}', 'closed', '${closed}'),
        ('m2', 'one_on_one', 'u1', 'alex', '${t}', 60, '${t}', 'planned', NULL),
        ('m3', 'one_on_one', 'u1', 'alex', '${t}', 60, '${t}', 'cancelled', NULL);
      INSERT INTO FormRevision (id, meetingId, revision, editedById, at, snapshot) VALUES ('r1', 'm1', 1, 'alex', '${t}', '{}'), ('r2', 'm1', 2, 'alex', '${t}', '{}');`);
    db.close();
    expect(migrateSqlite(url).applied).toEqual(["20261210120000_referat_versions", "20261217110000_referat_approval"]);
    const after = new Database(join(dir, "referater.db"));
    expect(after.prepare(`SELECT id, referatVersion, carriedFrozen FROM Meeting ORDER BY id`).all()).toEqual([
      { id: "m1", referatVersion: 1, carriedFrozen: 1 },
      { id: "m2", referatVersion: 0, carriedFrozen: 0 },
      { id: "m3", referatVersion: 0, carriedFrozen: 0 },
    ]);
    // Its referat shows the form as it stands (corrections were saved into it until then), closed by its chair.
    expect(after.prepare(`SELECT meetingId, version, formRevision, closedAt, closedById, reopenedAt FROM ReferatVersion`).all()).toEqual([
      { meetingId: "m1", version: 1, formRevision: 2, closedAt: closed, closedById: "alex", reopenedAt: null },
    ]);
    after.close();
  });

  it("asks no approval of referater closed before referat approval existed; a correction from then on is asked (20261217110000_referat_approval)", () => {
    const url = `file:${join(dir, "approval.db")}`;
    const before = join(dir, "migrations-before-approval");
    cpSync(MIGRATIONS_DIR, before, { recursive: true, filter: (src) => !/2026121711\d{4}_|2026121712\d{4}_|2026121713\d{4}_/.test(src) });
    migrateSqlite(url, before);
    const db = new Database(join(dir, "approval.db"));
    const t = "2026-11-01T09:00:00.000+00:00";
    db.exec(`INSERT INTO Area (id, name, updatedAt) VALUES ('midt', 'Midt', '${t}');
      INSERT INTO Unit (id, name, type, areaId, updatedAt) VALUES ('u1', 'Solsikken', 'dagtilbud', 'midt', '${t}');
      INSERT INTO Person (id, aadObjectId, name, updatedAt) VALUES ('alex', 'aad-alex', 'Alex', '${t}');
      INSERT INTO Meeting (id, kind, unitId, chairId, startsAt, durationMinutes, createdAt, status, closedAt, referatVersion) VALUES
        ('m1', 'laeringssamtale', 'u1', 'alex', '${t}', 60, '${t}', 'closed', '${t}', 1),
        ('m2', 'laeringssamtale', 'u1', 'alex', '${t}', 60, '${t}', 'closed', '${t}', 2),
        ('m3', 'laeringssamtale', 'u1', 'alex', '${t}', 60, '${t}', 'planned', NULL, 0);`);
    db.close();
    expect(migrateSqlite(url).applied).toContain("20261217110000_referat_approval");
    const after = new Database(join(dir, "approval.db"));
    expect(after.prepare(`SELECT meetingId, fromVersion FROM ReferatApprovalStart ORDER BY meetingId`).all()).toEqual([
      { meetingId: "m1", fromVersion: 2 },
      { meetingId: "m2", fromVersion: 3 },
    ]);
    after.close();
  });

  it("refuses to start when an applied migration was edited afterwards", () => {
    const url = `file:${join(dir, "edited.db")}`;
    const copy = join(dir, "migrations");
    cpSync(MIGRATIONS_DIR, copy, { recursive: true });
    migrateSqlite(url, copy);
    const first = spawnSync("ls", [copy], { encoding: "utf8" }).stdout.split("\n").find((n) => /^\d+_/.test(n))!;
    appendFileSync(join(copy, first, "migration.sql"), "\n-- edited\n");
    expect(() => migrateSqlite(url, copy)).toThrow(/er ændret/);
  });

  it("refuses to start on a database a newer version migrated (an old version left running, or started by mistake)", () => {
    const url = `file:${join(dir, "newer.db")}`;
    migrateSqlite(url);
    const older = join(dir, "older-migrations");
    cpSync(MIGRATIONS_DIR, older, { recursive: true });
    const last = readdirSync(older).filter((n) => /^\d+_/.test(n)).sort().at(-1)!;
    rmSync(join(older, last), { recursive: true });
    expect(() => migrateSqlite(url, older)).toThrow(`Databasen er migreret af en nyere udgave af Læringsloop (${last}).`);
  });
});
