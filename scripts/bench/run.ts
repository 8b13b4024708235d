/**
 * `npm run bench`: runs the benchmarks on this machine and writes docs/benchmarks.json and the
 * tables in docs/benchmarks.md (with the machine's cores, memory, Node version and date).
 *   --quick          small sizes (a minute or two), for trying the harness
 *   --only <names>   comma-separated: answering, delivery, data, footprint
 *   --out <dir>      where to write (default docs/)
 *   --render         only rewrite benchmarks.md from the benchmarks.json in that folder
 * Figures that depend on the machine are also given as ratios against a baseline from the same run.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { answeringBench, type AnsweringResult } from "./answering.js";
import { dataScaleBench, type DataScaleResult } from "./data-scale.js";
import { deliveryBench, type DeliveryResult } from "./delivery.js";
import { footprintBench, type FootprintResult } from "./footprint.js";
import { machine, type Machine } from "./machine.js";
import { renderMarkdown } from "./report.js";

export interface BenchReport {
  machine: Machine;
  quick: boolean;
  answering?: AnsweringResult;
  delivery?: DeliveryResult[];
  data?: DataScaleResult;
  footprint?: FootprintResult;
}

const { values } = parseArgs({ options: { quick: { type: "boolean" }, only: { type: "string" }, out: { type: "string" }, render: { type: "boolean" } } });
const quick = Boolean(values.quick);
const only = new Set((values.only ?? "answering,delivery,data,footprint").split(",").map((s) => s.trim()));
const out = resolve(values.out ?? "docs");
// --render: rewrite benchmarks.md from the benchmarks.json already there (after changing the report's layout).
if (values.render) {
  writeFileSync(join(out, "benchmarks.md"), renderMarkdown(JSON.parse(readFileSync(join(out, "benchmarks.json"), "utf8")) as BenchReport));
  process.exit(0);
}
const report: BenchReport = { machine: machine(), quick };
const step = (name: string) => console.error(`[bench] ${name} …`);

if (only.has("answering")) {
  step("answering people");
  report.answering = await answeringBench(quick ? { connections: [1, 10], seconds: 1, writes: 5_000 } : { connections: [1, 10, 100], seconds: 10, writes: 60_000 });
}
if (only.has("delivery")) {
  step("delivering reminders");
  const size = quick ? { reminders: 500, people: 100 } : { reminders: 10_000, people: 2_000 };
  report.delivery = [await deliveryBench({ ...size, kill: false }), await deliveryBench({ ...size, kill: true })];
}
if (only.has("data")) {
  step("scale of the data");
  report.data = await dataScaleBench(quick ? { scale: 0.05, runs: 20 } : { scale: 1, runs: 50 });
}
if (only.has("footprint")) {
  step("footprint");
  report.footprint = await footprintBench(quick ? { activities: 3_000, starts: 3 } : { activities: 100_000, starts: 5 });
}

mkdirSync(out, { recursive: true });
writeFileSync(join(out, "benchmarks.json"), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(out, "benchmarks.md"), renderMarkdown(report));
console.error(`[bench] written: ${join(out, "benchmarks.json")}, ${join(out, "benchmarks.md")}`);
