/**
 * Benchmark 2, delivering reminders: `reminders` due reminders to `people` people, sent by the
 * real bot process (as `npm start` runs it) through a local Bot Connector, in a thread of its
 * own, that enforces Teams' limits (7/s per conversation, 50/s per tenant; 429 with Retry-After),
 * answers each post after 100 ms (Teams is no quicker) and fails 1% of posts with 502. With `kill`, the process is
 * SIGKILLed halfway and started again. With `instances: 2` or more, that many processes share one
 * database (PostgreSQL's multi-instance set-up); `kill` then kills the first of them halfway, and
 * the others finish without it.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pino } from "pino";
import { createBot } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { UNCONFIRMED } from "../../src/domain/delivery-service.js";
import { dialectOf, openClient } from "../../src/store/database.js";
import type { Db, Dialect } from "../../src/store/prisma-client.js";
import { ConnectorThread, type ConnectorRecord } from "./connector-thread.js";
import { deliveriesOf, type ConnectorLimits } from "./local-connector.js";
import { round } from "./machine.js";
import { writeOrgWithChiefs, type ExtraPerson } from "./org-with-chiefs.js";

const ROOT = resolve(import.meta.dirname, "../..");
const TENANT = "6e1f2a8c-0b3d-4c5e-9f7a-1b2c3d4e5f60";
export const TEAMS_LIMITS: ConnectorLimits = { perConversationPerSecond: 7, perTenantPerSecond: 50, failRate: 0.01, seed: 20261122, latencyMs: 100 };

export interface DeliveryOptions {
  reminders: number;
  people: number;
  kill: boolean;
  limits?: ConnectorLimits;
  /** Bot processes sharing the database (default 1). */
  instances?: number;
  /** The database to use (it should be new); default a SQLite file in a temp folder. */
  databaseUrl?: string;
  /** Gives up (and reports what it has) after this long. */
  timeoutMs?: number;
}

/**
 * Cards lost without a mark: per person, the cards that never arrived beyond those of their rows
 * marked unconfirmed. A process killed after noting a post as on its way and before the request
 * left loses that card, by design (decision 0005: never twice); the next process marks such a row
 * `unconfirmed-after-crash` and `npm run status` lists it. Any other loss is a fault.
 */
async function lostUnmarked(db: Db, seen: Map<string, number>): Promise<number> {
  const arrived = new Map<string, number>();
  for (const key of seen.keys()) {
    const conversation = key.slice(0, key.indexOf("|"));
    arrived.set(conversation, (arrived.get(conversation) ?? 0) + 1);
  }
  const rows = await db.notification.findMany({ select: { personId: true, lastError: true } });
  const byPerson = new Map<string, { rows: number; unconfirmed: number }>();
  for (const r of rows) {
    const p = byPerson.get(r.personId) ?? { rows: 0, unconfirmed: 0 };
    p.rows++;
    if (r.lastError === UNCONFIRMED) p.unconfirmed++;
    byPerson.set(r.personId, p);
  }
  let unmarked = 0;
  for (const [personId, p] of byPerson) unmarked += Math.max(0, p.rows - (arrived.get(`a:personal-${personId}`) ?? 0) - p.unconfirmed);
  return unmarked;
}

export interface DeliveryResult {
  reminders: number;
  people: number;
  instances: number;
  database: Dialect;
  killed: boolean;
  wallSeconds: number;
  sendsPerSecond: number;
  /** Achieved sends per second / the tenant ceiling (50/s). */
  ratioToCeiling: number;
  /** The longest time between two accepted posts (with `kill`: the restart, or the survivors' gap). */
  longestPauseSeconds: number;
  duplicates: number;
  lost: number;
  tooMany429: number;
  /** When each 429 came, in seconds from the first accepted post (where in a run the limits were met). */
  tooManyAtSeconds?: number[];
  badGateway502: number;
  unconfirmed: number;
  /** Lost and not marked unconfirmed (`lostUnmarked`): 0 unless something is wrong. */
  lostUnmarked: number;
  failed: number;
}

