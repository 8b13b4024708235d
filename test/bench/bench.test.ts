import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { answeringBench } from "../../scripts/bench/answering.js";
import { dataScaleBench } from "../../scripts/bench/data-scale.js";
import { deliveryBench } from "../../scripts/bench/delivery.js";
import { footprintBench } from "../../scripts/bench/footprint.js";
import { machine } from "../../scripts/bench/machine.js";
import { aims, renderMarkdown } from "../../scripts/bench/report.js";
import { newTestDatabase, onPostgres, testClient } from "../helpers/test-database.js";

/**
 * A tiny run of each benchmark of `npm run bench`, so the harness cannot rot. It checks what the
 * benchmarks count (every request answered, every write stored, no reminder twice or lost),
 * never how long anything took.
 *
 * These benchmarks run on SQLite whatever the pass; the suite's PostgreSQL pass
 * (TEST_DATABASE=postgresql) runs only the data-scale one, on PostgreSQL, rather than all of them
 * on SQLite a second time. The two-process delivery on PostgreSQL is in
 * test/scheduler/crash-restart.test.ts.
 */
describe.skipIf(onPostgres)("npm run bench, tiny", () => {
  it("answering people: every request answered 2xx, every write stored once", async () => {
    const r = await answeringBench({ connections: [2], seconds: 1, writes: 300 });
    expect(r.figures.map((f) => f.scenario)).toHaveLength(4);
    for (const f of r.figures) {
      expect(f.requests, f.scenario).toBeGreaterThan(0);
      expect([f.errors, f.non2xx], f.scenario).toEqual([0, 0]);
    }
    // Every click taken into work was done once, and nothing else: a click whose client left when
    // the load stopped, before it was taken, is dropped, never done (decision 0032). Each taken
    // click was answered on an open connection, or its client (2 connections) left while it was in work.
    const { admitted, answeredOpen, goneInWork } = r.written;
    expect(r.written.done).toBe(admitted);
    expect(admitted).toBe(answeredOpen! + goneInWork!);
    expect(goneInWork).toBeLessThanOrEqual(2);
    expect(r.written.answered).toBeLessThanOrEqual(answeredOpen!);
    expect(r.written.done).toBeLessThanOrEqual(r.written.requested);
    expect(r.written.done).toBeGreaterThan(0);
    expect(r.ratioToBare).toHaveLength(1);
    // Statements are counted where they run, also those the connection prepared before (decision 0036).
    const statements = Object.fromEntries(r.figures.map((f) => [f.scenario.split(" ")[0], f.statementsPerRequest]));
    expect(statements.mark).toBeGreaterThan(10);
    expect(statements.bare).toBe(0);
  }, 120_000);

  it("delivering reminders through Teams' limits and 502s, with and without a SIGKILL: none twice, none lost but a card noted on its way at the kill", async () => {
    for (const kill of [false, true]) {
      const r = await deliveryBench({ reminders: 60, people: 12, kill, timeoutMs: 90_000 });
      expect({ kill, duplicates: r.duplicates, lostUnmarked: r.lostUnmarked, failed: r.failed }).toEqual({ kill, duplicates: 0, lostUnmarked: 0, failed: 0 });
      // Without a kill nothing is lost; with one, only a card whose row the next process marked
      // unconfirmed (noted as on its way, its request not yet sent: decision 0005).
      expect(r.lost).toBeLessThanOrEqual(kill ? r.unconfirmed : 0);
      expect(r.killed).toBe(kill);
    }
  }, 240_000);

  it("scale of the data: seeds the rows, times the three paths and explains their queries", async () => {
    expectTinyDataScale(await dataScaleBench({ scale: 0.005, runs: 2 }), "sqlite");
  }, 120_000);

  it("footprint: starts the real process and reads its memory", async () => {
    const r = await footprintBench({ activities: 1200, starts: 1 });
    expect(r.coldStartMs.runs).toHaveLength(1);
    expect(r.rssMiB.after1000).toBeGreaterThan(0);
    expect(r.rssMiB.afterAll).toBeGreaterThan(0);
    // The heap after a forced GC, read in the bot's process at 1,000 and at the end (no 10,000 in so short a run).
    expect(r.heapAfterGcMiB?.steps.map((s) => s.activities)).toEqual([1000, 1200]);
    expect(r.heapAfterGcMiB?.reference).toBe(1000);
    expect(r.heapAfterGcMiB?.afterAll).toBeGreaterThan(0);
    expect(r.heapAfterGcMiB?.afterAll).toBeLessThan(r.rssMiB.afterAll);
    const report = { machine: machine(), quick: true, footprint: r };
    expect(aims(report).map((a) => a.aim)).toEqual(["cold start to healthy < 1 s", "heap after GC: after 1200 activities ÷ after 1000 ≤ 1.1"]);
    expect(renderMarkdown(report)).toContain("## 4. Footprint");
    expect(renderMarkdown(report)).toContain("heap in use after a forced GC");
  }, 120_000);
});

