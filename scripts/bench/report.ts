import type { BenchReport } from "./run.js";

const mark = (ok: boolean) => (ok ? "met" : "**missed**");
const row = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;

/** The aims of issue 8, checked against a report. */
export function aims(r: BenchReport): { aim: string; value: string; ok: boolean }[] {
  const out: { aim: string; value: string; ok: boolean }[] = [];
  const write10 = r.answering?.figures.find((f) => f.connections === 10 && f.scenario.startsWith("mark done"));
  if (write10) out.push({ aim: "writing invoke p99 at 10 connections < 50 ms", value: `${write10.p99} ms`, ok: write10.p99 < 50 });
  for (const x of r.answering?.ratioToBare ?? []) out.push({ aim: `writing invoke throughput / bare teams-ai ≥ 0.5 (${x.connections} conn.)`, value: String(x.ratio), ok: x.ratio >= 0.5 });
  for (const d of r.delivery ?? []) {
    const label = d.killed ? "with SIGKILL + restart" : "one process";
    out.push({ aim: `reminders: sends/s ÷ 50/s ceiling ≥ 0.9 (${label})`, value: String(d.ratioToCeiling), ok: d.ratioToCeiling >= 0.9 });
    out.push({ aim: `reminders: duplicates = 0, lost = 0 (${label})`, value: `${d.duplicates}, ${d.lost}`, ok: d.duplicates === 0 && d.lost === 0 });
  }
  for (const t of r.data?.timings ?? []) {
    const limit = t.name.startsWith("scheduler tick") ? 100 : 50;
    out.push({ aim: `${t.name}: p99 < ${limit} ms`, value: `${t.p99} ms`, ok: t.p99 < limit });
  }
  if (r.data) {
    const scans = r.data.plans.filter((p) => p.fullScans.length > 0 && !p.fullScans.every((s) => /^SCAN (sub|\(subquery)/.test(s)));
    out.push({ aim: "no full table scans on the hot paths", value: scans.length ? scans.map((s) => s.fullScans.join(", ")).join("; ") : "none", ok: scans.length === 0 });
  }
  if (r.footprint) {
    out.push({ aim: "cold start to healthy < 2 s", value: `${r.footprint.coldStartMs.median} ms`, ok: r.footprint.coldStartMs.median < 2000 });
    const m = r.footprint.rssMiB;
    out.push({ aim: `resident memory after ${m.activities} activities ÷ after 1,000 ≤ 1.1`, value: `${m.afterAll} / ${m.after1000} MiB = ${m.growth}`, ok: m.growth <= 1.1 });
  }
  return out;
}

export function renderMarkdown(r: BenchReport): string {
  const m = r.machine;
  const lines = [
    "# Benchmarks",
    "",
    `Written by \`npm run bench\`${r.quick ? " --quick (small sizes: not the issue's)" : ""} on ${m.date.slice(0, 10)}: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}. `,
    "Raw figures: [benchmarks.json](benchmarks.json). What the figures mean and what was done about the misses: [decisions/0007-performance.md](decisions/0007-performance.md).",
    "",
    "## Aims",
    "",
    row(["aim", "measured", ""]),
    row(["---", "---", "---"]),
    ...aims(r).map((a) => row([a.aim, a.value, mark(a.ok)])),
  ];
  if (r.answering) {
    lines.push("", "## 1. Answering people (real server on loopback, autocannon)", "", row(["scenario", "connections", "requests", "req/s", "p50 ms", "p99 ms", "errors", "non-2xx", "SQL statements / request"]), row(Array(9).fill("---")));
    for (const f of r.answering.figures) lines.push(row([f.scenario, f.connections, f.requests, f.throughput, f.p50, f.p99, f.errors, f.non2xx, f.statementsPerRequest]));
    lines.push("", `Writes: ${r.answering.written.done} follow-ups marked done for ${r.answering.written.requested} requests.`);
  }
  if (r.delivery) {
    lines.push("", "## 2. Delivering reminders (local Bot Connector with Teams' limits, 1% 502)", "", row(["run", "reminders", "people", "wall s", "sends/s", "÷ 50/s", "duplicates", "lost", "429", "502", "unconfirmed", "failed"]), row(Array(12).fill("---")));
    for (const d of r.delivery) lines.push(row([d.killed ? "SIGKILL halfway, restarted" : "one process", d.reminders, d.people, d.wallSeconds, d.sendsPerSecond, d.ratioToCeiling, d.duplicates, d.lost, d.tooMany429, d.badGateway502, d.unconfirmed, d.failed]));
  }
  if (r.data) {
    const n = r.data.rows;
    lines.push("", "## 3. Scale of the data", "", `${n.units} units in ${n.areas} areas, ${n.people} people, ${n.meetings} meetings, ${n.followUps} follow-ups, ${n.reminders} pending reminders (seeded in ${r.data.seedSeconds} s; the bot then started on it in ${r.data.startSeconds} s${r.data.readySeconds === undefined ? "" : `, and had planned every open follow-up's reminders in the background ${r.data.readySeconds} s after it began`}).`, "");
    lines.push(row(["what", "runs", "p50 ms", "p99 ms", "statements prepared"]), row(Array(5).fill("---")));
    for (const t of r.data.timings) lines.push(row([t.name, t.runs, t.p50, t.p99, t.statements]));
    lines.push("", "Query plans (SQLite `EXPLAIN QUERY PLAN`):", "");
    for (const p of r.data.plans) lines.push(`- ${p.name}: \`${p.sql.slice(0, 90)}…\` → ${p.plan.map((x) => `\`${x}\``).join("; ")}`);
  }
  if (r.footprint) {
    const f = r.footprint;
    lines.push("", "## 4. Footprint", "", row(["what", "value"]), row(["---", "---"]));
    lines.push(row(["cold start to healthy (migrations applied), median of runs", `${f.coldStartMs.median} ms (${f.coldStartMs.runs.join(", ")})`]));
    lines.push(row(["resident memory after 1,000 activities", `${f.rssMiB.after1000} MiB`]));
    lines.push(row([`resident memory after ${f.rssMiB.activities} activities`, `${f.rssMiB.afterAll} MiB`]));
    lines.push(row(["resident memory along the way", f.rssMiB.steps.map((s) => `${s.rssMiB} MiB at ${s.activities}`).join(", ")]));
  }
  return `${lines.join("\n")}\n`;
}
