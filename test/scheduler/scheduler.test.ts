import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { pruneActivityLogJob } from "../../src/scheduler/jobs/prune-activity-log.js";
import { startScheduler, type Job } from "../../src/scheduler/scheduler.js";
import { testStore } from "../helpers/test-db.js";
import { onPostgres } from "../helpers/test-database.js";

const log = pino({ level: "silent" });
const NEVER = "0 0 1 1 *"; // 1 January, 00:00: does not fire during a test

/** A job the test finishes by hand, counting its runs. */
function gatedJob(name = "job") {
  const state = { runs: 0, open: [] as (() => void)[] };
  const job: Job = {
    name,
    run: () =>
      new Promise<void>((resolve) => {
        state.runs += 1;
        state.open.push(resolve);
      }),
  };
  const finishOne = async () => {
    state.open.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { job, state, finishOne };
}

describe("the scheduler", () => {
  it("never runs a job twice at once; kicks during a run become one more run", async () => {
    const { job, state, finishOne } = gatedJob();
    const s = startScheduler({ cron: NEVER, timezone: "Europe/Copenhagen", jobs: [job], log });
    s.kick("job");
    s.kick("job");
    s.kick("job");
    expect(state.runs).toBe(1);
    await finishOne();
    expect(state.runs).toBe(2);
    await finishOne();
    expect(state.runs).toBe(2);
    await s.stop();
  });

  it("waits for a running job on stop, and runs nothing after", async () => {
    const { job, state, finishOne } = gatedJob();
    const s = startScheduler({ cron: NEVER, timezone: "Europe/Copenhagen", jobs: [job], log });
    s.kick("job");
    let stopped = false;
    const stopping = s.stop().then(() => (stopped = true));
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    await finishOne();
    await stopping;
    expect(stopped).toBe(true);
    s.kick("job");
    expect(state.runs).toBe(1);
  });

  it("ticks with node-cron, and a failing run does not stop later ones", async () => {
    let runs = 0;
    const failing: Job = {
      name: "failing",
      cron: "* * * * * *", // every second
      run: async () => {
        runs += 1;
        throw new Error("boom");
      },
    };
    const s = startScheduler({ cron: NEVER, timezone: "Europe/Copenhagen", jobs: [failing], log });
    for (let waited = 0; runs < 2 && waited < 20_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    await s.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
  }, 30_000);

  it("prunes handled-activity records older than a week", async () => {
    const t = await testStore({ org: false });
    await t.store.db.processedActivity.createMany({
      data: [
        { id: "old", at: new Date("2027-01-01T00:00:00Z") },
        { id: "recent", at: new Date("2027-01-10T00:00:00Z") },
      ],
    });
    expect(await pruneActivityLogJob(t.store.activityLog, () => t.store.optimize()).run(new Date("2027-01-11T00:00:00Z"))).toEqual({ pruned: 1 });
    // And the planner has statistics afterwards.
    const statistics = onPostgres ? `SELECT count(*) AS n FROM pg_stats WHERE schemaname = 'public' AND tablename = 'ProcessedActivity'` : "SELECT count(*) AS n FROM sqlite_stat1";
    expect(Number((await t.store.db.$queryRawUnsafe<{ n: bigint }[]>(statistics))[0]!.n)).toBeGreaterThan(0);
    expect((await t.store.db.processedActivity.findMany()).map((r) => r.id)).toEqual(["recent"]);
    await t.close();
  });
});

describe("jobs that run on one instance at a time", () => {
  it("two instances on one database: each tick of a oneInstance job runs on one of them, other jobs on both", async () => {
    const t = await testStore({ org: false });
    try {
      const runs: { job: string; instance: number; at: number }[] = [];
      let running = 0;
      let overlapped = false;
      const job = (name: string, instance: number, oneInstance: boolean): Job => ({
        name,
        oneInstance,
        async run(at) {
          if (oneInstance && ++running > 1) overlapped = true;
          runs.push({ job: name, instance, at: Math.floor(at.getTime() / 1000) });
          await new Promise((r) => setTimeout(r, 30));
          if (oneInstance) running--;
        },
      });
      // Two "processes": their own schedulers, leases and database clients, ticking every second.
      const schedulers = [t.store, t.another()].map((store, i) =>
        startScheduler({
          cron: "* * * * * *",
          timezone: "Europe/Copenhagen",
          jobs: [job("channel-digest", i, true), job("deliver-notifications", i, false)],
          log,
          leases: { store: store.jobLeases, holder: `instance-${i}`, leaseMs: 60_000 },
        }),
      );
      const ticks = (name: string) => runs.filter((r) => r.job === name);
      const on = (i: number) => ticks("deliver-notifications").filter((r) => r.instance === i).length;
      // Some ticks, however busy the machine (node-cron skips a tick it is a second late for).
      for (const end = Date.now() + 20_000; Date.now() < end && (Math.min(on(0), on(1)) < 2 || ticks("channel-digest").length < 2); ) await new Promise((r) => setTimeout(r, 100));
      await Promise.all(schedulers.map((s) => s.stop()));

      const digestTicks = ticks("channel-digest").map((r) => r.at);
      const deliverTicks = ticks("deliver-notifications").map((r) => r.at);
      // The ordinary job ran on both; the oneInstance job at most once per tick, never at once,
      // and at the ticks (not a catch-up run of its own).
      expect(Math.min(on(0), on(1))).toBeGreaterThanOrEqual(2);
      expect(digestTicks.length).toBeGreaterThanOrEqual(2);
      expect(digestTicks.length).toBe(new Set(digestTicks).size);
      for (const tick of digestTicks) expect(deliverTicks).toContain(tick);
      expect(overlapped).toBe(false);
    } finally {
      await t.close();
    }
  }, 30_000);

  it("a job whose holder died runs elsewhere once the dead one's lease ran out, not before", async () => {
    const t = await testStore({ org: false });
    try {
      const start = Date.now();
      // An instance took the lease and was killed: its row stays until it runs out, 2 s from now.
      await t.store.db.jobLease.create({ data: { name: "retention", holder: "dead-instance", leaseUntil: new Date(start + 2_000) } });
      const runs: number[] = [];
      const s = startScheduler({
        cron: "* * * * * *",
        timezone: "Europe/Copenhagen",
        jobs: [{ name: "retention", oneInstance: true, run: async (at) => void runs.push(at.getTime()) }],
        log,
        leases: { store: t.store.jobLeases, holder: "survivor", leaseMs: 60_000 },
      });
      // Until it ran (node-cron skips a tick it is a second late for, as on a busy machine).
      for (const end = Date.now() + 20_000; Date.now() < end && runs.length === 0; ) await new Promise((r) => setTimeout(r, 100));
      await s.stop();
      expect(runs.length).toBeGreaterThanOrEqual(1);
      expect(Math.min(...runs)).toBeGreaterThanOrEqual(start + 2_000);
      expect((await t.store.db.jobLease.findUniqueOrThrow({ where: { name: "retention" } })).holder).toBe("survivor");
    } finally {
      await t.close();
    }
  }, 30_000);
});