/**
 * A bot process as `npm start` runs it (the compiled JavaScript: a restart after the SIGKILL takes
 * as long as a real one, not tsx's transpiling); `onReady` once its scheduler runs (start-up
 * planning done). `buildOnce` has brought dist/ up to date, so processes started together find
 * nothing to build.
 */
function startBot(databaseUrl: string, orgFile: string, onReady?: () => void): ChildProcess {
  const bot = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, NODE_ENV: "development", LOG_LEVEL: onReady ? "info" : "warn", PORT: "0", DATABASE_URL: databaseUrl, ORG_FILE: orgFile, SCHEDULER_CRON: "* * * * * *", OUTBOX_LEASE_SECONDS: "10" },
    stdio: ["ignore", onReady ? "pipe" : "ignore", "inherit"],
  });
  let said = "";
  bot.stdout?.on("data", (chunk: Buffer) => {
    if (!onReady) return;
    // A chunk may hold many lines, or half of one: the end of the last is kept for the next.
    const text = said + chunk.toString();
    said = text.slice(-100);
    if (text.includes('"msg":"reminders planned"')) {
      onReady();
      onReady = undefined;
    }
  });
  return bot;
}

/** dist/ brought up to date (scripts/build.mjs), as the first `npm start` after a change does. */
function buildOnce(): void {
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", "await (await import('./scripts/build.mjs')).ensureBuilt()"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  if (run.status !== 0) throw new Error(`scripts/build.mjs failed (exit ${String(run.status)})`);
}

const exited = (p: ChildProcess) => new Promise<void>((ok) => (p.exitCode !== null || p.signalCode !== null ? ok() : p.once("exit", () => ok())));

/** The database as a running bot leaves it, with `people` people who installed the bot and their reminders due now. */
export async function seed(databaseUrl: string, connectorUrl: string, o: DeliveryOptions, dueAt: Date, orgFile: string): Promise<void> {
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", DATABASE_URL: databaseUrl, ORG_FILE: orgFile, SCHEDULER_ENABLED: "false" });
  const bot = await createBot({ config, log: pino({ level: "silent" }), startScheduler: false });
  const db = bot.store.db;
  const perPerson = Math.ceil(o.reminders / o.people);
  const units = Array.from({ length: perPerson }, (_, i) => ({ id: `bench-${i + 1}`, name: `Benchmarkenhed ${i + 1}`, type: "dagtilbud", areaId: "midt" }));
  await db.unit.createMany({ data: units });
  const people = benchPeople(o.people).map((p) => p.id);
  // The people are in the organisation file (as chiefs: see benchPeople), imported by createBot.
  await db.conversationRef.createMany({
    data: people.map((id) => ({
      personId: id,
      conversationId: `a:personal-${id}`,
      serviceUrl: connectorUrl,
      tenantId: TENANT,
      reference: JSON.stringify({ serviceUrl: connectorUrl, channelId: "msteams", conversation: { id: `a:personal-${id}`, conversationType: "personal", tenantId: TENANT }, user: { id: `29:${id}` }, bot: { id: "28:bot" } }),
    })),
  });
  const rows = [];
  for (let i = 0; i < o.reminders; i++) {
    const person = people[i % o.people]!;
    const unit = units[Math.floor(i / o.people)]!;
    // Sent at once whatever the hour (as the answer to a person's own action is): the run does not depend on the clock.
    rows.push({ key: `unit_congested:${unit.id}:${person}:bench`, kind: "unit_congested", personId: person, subjectId: unit.id, dueAt, immediate: true });
  }
  for (let i = 0; i < rows.length; i += 1000) await db.notification.createMany({ data: rows.slice(i, i + 1000) });
  await bot.close();
}

/**
 * The run's people. They are chiefs of Område Midt in the organisation file the bots read: the
 * card every row sends (what weighs on a unit) goes only to a chief of the unit (decision 0020).
 */
export function benchPeople(n: number): ExtraPerson[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `p${String(i + 1).padStart(5, "0")}`;
    return { id, name: `Person ${id}`, aadObjectId: `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}` };
  });
}

