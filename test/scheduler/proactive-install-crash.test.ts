import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { createWorkingCalendar } from "../../src/lib/working-calendar.js";
import { exited, spawnBot, until as untilWithin } from "../helpers/bot-process.js";
import { cardText, FakeConnector } from "../helpers/fake-connector.js";
import { FAKE_GRAPH_CA, FakeGraph } from "../helpers/fake-graph.js";
import { newTestDatabase, testClient, type TestDatabase } from "../helpers/test-database.js";
import { writeOrgWithChiefs } from "../../scripts/bench/org-with-chiefs.js";

/**
 * Proactive installation across a killed bot process and with two processes (slow: real bot
 * processes, as `npm start` runs them, against the local fake Graph and fake Bot Connector).
 * Every person of the example organisation has a card due and has never opened the bot.
 */
const dir = mkdtempSync(join(tmpdir(), "laeringsloop-install-crash-"));
// Everyone a chief: each person's waiting card is the one about what weighs on a unit, which goes only to a chief of the unit.
const orgFile = writeOrgWithChiefs(join(dir, "organisation.yaml"));
const databases: TestDatabase[] = [];
const graph = new FakeGraph();
const connector = new FakeConnector();

/** Every day, all day, besides Danish public holidays (which no setting opens). */
const HOURS = { WORKDAYS: "1,2,3,4,5,6,7", WORKDAY_START: "00:00", WORKDAY_END: "23:59", CLOSED_DAYS: "2000-01-01" };
const calendar = createWorkingCalendar({ tz: "Europe/Copenhagen", workdays: [1, 2, 3, 4, 5, 6, 7], dayStart: "00:00", dayEnd: "23:59", closedDays: ["2000-01-01"] });
/**
 * Whether the cards that waited go at once when the app is installed (they go at the next
 * working-hours moment): not on a Danish public holiday, nor in the last minutes of a day. Then the
 * tests check the installs and the stored chats only.
 */
const cardsGoNow = () => calendar.isWithinWorkingHours(new Date()) && calendar.isWithinWorkingHours(new Date(Date.now() + 5 * 60_000));

function startBot(databaseUrl: string, logLevel = "warn"): ChildProcess {
  return spawnBot({
    LOG_LEVEL: logLevel,
    DATABASE_URL: databaseUrl,
    ORG_FILE: orgFile,
    SCHEDULER_CRON: "* * * * * *",
    OUTBOX_LEASE_SECONDS: "5",
    NODE_EXTRA_CA_CERTS: FAKE_GRAPH_CA,
    ...HOURS,
    ...graph.env(connector.url),
  });
}

/** Slower than the outbox's crash test: installs go through Graph before the cards. */
const until = <T>(what: string, probe: () => Promise<T | undefined>) => untilWithin(what, probe, 90_000);



/** A database where every active person has one card due (now, or at `dueAt`) and no conversation. */
async function seed(name: string, dueAt = new Date()): Promise<{ url: string; people: { id: string; aadObjectId: string }[] }> {
  const database = await newTestDatabase(dir, `${name}.db`);
  databases.push(database);
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", DATABASE_URL: database.url, ORG_FILE: orgFile, SCHEDULER_ENABLED: "false" });
  const bot = await createBot({ config, log: pino({ level: "silent" }), startScheduler: false });
  const people = await bot.store.db.person.findMany({ where: { active: true }, orderBy: { id: "asc" }, select: { id: true, aadObjectId: true } }).then((rows) => rows.map((p) => ({ id: p.id, aadObjectId: p.aadObjectId! })));
  const unit = await bot.store.db.unit.findFirstOrThrow({ orderBy: { id: "asc" } });
  // Sent at once whatever the hour, like an answer to the person's own action.
  await bot.store.notifications.plan(
    people.map((p) => ({ key: `unit_congested:${unit.id}:${p.id}:${name}`, kind: "unit_congested" as const, personId: p.id, subjectId: unit.id, dueAt, immediate: true })),
    new Date(),
  );
  await bot.close();
  return { url: database.url, people };
}

