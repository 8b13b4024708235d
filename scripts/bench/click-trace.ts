/**
 * One writing click, traced: the SQL statements a mark-done invoke prepares (in order), and
 * optionally N clicks fired in a row for a CPU profile (`node --cpu-prof`). Used to write
 * decision 0031; not part of `npm run bench`.
 *   npx tsx scripts/bench/click-trace.ts [--clicks N] [--connections C] [--profile out.cpuprofile]
 * --profile writes a CPU profile of the N clicks only (not the start-up).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { Session } from "node:inspector/promises";
import { pino } from "pino";
import { createBot } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { LocalConnector } from "./local-connector.js";
import { watchStatements } from "./sql-statements.js";

const { values } = parseArgs({ options: { clicks: { type: "string" }, connections: { type: "string" }, profile: { type: "string" } } });
const clicks = Number(values.clicks ?? 200);
const connections = Number(values.connections ?? 10);
const FIXTURES = resolve(import.meta.dirname, "../../test/fixtures/activities");
const base = JSON.parse(readFileSync(join(FIXTURES, "invoke-action.json"), "utf8")) as Record<string, unknown>;
const megan = { id: "29:megan", name: "Megan Bowen", aadObjectId: "00000000-0000-0000-0000-0000000000021" };
let seq = 0;
const invoke = (followUpId: string, serviceUrl: string) =>
  JSON.stringify({ ...base, id: `trace-${++seq}`, serviceUrl, from: megan, conversation: { ...(base.conversation as object), id: "a:personal-megan" }, value: { action: { type: "Action.Execute", verb: "followup.done", data: { followUpId, version: 1 } }, trigger: "manual" } });

const dir = mkdtempSync(join(tmpdir(), "laeringsloop-click-trace-"));
const connector = await new LocalConnector().start();
const config = loadConfig({ NODE_ENV: "development", LOG_LEVEL: "silent", DATABASE_URL: `file:${join(dir, "trace.db")}`, SCHEDULER_ENABLED: "false", USER_ACTIONS_PER_MINUTE: "1000000" });
const bot = await createBot({ config, log: pino({ level: "silent" }), startScheduler: false });
try {
  const db = bot.store.db;
  await db.meeting.create({
    data: { id: "trace-meeting", kind: "one_on_one", unitId: "solsikken", chairId: "alex", startsAt: new Date("2026-01-05T09:00:00Z"), durationMinutes: 60, status: "closed", participants: { create: [{ personId: "alex", role: "chair" }, { personId: "megan", role: "leader" }] } },
  });
  const n = clicks + 10;
  await db.followUp.createMany({ data: Array.from({ length: n }, (_, i) => ({ id: `f-${i}`, meetingId: "trace-meeting", unitId: "solsikken", text: `Opfølgning ${i + 1}`, ownerId: "megan", dueDate: "2030-06-01", meetingKind: "one_on_one" })) });
  const { port } = await bot.listen(0, "127.0.0.1");
  const url = `http://127.0.0.1:${port}/api/messages`;
  const post = (body: string) => fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body }).then(async (r) => ({ status: r.status, text: await r.text() }));
  // Warm up, then trace one click (and what runs after its answer: the copies' refresh).
  for (let i = 0; i < 3; i++) await post(invoke(`f-${i}`, connector.url));
  await new Promise((r) => setTimeout(r, 200));
  const seen: string[] = [];
  const stop = watchStatements((sql) => seen.push(sql));
  const res = await post(invoke("f-3", connector.url));
  await new Promise((r) => setTimeout(r, 300));
  stop();
  console.log(`status ${res.status}; ${seen.length} statements:`);
  for (const s of seen) console.log(`  ${s.replace(/\s+/g, " ").slice(0, 220)}`);
  // N clicks, C at a time (for --cpu-prof).
  let next = 4;
  const session = values.profile ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
  }
  const t0 = performance.now();
  const lat: number[] = [];
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < clicks + 4) {
        const id = `f-${next++}`;
        const s = performance.now();
        await post(invoke(id, connector.url));
        lat.push(performance.now() - s);
      }
    }),
  );
  const ms = performance.now() - t0;
  const at = (q: number) => (lat[Math.min(lat.length - 1, Math.floor(lat.length * q))] ?? 0).toFixed(1);
  if (session && values.profile) {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(values.profile, JSON.stringify(profile));
    session.disconnect();
  }
  lat.sort((a, b) => a - b);
  console.log(`${clicks} clicks at ${connections} conn.: ${(clicks / (ms / 1000)).toFixed(0)}/s, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`);
} finally {
  await bot.close();
  await connector.stop();
  rmSync(dir, { recursive: true, force: true });
}