export async function deliveryBench(o: DeliveryOptions): Promise<DeliveryResult> {
  const dir = mkdtempSync(join(tmpdir(), "laeringsloop-bench-delivery-"));
  const orgFile = writeOrgWithChiefs(join(dir, "organisation.yaml"), benchPeople(o.people));
  const databaseUrl = o.databaseUrl ?? `file:${join(dir, "bench.db")}`;
  const instances = o.instances ?? 1;
  // In a thread of its own: the moments posts arrive are not held up by this thread's work.
  const connector = await new ConnectorThread(o.limits ?? TEAMS_LIMITS).start();
  let record: ConnectorRecord | undefined;
  try {
    buildOnce();
    // With several processes the reminders fall due once every one of them runs its scheduler:
    // one that came up seconds earlier would otherwise send them all alone.
    await seed(databaseUrl, connector.url, o, instances > 1 ? new Date(Date.now() + 86_400_000) : new Date(), orgFile);
    const { db } = await openClient(databaseUrl);
    let ready = 0;
    const bots = Array.from({ length: instances }, () => startBot(databaseUrl, orgFile, instances > 1 ? () => ready++ : undefined));
    let started = Date.now();
    let killed = false;
    const deadline = started + (o.timeoutMs ?? 30 * 60_000);
    try {
      if (instances > 1) {
        while (ready < instances) {
          if (Date.now() > deadline) throw new Error(`only ${ready} of ${instances} bot processes came up`);
          await new Promise((r) => setTimeout(r, 100));
        }
        await db.notification.updateMany({ data: { dueAt: new Date() } });
        started = Date.now();
      }
      if (o.kill) {
        connector.onAccepted = () => {
          if (!killed && connector.acceptedCount >= o.reminders / 2) {
            killed = true;
            bots[0]!.kill("SIGKILL");
          }
        };
      }
      for (;;) {
        // Alone, the killed process is started again; beside others, they finish without it.
        if (killed && instances === 1 && bots[0]!.signalCode === "SIGKILL") {
          await exited(bots[0]!);
          bots[0] = startBot(databaseUrl, orgFile);
        }
        const open = await db.notification.count({ where: { status: { in: ["pending", "sending"] } } });
        if (open === 0 || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      for (const bot of bots) bot.kill("SIGTERM");
      await Promise.all(bots.map(exited));
    }
    const wallSeconds = (Date.now() - started) / 1000;
    record = await connector.stop();
    const { accepted, refused } = record;
    const seen = deliveriesOf(accepted);
    const first = accepted[0]?.at ?? started;
    const last = accepted.at(-1)?.at ?? started;
    const sendsPerSecond = accepted.length / Math.max(0.001, (last - first) / 1000);
    const result: DeliveryResult = {
      reminders: o.reminders,
      people: o.people,
      instances,
      database: dialectOf(databaseUrl),
      killed,
      wallSeconds: round(wallSeconds),
      sendsPerSecond: round(sendsPerSecond),
      ratioToCeiling: round(sendsPerSecond / (o.limits ?? TEAMS_LIMITS).perTenantPerSecond, 2),
      longestPauseSeconds: round(accepted.reduce((most, p, i, all) => (i === 0 ? 0 : Math.max(most, p.at - all[i - 1]!.at)), 0) / 1000),
      duplicates: [...seen.values()].reduce((n, c) => n + (c - 1), 0),
      lost: o.reminders - seen.size,
      tooMany429: refused.tooMany,
      tooManyAtSeconds: (record.tooManyAt ?? []).map((at) => round((at - first) / 1000)),
      badGateway502: refused.badGateway,
      unconfirmed: await db.notification.count({ where: { status: "sent", NOT: { lastError: null } } }),
      lostUnmarked: await lostUnmarked(db, seen),
      failed: await db.notification.count({ where: { status: "failed" } }),
    };
    await db.$disconnect();
    return result;
  } finally {
    if (!record) await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
