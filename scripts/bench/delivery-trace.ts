/**
 * One delivered reminder, traced: the SQL statements a pass of the outbox prepares per send (in
 * order, for the first few sends), and the CPU time per send over N sends (`--profile` writes a
 * CPU profile of them). Used to write decision 0007's section on delivery cost; not part of
 * `npm run bench`.
 *   npx tsx scripts/bench/delivery-trace.ts [--reminders N] [--profile out.cpuprofile]
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Session } from "node:inspector/promises";
import { pino } from "pino";
import { createBot } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { benchPeople, seed } from "./delivery.js";
import { LocalConnector } from "./local-connector.js";
import { writeOrgWithChiefs } from "./org-with-chiefs.js";
import { watchStatements } from "./sql-statements.js";

const { values } = parseArgs({ options: { reminders: { type: "string" }, profile: { type: "string" }, show: { type: "string" } } });
const reminders = Number(values.reminders ?? 200);
const show = Number(values.show ?? 1);
const dir = mkdtempSync(join(tmpdir(), "laeringsloop-delivery-trace-"));
// No limits in the connector: the pacer alone paces (Teams' own limits, as in the bench).
const connector = await new LocalConnector().start();
const orgFile = writeOrgWithChiefs(join(dir, "organisation.yaml"), benchPeople(reminders));
const databaseUrl = `file:${join(dir, "trace.db")}`;
await seed(databaseUrl, connector.url, { reminders, people: reminders, kill: false }, new Date(), orgFile);
const config = loadConfig({ NODE_ENV: "development", LOG_LEVEL: "silent", DATABASE_URL: databaseUrl, ORG_FILE: orgFile, SCHEDULER_ENABLED: "false" });
const bot = await createBot({ config, log: pino({ level: "silent" }), startScheduler: false });
try {
  const seen: string[] = [];
  // CPU from the first post's note on (the sends, not the Teams SDK's loading on first use).
  let fromFirstNote: { cpu: NodeJS.CpuUsage; accepted: number } | undefined;
  const stop = watchStatements((sql) => {
    if (!fromFirstNote && /SET .postStartedAt. = \?/.test(sql)) fromFirstNote = { cpu: process.cpuUsage(), accepted: connector.accepted.length };
    seen.push(sql);
  });
  const session = values.profile ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
  }
  const cpu0 = process.cpuUsage();
  const t0 = Date.now();
  const counts = await bot.delivery.runOnce();
  const cpu = process.cpuUsage(cpu0);
  const wall = Date.now() - t0;
  if (session) {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(values.profile!, JSON.stringify(profile));
  }
  stop();
  const sent = connector.accepted.length;
  console.log(`outcomes ${JSON.stringify(counts)}; ${sent} posts accepted in ${wall} ms`);
  console.log(`${seen.length} statements, ${(seen.length / Math.max(1, sent)).toFixed(2)} per send; CPU ${((cpu.user + cpu.system) / 1000 / Math.max(1, sent)).toFixed(2)} ms per send`);
  if (fromFirstNote) {
    const steady = process.cpuUsage(fromFirstNote.cpu);
    const sends = Math.max(1, sent - fromFirstNote.accepted);
    console.log(`from the first note on: CPU ${((steady.user + steady.system) / 1000 / sends).toFixed(2)} ms per send (${sends} sends)`);
  }
  const tally = new Map<string, number>();
  for (const s of seen) {
    const k = s.replace(/\s+/g, " ").slice(0, 160);
    tally.set(k, (tally.get(k) ?? 0) + 1);
  }
  for (const [k, n] of [...tally].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${String(n).padStart(6)}  ${k}`);
  // The statements of the `show` sends in the middle of the pass, in order.
  const marks = seen.flatMap((sql, i) => (/SET .postStartedAt. = \?/.test(sql) ? [i] : []));
  const from = marks[Math.floor(marks.length / 2)] ?? 0;
  const to = marks[Math.floor(marks.length / 2) + show] ?? seen.length;
  console.log(`\nbetween two notes (${to - from} statements):`);
  for (const sql of seen.slice(from, to)) console.log(`  ${sql.replace(/\s+/g, " ").slice(0, 400)}`);
} finally {
  await bot.close();
  await connector.stop();
  rmSync(dir, { recursive: true, force: true });
}
