/**
 * Benchmark 4, footprint: cold start to healthy of the real process (as `npm start` runs it:
 * scripts/start.mjs checks dist/ is current and runs the compiled bot; the migrations already
 * applied and dist/ already built, both by the first, unmeasured start), and its memory after
 * 1,000, 10,000 and `activities` handled activities (an invoke answered in the HTTP response):
 * resident memory, and the V8 heap in use after a forced full garbage collection (what the process
 * still holds, where RSS also counts what V8 has not collected or given back yet). The heap is read
 * through heap-probe.mjs, loaded into the measured process from outside with NODE_OPTIONS, so the
 * product's code knows nothing of it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { round } from "./machine.js";

const ROOT = resolve(import.meta.dirname, "../..");
const FIXTURE = JSON.parse(readFileSync(join(ROOT, "test/fixtures/activities/invoke-action.json"), "utf8")) as Record<string, unknown>;

export interface FootprintOptions {
  activities: number;
  starts: number;
}

export interface FootprintResult {
  coldStartMs: { runs: number[]; median: number };
  rssMiB: { after1000: number; afterAll: number; activities: number; growth: number; steps: { activities: number; rssMiB: number }[] };
  /** Heap in use after a forced GC; `ratio` is after all ÷ after `reference` (10,000, or 1,000 in a run too short for it); absent in reports from before it was read. */
  heapAfterGcMiB?: { after1000: number; reference: number; afterReference: number; afterAll: number; activities: number; ratio: number; steps: { activities: number; heapMiB: number }[] };
}

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

function start(databaseUrl: string, port: number, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, NODE_ENV: "development", LOG_LEVEL: "warn", PORT: String(port), DATABASE_URL: databaseUrl, USER_ACTIONS_PER_MINUTE: "1000000", ...env },
    stdio: ["ignore", "ignore", "ignore"],
  });
}

async function healthy(port: number, timeoutMs = 30_000): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) return Date.now() - t0;
    if (Date.now() - t0 > timeoutMs) throw new Error("the bot did not become healthy");
    await new Promise((r) => setTimeout(r, 10));
  }
}

const stop = (p: ChildProcess) => new Promise<void>((ok) => (p.exitCode !== null ? ok() : (p.once("exit", () => ok()), p.kill("SIGTERM"))));
const MiB = 1024 * 1024;
const HEAP_PROBE = pathToFileURL(join(ROOT, "scripts/bench/heap-probe.mjs")).href;
/** The bot's heap in use after a forced full GC, through heap-probe.mjs. */
async function heapAfterGcMiB(probePort: number): Promise<number> {
  const r = await fetch(`http://127.0.0.1:${probePort}/`);
  if (!r.ok) throw new Error(`heap probe answered ${r.status}`);
  return round(((await r.json()) as { heapUsed: number }).heapUsed / MiB);
}

const rssMiB = (pid: number) => round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024);

async function drive(port: number, amount: number): Promise<void> {
  let seq = 0;
  await autocannon({
    url: `http://127.0.0.1:${port}/api/messages`,
    connections: 10,
    amount,
    method: "POST",
    headers: { "content-type": "application/json" },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ ...FIXTURE, id: `fp-${process.pid}-${++seq}` }) }) }],
  });
}

export async function footprintBench(o: FootprintOptions): Promise<FootprintResult> {
  const dir = mkdtempSync(join(tmpdir(), "laeringsloop-bench-footprint-"));
  const databaseUrl = `file:${join(dir, "bench.db")}`;
  try {
    // First start builds dist/ if src/ changed, migrates and loads the organisation; the measured starts find it done.
    const port = await freePort();
    const first = start(databaseUrl, port);
    await healthy(port, 60_000);
    await stop(first);
    const runs: number[] = [];
    for (let i = 0; i < o.starts; i++) {
      const p = start(databaseUrl, port);
      const t0 = Date.now();
      await healthy(port);
      runs.push(Date.now() - t0);
      await stop(p);
    }
    const probePort = await freePort();
    const bot = start(databaseUrl, port, { BENCH_HEAP_PORT: String(probePort), NODE_OPTIONS: `--expose-gc --import=${HEAP_PROBE}` });
    try {
      await healthy(port);
      // In steps (1,000, 10,000, then every 10,000), so a reader of the JSON sees whether memory levels off or keeps climbing.
      const marks = [...new Set([1000, ...Array.from({ length: Math.floor(o.activities / 10_000) }, (_, i) => (i + 1) * 10_000), o.activities])].filter((a) => a <= o.activities).sort((a, b) => a - b);
      const steps: { activities: number; rssMiB: number; heapMiB: number }[] = [];
      let done = 0;
      for (const mark of marks) {
        await drive(port, mark - done);
        done = mark;
        // RSS as the process is; then the heap after a forced GC (which may shrink RSS for the next step).
        const rss = rssMiB(bot.pid!);
        steps.push({ activities: mark, rssMiB: rss, heapMiB: await heapAfterGcMiB(probePort) });
      }
      const first = steps[0]!;
      const last = steps.at(-1)!;
      const reference = steps.find((s) => s.activities === 10_000 && s !== last) ?? first;
      const sorted = [...runs].sort((a, b) => a - b);
      return {
        coldStartMs: { runs, median: sorted[Math.floor(sorted.length / 2)]! },
        rssMiB: { after1000: first.rssMiB, afterAll: last.rssMiB, activities: o.activities, growth: round(last.rssMiB / first.rssMiB, 2), steps: steps.map((s) => ({ activities: s.activities, rssMiB: s.rssMiB })) },
        heapAfterGcMiB: {
          after1000: first.heapMiB,
          reference: reference.activities,
          afterReference: reference.heapMiB,
          afterAll: last.heapMiB,
          activities: o.activities,
          ratio: round(last.heapMiB / reference.heapMiB, 2),
          steps: steps.map((s) => ({ activities: s.activities, heapMiB: s.heapMiB })),
        },
      };
    } finally {
      await stop(bot);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
