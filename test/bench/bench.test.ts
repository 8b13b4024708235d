import { describe, expect, it } from "vitest";
import { answeringBench } from "../../scripts/bench/answering.js";
import { dataScaleBench } from "../../scripts/bench/data-scale.js";
import { deliveryBench } from "../../scripts/bench/delivery.js";
import { footprintBench } from "../../scripts/bench/footprint.js";
import { machine } from "../../scripts/bench/machine.js";
import { aims, renderMarkdown } from "../../scripts/bench/report.js";

/**
 * A tiny run of each benchmark of `npm run bench`, so the harness cannot rot. It checks what the
 * benchmarks count (every request answered, every write stored, no reminder twice or lost),
 * never how long anything took.
 */
describe("npm run bench, tiny", () => {
  it("answering people: every request answered 2xx, every write stored once", async () => {
    const r = await answeringBench({ connections: [2], seconds: 1, writes: 300 });
    expect(r.figures.map((f) => f.scenario)).toHaveLength(4);
    for (const f of r.figures) {
      expect(f.requests, f.scenario).toBeGreaterThan(0);
      expect([f.errors, f.non2xx], f.scenario).toEqual([0, 0]);
    }
    expect(r.written.done).toBe(r.written.requested);
    expect(r.ratioToBare).toHaveLength(1);
  }, 120_000);

  it("delivering reminders through Teams' limits and 502s, with and without a SIGKILL: none twice, none lost", async () => {
    for (const kill of [false, true]) {
      const r = await deliveryBench({ reminders: 60, people: 12, kill, timeoutMs: 90_000 });
      expect({ kill, duplicates: r.duplicates, lost: r.lost, failed: r.failed }).toEqual({ kill, duplicates: 0, lost: 0, failed: 0 });
      expect(r.killed).toBe(kill);
    }
  }, 240_000);

  it("scale of the data: seeds the rows, times the three paths and explains their queries", async () => {
    const r = await dataScaleBench({ scale: 0.005, runs: 2 });
    expect(r.rows).toMatchObject({ units: 5, people: 25, meetings: 250, followUps: 1000, reminders: 500 });
    expect(r.timings.map((t) => t.runs)).toEqual([2, 2, 2]);
    expect(r.plans.length).toBeGreaterThan(0);
    expect(r.plans.every((p) => p.plan.length > 0)).toBe(true);
  }, 120_000);

  it("footprint: starts the real process and reads its memory", async () => {
    const r = await footprintBench({ activities: 1200, starts: 1 });
    expect(r.coldStartMs.runs).toHaveLength(1);
    expect(r.rssMiB.after1000).toBeGreaterThan(0);
    expect(r.rssMiB.afterAll).toBeGreaterThan(0);
    const report = { machine: machine(), quick: true, footprint: r };
    expect(aims(report).map((a) => a.aim)).toEqual(["cold start to healthy < 2 s", "resident memory after 1200 activities ÷ after 1,000 ≤ 1.1"]);
    expect(renderMarkdown(report)).toContain("## 4. Footprint");
  }, 120_000);
});
