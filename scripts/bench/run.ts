/**
 * `npm run bench`: runs the benchmarks on this machine and writes docs/benchmarks.json and the
 * tables in docs/benchmarks.md (with the machine's cores, memory, Node version and date).
 *   --quick          small sizes (a minute or two), for trying the harness
 *   --only <names>   comma-separated: answering, delivery, data, footprint, calendar, data-pg, delivery-pg
 *   --out <dir>      where to write (default docs/)
 *   --render         only rewrite benchmarks.md from the benchmarks.json in that folder
 *   --merge          add this run's PostgreSQL figures (data-pg, delivery-pg only) to the
 *                    benchmarks.json already in that folder, leaving its other figures as they are
 * Figures that depend on the machine are also given as ratios against a baseline from the same run.
 *
 * PostgreSQL (data-pg: the data-scale benchmark; delivery-pg: one bot process, then two on one
 * database, one SIGKILLed halfway) runs when BENCH_POSTGRES_URL, else TEST_POSTGRES_URL, names a
 * server where databases may be created. Each run makes its own database and drops it afterwards. Without a
 * server the report says they were not run.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { answeringBench, type AnsweringResult } from "./answering.js";
import { calendarBench, type CalendarBenchResult } from "./calendar.js";
import { dataScaleBench, type DataScaleResult } from "./data-scale.js";
import { deliveryBench, type DeliveryResult } from "./delivery.js";
import { footprintBench, type FootprintResult } from "./footprint.js";
import { machine, type Machine } from "./machine.js";
import { benchPostgresServer, postgresVersion, withNewDatabase } from "./postgres.js";
import { renderMarkdown } from "./report.js";

export interface PostgresFigures {
  /** Why they were not run (no server named); otherwise absent. */
  notRun?: string;
  /** The server's version. */
  server?: string;
  /** When and where the last of them was run (they may be added to a report later, with --merge). */
  machine?: Machine;
  data?: DataScaleResult;
  delivery?: DeliveryResult[];
}

export interface BenchReport {
  machine: Machine;
  quick: boolean;
  answering?: AnsweringResult;
  /** SQLite, one process (with and without a SIGKILL). */
  delivery?: DeliveryResult[];
  /** SQLite. */
  data?: DataScaleResult;
  footprint?: FootprintResult;
  /** CALENDAR_SYNC=graph: the chairs' calendars against the fake Graph (absent in reports from before). */
  calendar?: CalendarBenchResult;
  /** Absent in reports from before PostgreSQL was benchmarked. */
  postgresql?: PostgresFigures;
}

const NAMES = ["answering", "delivery", "data", "footprint", "calendar", "data-pg", "delivery-pg"];
const PG_NAMES = ["data-pg", "delivery-pg"];
const { values } = parseArgs({ options: { quick: { type: "boolean" }, only: { type: "string" }, out: { type: "string" }, render: { type: "boolean" }, merge: { type: "boolean" } } });
const quick = Boolean(values.quick);
const only = new Set((values.only ?? NAMES.join(",")).split(",").map((s) => s.trim()));
const out = resolve(values.out ?? "docs");
const fail = (why: string): never => {
  console.error(`[bench] ${why}`);
  process.exit(2);
};
for (const name of only) if (!NAMES.includes(name)) fail(`unknown benchmark "${name}" (known: ${NAMES.join(", ")})`);
// --render: rewrite benchmarks.md from the benchmarks.json already there (after changing the report's layout).
if (values.render) {
  writeFileSync(join(out, "benchmarks.md"), renderMarkdown(JSON.parse(readFileSync(join(out, "benchmarks.json"), "utf8")) as BenchReport));
  process.exit(0);
}
const server = benchPostgresServer();
const wantsPostgres = PG_NAMES.some((n) => only.has(n));
let report: BenchReport = { machine: machine(), quick };
if (values.merge) {
  // Only PostgreSQL's figures are merged: the file's other figures keep the machine and date of their run.
  if ([...only].some((n) => !PG_NAMES.includes(n))) fail(`--merge adds PostgreSQL figures only: --only ${PG_NAMES.join(",")}`);
  if (!server) fail("--merge: neither BENCH_POSTGRES_URL nor TEST_POSTGRES_URL names a PostgreSQL server: nothing to merge");
  const file = join(out, "benchmarks.json");
  if (!existsSync(file)) fail(`--merge: ${file} does not exist`);
  report = JSON.parse(readFileSync(file, "utf8")) as BenchReport;
  if (report.quick !== quick) fail(`--merge: ${file} is ${report.quick ? "a --quick run" : "a full run"}; run with the same sizes`);
}
const step = (name: string) => console.error(`[bench] ${name} …`);
const deliverySize = quick ? { reminders: 500, people: 100 } : { reminders: 10_000, people: 2_000 };
const dataSize = quick ? { scale: 0.05, runs: 20 } : { scale: 1, runs: 50 };

if (only.has("answering")) {
  step("answering people");
  report.answering = await answeringBench(quick ? { connections: [1, 10], seconds: 1, writes: 5_000 } : { connections: [1, 10, 100], seconds: 10, writes: 60_000 });
}
if (only.has("delivery")) {
  step("delivering reminders");
  report.delivery = [await deliveryBench({ ...deliverySize, kill: false }), await deliveryBench({ ...deliverySize, kill: true })];
}
if (only.has("data")) {
  step("scale of the data");
  report.data = await dataScaleBench(dataSize);
}
if (only.has("footprint")) {
  step("footprint");
  report.footprint = await footprintBench(quick ? { activities: 3_000, starts: 3 } : { activities: 100_000, starts: 5 });
}
if (only.has("calendar")) {
  step("the chairs' calendars through (a fake) Graph");
  // 10 chiefs with 10 units each: 100 units, 2,800 events (quick: 2 × 3 units).
  report.calendar = await calendarBench(quick ? { areas: 2, unitsPerArea: 3, latencyMs: 20 } : { areas: 10, unitsPerArea: 10, latencyMs: 50 });
}
if (wantsPostgres && !server) {
  report.postgresql = { notRun: "neither BENCH_POSTGRES_URL nor TEST_POSTGRES_URL named a PostgreSQL server" };
} else if (wantsPostgres && server) {
  const pgFigures: PostgresFigures = { ...(values.merge ? report.postgresql : undefined), notRun: undefined, server: await postgresVersion(server), machine: machine() };
  if (only.has("data-pg")) {
    step("scale of the data, PostgreSQL");
    pgFigures.data = await withNewDatabase(server, "data", (databaseUrl) => dataScaleBench({ ...dataSize, databaseUrl }));
  }
  if (only.has("delivery-pg")) {
    step("delivering reminders, PostgreSQL: one process; two processes, one SIGKILLed halfway");
    pgFigures.delivery = [
      await withNewDatabase(server, "delivery", (databaseUrl) => deliveryBench({ ...deliverySize, kill: false, databaseUrl })),
      await withNewDatabase(server, "delivery", (databaseUrl) => deliveryBench({ ...deliverySize, kill: true, instances: 2, databaseUrl })),
    ];
  }
  report.postgresql = pgFigures;
}

mkdirSync(out, { recursive: true });
writeFileSync(join(out, "benchmarks.json"), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(out, "benchmarks.md"), renderMarkdown(report));
console.error(`[bench] written: ${join(out, "benchmarks.json")}, ${join(out, "benchmarks.md")}`);