/** How often each conversation got each card. */
function deliveries(): Map<string, number> {
  const seen = new Map<string, number>();
  for (const p of connector.posted) {
    const k = `${p.conversationId}|${cardText((p.activity.attachments as { content: unknown }[])[0]!.content).split("\n")[0]}`;
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  return seen;
}

beforeAll(async () => {
  await graph.start();
  await connector.start();
});
afterAll(async () => {
  await graph.stop();
  await connector.stop();
  for (const d of databases) await d.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** The checks both tests end with: one install per person, their chat stored, each card once. */
async function expectEachInstalledOnce(url: string, people: { id: string; aadObjectId: string }[], maxConflicts: number) {
  const db = testClient(url);
  try {
    for (const p of people) {
      const { made, conflicts } = graph.installsFor(p.aadObjectId);
      expect({ person: p.id, made }).toEqual({ person: p.id, made: 1 });
      expect(conflicts).toBeLessThanOrEqual(maxConflicts);
    }
    const refs = await db.conversationRef.findMany({ orderBy: { personId: "asc" } });
    expect(refs.map((r) => [r.personId, r.conversationId])).toEqual(people.map((p) => [p.id, graph.chatId(p.aadObjectId)]));
    const jobs = await db.notification.findMany({ where: { kind: "app_install" } });
    expect(jobs).toHaveLength(people.length);
    // Done, or found the person reachable: an attempt that stored the chat died before it was done.
    expect(jobs.filter((j) => !(j.status === "sent" || (j.status === "cancelled" && j.lastError === "reachable")))).toEqual([]);
    if (cardsGoNow()) {
      const cards = await db.notification.findMany({ where: { kind: "unit_congested" } });
      expect(cards.every((c) => c.status === "sent")).toBe(true);
      const seen = deliveries();
      expect(seen.size).toBe(people.length);
      expect([...seen.values()].every((n) => n === 1)).toBe(true);
      expect([...seen.keys()].map((k) => k.split("|")[0]).sort()).toEqual(people.map((p) => graph.chatId(p.aadObjectId)).sort());
    }
  } finally {
    await db.$disconnect();
  }
}

describe("proactive installation across killed and parallel bot processes (slow)", () => {
  it("installs the app exactly once per person when the bot is SIGKILLed while installs are under way, and sends each waiting card once", async () => {
    const { url, people } = await seed("kill");
    expect(people.length).toBeGreaterThanOrEqual(8);
    graph.calls.length = 0;
    connector.reset();
    // Graph takes its time to install; the bot dies the moment the 5th install reaches it.
    graph.delay = (method, path) => (method === "POST" && path.endsWith("/teamwork/installedApps") ? 800 : undefined);
    let first: ChildProcess | undefined = startBot(url);
    let killed = false;
    let installs = 0;
    graph.onCall = (c) => {
      if (c.method === "POST" && c.path.endsWith("/teamwork/installedApps")) installs++;
      if (!killed && first && installs >= 5) {
        killed = true;
        first.kill("SIGKILL");
      }
    };
    const firstExit = exited(first);
    await until("the kill", async () => (killed ? true : undefined));
    await firstExit;
    expect(first.signalCode).toBe("SIGKILL");
    first = undefined;
    graph.onCall = undefined;

    const db = testClient(url);
    const second = startBot(url);
    try {
      // Held by the dead process until their lease (5 s) runs out, then done by the new one.
      await until("every install job to be done", async () => ((await db.notification.count({ where: { kind: "app_install", status: { in: ["pending", "sending"] } } })) === 0 && (await db.notification.count({ where: { kind: "app_install" } })) === people.length ? true : undefined));
      if (cardsGoNow()) await until("every card to be sent", async () => ((await db.notification.count({ where: { kind: "unit_congested", status: { not: "sent" } } })) === 0 ? true : undefined));
    } finally {
      second.kill("SIGTERM");
      await exited(second);
      await db.$disconnect();
      graph.delay = undefined;
    }
    // An install the dead process had asked for is found installed (409) by the next attempt.
    await expectEachInstalledOnce(url, people, 1);
    expect(people.some((p) => graph.installsFor(p.aadObjectId).conflicts === 1)).toBe(true);
  }, 150_000);

  it("two bot processes on one database install the app once per person: never twice, no conflicts", async () => {
    const later = new Date(Date.now() + 86_400_000);
    const { url, people } = await seed("two", later);
    graph.calls.length = 0;
    graph.installed.clear();
    connector.reset();
    graph.delay = (method, path) => (method === "POST" && path.endsWith("/teamwork/installedApps") ? 400 : undefined);
    const db = testClient(url);
    const a = startBot(url, "info");
    const b = startBot(url, "info");
    const ready = [false, false];
    [a, b].forEach((p, i) => p.stdout!.on("data", (chunk: Buffer) => void (chunk.toString().includes("reminders planned") && (ready[i] = true))));
    try {
      await until("both processes to run their schedulers", async () => (ready.every(Boolean) ? true : undefined));
      await db.notification.updateMany({ where: { key: { endsWith: ":two" } }, data: { dueAt: new Date() } });
      await until("every install job to be done", async () => ((await db.notification.count({ where: { kind: "app_install", status: { in: ["pending", "sending"] } } })) === 0 && (await db.notification.count({ where: { kind: "app_install" } })) === people.length ? true : undefined));
      if (cardsGoNow()) await until("every card to be sent", async () => ((await db.notification.count({ where: { kind: "unit_congested", status: { not: "sent" } } })) === 0 ? true : undefined));
    } finally {
      a.kill("SIGTERM");
      b.kill("SIGTERM");
      await Promise.all([exited(a), exited(b)]);
      await db.$disconnect();
      graph.delay = undefined;
    }
    await expectEachInstalledOnce(url, people, 0);
    expect(graph.callsTo("POST", "/teamwork/installedApps")).toHaveLength(people.length);
  }, 150_000);
});
