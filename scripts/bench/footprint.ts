/**
 * Benchmark 4, footprint: cold start to healthy of the real process (as `npm start` runs it:
 * scripts/start.mjs checks dist/ is current and runs the compiled bot; the migrations already
 * applied and dist/ already built, both by the first, unmeasured start), and its resident memory after 1,000 and after `activities`
 * handled activities (an invoke answered in the HTTP response).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
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
}

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

function start(databaseUrl: string, port: number): ChildProcess {
  return spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, NODE_ENV: "development", LOG_LEVEL: "warn", PORT: String(port), DATABASE_URL: databaseUrl, USER_ACTIONS_PER_MINUTE: "1000000" },
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
    const bot = start(databaseUrl, port);
    try {
      await healthy(port);
      await drive(port, 1000);
      const after1000 = rssMiB(bot.pid!);
      // In steps, so a reader of the JSON sees whether memory levels off or keeps climbing.
      const steps: { activities: number; rssMiB: number }[] = [{ activities: 1000, rssMiB: after1000 }];
      for (let done = 1000; done < o.activities; ) {
        const n = Math.min(o.activities - done, Math.max(1000, Math.round(o.activities / 10)));
        await drive(port, n);
        done += n;
        steps.push({ activities: done, rssMiB: rssMiB(bot.pid!) });
      }
      const afterAll = steps.at(-1)!.rssMiB;
      const sorted = [...runs].sort((a, b) => a - b);
      return {
        coldStartMs: { runs, median: sorted[Math.floor(sorted.length / 2)]! },
        rssMiB: { after1000, afterAll, activities: o.activities, growth: round(afterAll / after1000, 2), steps },
      };
    } finally {
      await stop(bot);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
