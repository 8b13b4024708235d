import type { DataScaleResult } from "./data-scale.js";
import { PG_FULL_SCAN_ROWS } from "./data-scale.js";
import type { DeliveryResult } from "./delivery.js";
import type { BenchReport } from "./run.js";

const mark = (ok: boolean) => (ok ? "met" : "**missed**");
const row = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;

/** Reports from before PostgreSQL have no `instances` or `database`: one process on SQLite. */
const onPostgres = (d: { database?: string }) => d.database === "postgresql";
const processes = (d: DeliveryResult) => (d as Partial<DeliveryResult>).instances ?? 1;

/** A delivery run, as the aims name it and as its row in the table reads. */
function deliveryLabels(d: DeliveryResult): { aim: string; run: string } {
  const where = onPostgres(d) ? " on PostgreSQL" : "";
  if (processes(d) > 1) {
    const label = `${processes(d)} processes${where}${d.killed ? ", one SIGKILLed halfway" : ""}`;
    return { aim: label, run: label };
  }
  return d.killed ? { aim: `with SIGKILL + restart${where}`, run: `SIGKILL halfway, restarted${where}` } : { aim: `one process${where}`, run: `one process${where}` };
}

/** Full scans the aim counts: SQLite's SCANs of a table (not of a subquery); PostgreSQL's of a table of more than PG_FULL_SCAN_ROWS rows (data-scale.ts keeps only those). */
function fullScans(data: DataScaleResult) {
  return data.plans.filter((p) => p.fullScans.length > 0 && !p.fullScans.every((s) => /^SCAN (sub|\(subquery)/.test(s)));
}

/** The aims of issue 8, checked against a report. */
export function aims(r: BenchReport): { aim: string; value: string; ok: boolean }[] {
  const out: { aim: string; value: string; ok: boolean }[] = [];
  const write10 = r.answering?.figures.find((f) => f.connections === 10 && f.scenario.startsWith("mark done"));
  if (write10) out.push({ aim: "writing invoke p99 at 10 connections < 50 ms", value: `${write10.p99} ms`, ok: write10.p99 < 50 });
  for (const x of r.answering?.ratioToBare ?? []) out.push({ aim: `writing invoke throughput / bare teams-ai ≥ 0.5 (${x.connections} conn.)`, value: String(x.ratio), ok: x.ratio >= 0.5 });
  // Overload (docs/decisions/0032): what the bot answers, it answers before Teams gives up (~5 s); the rest it refuses at once.
  for (const f of r.answering?.figures.filter((f) => f.connections === 100 && !f.scenario.startsWith("bare")) ?? []) {
    out.push({ aim: `at 100 connections, p99 of answered requests < 5 s (${f.scenario})`, value: `${f.p99Answered} ms (${f.answered} answered, ${f.refused} refused)`, ok: f.answered > 0 && f.p99Answered < 5000 && f.errors === 0 });
  }
  const w = r.answering?.written;
  if (w && w.answered !== undefined) {
    // In work when a load stopped: at most ADMISSION_CONCURRENCY at each stop; more means clicks
    // were taken into work after their client had gone (decision 0032).
    const stops = r.answering!.figures.filter((f) => f.scenario.startsWith("mark done")).length;
    const perStop = w.concurrency ?? 8;
    const most = perStop * stops;
    if (w.admitted !== undefined && w.answeredOpen !== undefined && w.goneInWork !== undefined) {
      // As the bot's server saw each click: taken into work, then answered whole on an open
      // connection, or its client gone while it was in work (at most ADMISSION_CONCURRENCY a stop).
      out.push({
        aim: `done once or refused, never done after the client has gone: done = taken into work = answered on an open connection + client gone while in work (at most ${perStop} a stop)`,
        value: `${w.done} done = ${w.admitted} taken = ${w.answeredOpen} answered + ${w.goneInWork} gone while in work (at most ${most})`,
        ok: w.done === w.admitted && w.admitted === w.answeredOpen + w.goneInWork && w.goneInWork <= most,
      });
    } else {
      out.push({
        aim: `done once or refused, never done after the client has gone: done = answered + in work at a stop (at most ${perStop} a stop)`,
        value: `${w.done} done = ${w.answered} answered + ${w.inWorkAtStop} in work when the load stopped (at most ${most})`,
        ok: w.done === w.answered + w.inWorkAtStop && w.inWorkAtStop <= most,
      });
    }
  }
  for (const d of [...(r.delivery ?? []), ...(r.postgresql?.delivery ?? [])]) {
    const label = deliveryLabels(d).aim;
    out.push({ aim: `reminders: sends/s ÷ 50/s ceiling ≥ 0.97 (${label})`, value: String(d.ratioToCeiling), ok: d.ratioToCeiling >= 0.97 });
    out.push({ aim: `reminders: duplicates = 0, lost = 0, 429 = 0 (${label})`, value: `${d.duplicates}, ${d.lost}, ${d.tooMany429}`, ok: d.duplicates === 0 && d.lost === 0 && d.tooMany429 === 0 });
  }
  for (const data of [r.data, r.postgresql?.data]) {
    if (!data) continue;
    const where = onPostgres(data) ? " (PostgreSQL)" : "";
    for (const t of data.timings) {
      // Issue 23: the chief's area status < 25 ms on both databases.
      const limit = t.name.startsWith("scheduler tick") ? 100 : t.name.startsWith("area status") ? 25 : 50;
      out.push({ aim: `${t.name}: p99 < ${limit} ms${where}`, value: `${t.p99} ms`, ok: t.p99 < limit });
    }
    const scans = fullScans(data);
    out.push({ aim: `no full table scans on the hot paths${where}`, value: scans.length ? scans.map((s) => s.fullScans.join(", ")).join("; ") : "none", ok: scans.length === 0 });
  }
  if (r.footprint) {
    out.push({ aim: "cold start to healthy < 1 s", value: `${r.footprint.coldStartMs.median} ms`, ok: r.footprint.coldStartMs.median < 1000 });
    const h = r.footprint.heapAfterGcMiB;
    // Reports from before the heap was read have resident memory only.
    if (h) out.push({ aim: `heap after GC: after ${h.activities} activities ÷ after ${h.reference} ≤ 1.1`, value: `${h.afterAll} / ${h.afterReference} MiB = ${h.ratio}`, ok: h.ratio <= 1.1 });
  }
  if (r.calendar) {
    const c = r.calendar;
    out.push({ aim: `calendar (${c.units} units, ${c.meetings} events): duplicates = 0, lost = 0`, value: `${c.duplicates}, ${c.lost}`, ok: c.duplicates === 0 && c.lost === 0 });
    out.push({ aim: "calendar: within Graph's per-mailbox limits (≤ 4 at once, no 429)", value: `${c.mostAtOnce} at once, ${c.tooMany429} × 429`, ok: c.mostAtOnce <= 4 && c.tooMany429 === 0 });
  }
  return out;
}

const sizesLine = (d: DataScaleResult) => {
  const n = d.rows;
  return `${n.units} units in ${n.areas} areas, ${n.people} people, ${n.meetings} meetings, ${n.followUps} follow-ups, ${n.reminders} pending reminders`;
};
const startLine = (d: DataScaleResult) =>
  `seeded in ${d.seedSeconds} s; the bot then started on it in ${d.startSeconds} s${d.readySeconds === undefined ? "" : `, and had planned every open follow-up's reminders in the background ${d.readySeconds} s after it began`}`;
/** A timing's name without its sizes ("area status"), to set SQLite's and PostgreSQL's side by side. */
const caseOf = (name: string) => name.replace(/\s*\(.*$/, "");

export function renderMarkdown(r: BenchReport): string {
  const m = r.machine;
  const pg = r.postgresql;
  // PostgreSQL's figures may have been added later (--merge): then they say when, and on what.
  const pm = pg?.machine;
  const sameRun = pm && pm.date.slice(0, 10) === m.date.slice(0, 10) && pm.cpu === m.cpu && pm.cores === m.cores && pm.node === m.node;
  const pgRun = pm ? `PostgreSQL figures: server ${pg.server ?? "of unknown version"}${sameRun ? ", same machine and day" : `, run on ${pm.date.slice(0, 10)}: ${pm.cores} cores (${pm.cpu}), ${pm.memoryGiB} GiB, Node ${pm.node}`}.` : "";
  const lines = [
    "# Benchmarks",
    "",
    `Written by \`npm run bench\`${r.quick ? " --quick (small sizes: not the issue's)" : ""} on ${m.date.slice(0, 10)}: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}. ${pgRun}`,
    "Raw figures: [benchmarks.json](benchmarks.json). What the figures mean and what was done about the misses: [decisions/0007-performance.md](decisions/0007-performance.md).",
  ];
  if (pg?.notRun) lines.push("", `PostgreSQL figures: not run (${pg.notRun}).`);
  lines.push("", "## Aims", "", row(["aim", "measured", ""]), row(["---", "---", "---"]), ...aims(r).map((a) => row([a.aim, a.value, mark(a.ok)])));
  if (r.answering) {
    lines.push("", "## 1. Answering people (real server on loopback, autocannon)", "", row(["scenario", "connections", "requests", "req/s", "p50 ms", "p99 ms", "errors", "non-2xx", "SQL statements / request", "answered", "p99 answered ms", "refused", "p99 refused ms"]), row(Array(13).fill("---")));
    for (const f of r.answering.figures) lines.push(row([f.scenario, f.connections, f.requests, f.throughput, f.p50, f.p99, f.errors, f.non2xx, f.statementsPerRequest, f.answered ?? "–", f.p99Answered ?? "–", f.refused ?? "–", f.p99Refused ?? "–"]));
    const w = r.answering.written;
    if (w.admitted !== undefined) lines.push("", `Writes: ${w.done} follow-ups marked done for ${w.requested} requests. The bot's server took ${w.admitted} clicks into work: ${w.answeredOpen} answered whole on an open connection, ${w.goneInWork} with the client gone before the answer was written; refused and dropped requests did nothing. autocannon counted ${w.answered} answered: at each stop it closes its connections with answers already written and not yet read.`);
    else lines.push("", `Writes: ${w.done} follow-ups marked done for ${w.requested} requests${w.answered !== undefined ? `: ${w.answered} answered as done, ${w.inWorkAtStop} in work when autocannon dropped its connections (done, unanswered); refused and dropped requests did nothing` : ""}.`);
    lines.push("", "autocannon runs in a thread of its own, so the bot's thread does only the bot's work; the bare baseline is served by the same thread as the bot. `hjælp` and `mine opgaver` are typed by 100 people in turn, each in their own chat (Teams takes at most 8 of the bot's replies in one chat in 2 s); each has 200 open follow-ups. The clicks are Megan's, a follow-up each.");
    lines.push("", "Refused: answered at once with «prøv igen om lidt» (a click) or 200 and nothing (a typed command), because it had waited longer than ADMISSION_WAIT_MS or behind ADMISSION_QUEUE others (docs/decisions/0032-overload.md).");
  }
  const deliveries = [...(r.delivery ?? []), ...(pg?.delivery ?? [])];
  if (deliveries.length > 0) {
    lines.push("", "## 2. Delivering reminders (local Bot Connector with Teams' limits, 1% 502)", "", row(["run", "reminders", "people", "wall s", "sends/s", "÷ 50/s", "longest pause s", "duplicates", "lost", "429", "502", "unconfirmed", "failed"]), row(Array(13).fill("---")));
    for (const d of deliveries) lines.push(row([deliveryLabels(d).run, d.reminders, d.people, d.wallSeconds, d.sendsPerSecond, d.ratioToCeiling, (d as Partial<DeliveryResult>).longestPauseSeconds ?? "–", d.duplicates, d.lost, d.tooMany429, d.badGateway502, d.unconfirmed, d.failed]));
    lines.push("", "sends/s: the posts Teams accepted, from the first to the last; longest pause: the longest time between two of them; with a SIGKILL, the restart (one process) or the time the survivor took to go on (two).");
    if (pg?.delivery?.length) lines.push("", "With several processes they share one PostgreSQL database and one tenant's limit at the connector; the first is SIGKILLed once half the reminders were accepted, and the others finish without it. Two processes run on PostgreSQL only: SQLite is for one instance (docs/deploy.md).");
    else if (pg?.notRun && r.delivery) lines.push("", "Two processes on PostgreSQL: not run.");
  }
  // By what each says it ran on (reports from before PostgreSQL: SQLite).
  const results = [r.data, pg?.data].filter((d) => d !== undefined);
  const sqlite = results.find((d) => !onPostgres(d));
  const postgres = results.find(onPostgres);
  if (sqlite || postgres) {
    lines.push("", "## 3. Scale of the data", "");
    if (sqlite && postgres) {
      const same = sizesLine(sqlite) === sizesLine(postgres);
      lines.push(`${sizesLine(sqlite)}. SQLite: ${startLine(sqlite)}. PostgreSQL${same ? " (the same rows)" : `, ${sizesLine(postgres)}`}: ${startLine(postgres)}.`, "");
      lines.push(row(["what", "runs", "SQLite p50 ms", "SQLite p99 ms", "SQLite statements", "PostgreSQL p50 ms", "PostgreSQL p99 ms", "PostgreSQL statements"]), row(Array(8).fill("---")));
      const pgTimings = new Map(postgres.timings.map((t) => [caseOf(t.name), t]));
      for (const t of sqlite.timings) {
        const p = pgTimings.get(caseOf(t.name));
        pgTimings.delete(caseOf(t.name));
        lines.push(row([t.name, p && p.runs !== t.runs ? `${t.runs} / ${p.runs}` : t.runs, t.p50, t.p99, t.statements, p?.p50 ?? "–", p?.p99 ?? "–", p?.statements ?? "–"]));
      }
      for (const p of pgTimings.values()) lines.push(row([p.name, p.runs, "–", "–", "–", p.p50, p.p99, p.statements]));
      lines.push("", "Statements: those SQLite ran, and those sent to PostgreSQL (BEGIN and COMMIT included on both).");
    } else {
      const d = (sqlite ?? postgres)!;
      lines.push(`${onPostgres(d) ? "PostgreSQL: " : ""}${sizesLine(d)} (${startLine(d)}).`, "");
      lines.push(row(["what", "runs", "p50 ms", "p99 ms", onPostgres(d) ? "statements sent" : "statements prepared"]), row(Array(5).fill("---")));
      for (const t of d.timings) lines.push(row([t.name, t.runs, t.p50, t.p99, t.statements]));
    }
    if (sqlite) {
      lines.push("", "Query plans (SQLite `EXPLAIN QUERY PLAN`):", "");
      for (const p of sqlite.plans) lines.push(`- ${p.name}: \`${p.sql.slice(0, 90)}…\` → ${p.plan.map((x) => `\`${x}\``).join("; ")}`);
    }
    if (postgres) {
      lines.push("", `Query plans (PostgreSQL \`EXPLAIN\`, with the parameters of the run; a \`Seq Scan\` counts as a full scan on a table of more than ${PG_FULL_SCAN_ROWS} rows):`, "");
      for (const p of postgres.plans) lines.push(`- ${p.name}: \`${p.sql.slice(0, 90)}…\` → ${p.plan.map((x) => `\`${x.length > 160 ? `${x.slice(0, 160)}…` : x}\``).join("; ")}`);
    } else if (pg?.notRun) lines.push("", "PostgreSQL: not run.");
  }
  if (r.footprint) {
    const f = r.footprint;
    lines.push("", "## 4. Footprint", "", row(["what", "value"]), row(["---", "---"]));
    lines.push(row(["cold start to healthy (migrations applied), median of runs", `${f.coldStartMs.median} ms (${f.coldStartMs.runs.join(", ")})`]));
    lines.push(row(["resident memory after 1,000 activities", `${f.rssMiB.after1000} MiB`]));
    lines.push(row([`resident memory after ${f.rssMiB.activities} activities`, `${f.rssMiB.afterAll} MiB`]));
    lines.push(row(["resident memory along the way", f.rssMiB.steps.map((s) => `${s.rssMiB} MiB at ${s.activities}`).join(", ")]));
    const h = f.heapAfterGcMiB;
    if (h) {
      lines.push(row([`heap in use after a forced GC after 1,000 / ${h.reference} / ${h.activities} activities`, `${h.after1000} / ${h.afterReference} / ${h.afterAll} MiB`]));
      lines.push(row(["heap in use after a forced GC along the way", h.steps.map((s) => `${s.heapMiB} MiB at ${s.activities}`).join(", ")]));
    }
  }
  if (r.calendar) {
    const c = r.calendar;
    lines.push("", "## 5. The chairs' calendars (CALENDAR_SYNC=graph, local fake Graph with Outlook's per-mailbox limits)", "");
    lines.push(`Run on ${c.date.slice(0, 10)}. ${c.units} units' årshjul confirmed (${c.meetings} meetings, in ${c.confirmSeconds} s); the bot process then wrote them into ${c.mailboxes} chairs' calendars, Graph answering each request after ${c.latencyMs} ms.`, "");
    lines.push(row(["events", "wall s", "events/s", "busiest mailbox req/s", "÷ 16.7/s (10,000 per 10 min)", "most at once", "429", "duplicates", "lost"]), row(Array(9).fill("---")));
    lines.push(row([c.events, c.wallSeconds, c.eventsPerSecond, c.busiestMailboxPerSecond, c.ratioToMailboxCeiling, c.mostAtOnce, c.tooMany429, c.duplicates, c.lost]));
    lines.push("", "Graph's 10,000 requests are per 10 minutes, so a chief's whole loop (one event a meeting) fits many times over; a ratio above 1 means the burst was faster than the 10-minute average allows for good, which the window permits while it lasts.");
  }
  return `${lines.join("\n")}\n`;
}