describe.runIf(onPostgres)("npm run bench, tiny, on PostgreSQL", () => {
  it("scale of the data: the same rows, paths and counts on a PostgreSQL database, its plans from EXPLAIN", async () => {
    const dir = mkdtempSync(join(tmpdir(), "laeringsloop-bench-test-"));
    const database = await newTestDatabase(dir);
    try {
      const r = await dataScaleBench({ scale: 0.005, runs: 2, databaseUrl: database.url });
      expectTinyDataScale(r, "postgresql");
      // The plans are PostgreSQL's own, read with the parameters the queries ran with.
      expect(r.plans.some((p) => p.plan.some((line) => /Scan/.test(line)))).toBe(true);
      // (Prisma's own statements name the schema; the store's typed raw SQL does not, and is no SQLite `main`.)
      expect(r.plans.some((p) => p.sql.includes('"public"'))).toBe(true);
      expect(r.plans.some((p) => p.sql.includes("`main`"))).toBe(false);
      const markdown = renderMarkdown({ machine: machine(), quick: true, postgresql: { server: "15", machine: machine(), data: r } });
      expect(markdown).toContain("| area status (5 units / 1,000 follow-ups; the area holds 5 of the units) | 2 |");
      expect(markdown).toContain("Query plans (PostgreSQL `EXPLAIN`");
      // The bulk rows written with pg are the rows SQLite gets, their instants UTC as Prisma writes them.
      const db = testClient(database.url);
      try {
        expect(await db.meeting.count()).toBe(250);
        expect(await db.meetingParticipant.count()).toBe(500);
        expect(await db.followUp.groupBy({ by: ["status"], _count: true, orderBy: { status: "asc" } })).toEqual([
          { status: "done", _count: 750 },
          { status: "open", _count: 250 },
        ]);
        const seeded = await db.notification.findMany({ where: { id: { in: Array.from({ length: 500 }, (_, i) => `n${i}`) } }, select: { status: true, dueAt: true, createdAt: true } });
        expect(seeded).toHaveLength(500);
        expect(seeded.every((n) => n.status === "pending")).toBe(true);
        // Written at the start of the run (not hours off in either direction), due 1 to 60 days after it.
        const created = seeded[0]!.createdAt.getTime();
        expect(Math.abs(Date.now() - created)).toBeLessThan(10 * 60_000);
        const days = seeded.map((n) => Math.round((n.dueAt.getTime() - created) / 86_400_000));
        expect([Math.min(...days), Math.max(...days)]).toEqual([1, 60]);
        expect(await db.meeting.count({ where: { status: "planned", startsAt: { gt: new Date() } } })).toBe(25);
      } finally {
        await db.$disconnect();
      }
    } finally {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

/** What the tiny data-scale run must have done on either database: the sizes scaled, every path run and counted, every SELECT explained. */
function expectTinyDataScale(r: Awaited<ReturnType<typeof dataScaleBench>>, database: "sqlite" | "postgresql") {
  expect(r.database).toBe(database);
  expect(r.rows).toMatchObject({ units: 5, people: 25, meetings: 250, followUps: 1000, reminders: 500 });
  expect(r.timings.map((t) => t.runs)).toEqual([2, 2, 2]);
  // Statements are counted on both (the tick's claim is one statement).
  expect(r.timings.map((t) => t.statements > 0)).toEqual([true, true, true]);
  expect(r.timings[2]!.statements).toBe(1);
  expect(r.plans.length).toBeGreaterThan(0);
  expect(r.plans.every((p) => p.plan.length > 0)).toBe(true);
}
