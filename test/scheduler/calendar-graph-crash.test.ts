import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domainSettings } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { systemClock } from "../../src/domain/ports.js";
import { createDomainServices } from "../../src/domain/services.js";
import { readOrganisationFile } from "../../src/store/organisation-file-loader.js";
import { exited, spawnBot, until as untilWithin } from "../helpers/bot-process.js";
import { FakeCalendar } from "../helpers/fake-calendar.js";
import { FAKE_GRAPH_CA, FakeGraph } from "../helpers/fake-graph.js";
import { writeChiefWithUnits } from "../helpers/org-file.js";
import { testStore } from "../helpers/test-db.js";
import { testClient } from "../helpers/test-database.js";

/**
 * Issue 20, point 5, «How we will know» (slow: real bot processes, as `npm start` runs them, against
 * the local fake Graph): a chief with 12 dagtilbud confirms their årshjul; the bot writes one event
 * per meeting into the chairs' calendars and is SIGKILLed halfway, while Graph is answering a
 * create; two new processes on the same database finish. Exactly one event per meeting (none made twice, none lost),
 * nobody in two at once, Outlook's per-mailbox limits kept.
 */
const UNITS = 12;
const dir = mkdtempSync(join(tmpdir(), "laeringsloop-calendar-crash-"));
const graph = new FakeGraph();
let calendar: FakeCalendar;
let onCreate: (() => void) | undefined;
const until = <T>(what: string, probe: () => Promise<T | undefined>) => untilWithin(what, probe, 120_000);

beforeAll(async () => {
  graph.onCall = (c) => {
    if (c.method === "POST" && c.path.endsWith("/events")) onCreate?.();
  };
  await graph.start();
  calendar = new FakeCalendar(graph);
});
afterAll(async () => {
  await graph.stop();
  rmSync(dir, { recursive: true, force: true });
});

const graphEnv = () => ({
  CALENDAR_SYNC: "graph",
  GRAPH_TENANT_ID: graph.tenantId,
  GRAPH_CLIENT_ID: graph.clientId,
  GRAPH_CLIENT_SECRET: graph.clientSecret,
  GRAPH_BASE_URL: graph.baseUrl,
  GRAPH_AUTHORITY_HOST: graph.url,
});

describe("the chairs' calendars across a killed bot process (slow)", () => {
  it("12 units' årshjul confirmed: one event per meeting, nobody in two at once, none made twice, when the bot is SIGKILLed while Graph makes them and two instances finish", async () => {
    const orgFile = join(dir, "organisation.yaml");
    const org = writeChiefWithUnits(orgFile, UNITS);
    const t = await testStore({ org: false });
    try {
      await t.store.people.applyOrganisation(readOrganisationFile(orgFile));
      const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", DATABASE_URL: t.url, ORG_FILE: orgFile, ...graphEnv() });
      const d = createDomainServices(t.store, systemClock, domainSettings(config));
      const chief = (await t.store.people.byId(org.chief.id))!;
      for (const unitId of org.unitIds) {
        await d.yearWheels.view(chief, unitId);
        const { version } = await t.store.db.yearWheel.findFirstOrThrow({ where: { unitId } });
        await d.yearWheels.confirm(chief, unitId, version);
      }
      const meetings = await t.store.db.meeting.findMany({ where: { status: "planned" }, include: { participants: true } });
      expect(meetings.length).toBe(UNITS * 40); // 4 læringssamtaler, 12 1:1s, 2 × 12 with the pædagogiske ledere
      expect(await t.store.db.notification.count({ where: { kind: "calendar_event" } })).toBe(meetings.length);
      await t.store.db.$disconnect();

      const env = {
        LOG_LEVEL: "warn",
        DATABASE_URL: t.url,
        ORG_FILE: orgFile,
        SCHEDULER_CRON: "* * * * * *",
        CALENDAR_READBACK_CRON: "0 0 1 1 *",
        OUTBOX_LEASE_SECONDS: "5",
        NODE_EXTRA_CA_CERTS: FAKE_GRAPH_CA,
        ...graphEnv(),
      };
      // Graph takes a moment per create; the bot dies as the 150th create reaches it (its answer lost).
      graph.delay = (method, path) => (method === "POST" && path.endsWith("/events") ? 20 : undefined);
      let creates = 0;
      let first: ChildProcess | undefined = spawnBot(env);
      const firstExit = exited(first);
      onCreate = () => {
        if (++creates === 150) first?.kill("SIGKILL");
      };
      await firstExit;
      expect(first.signalCode).toBe("SIGKILL");
      first = undefined;
      onCreate = undefined;
      expect(calendar.made.size).toBeGreaterThanOrEqual(149);
      expect(calendar.made.size).toBeLessThan(meetings.length);

      // Two instances finish what the dead one left: its rows come back when their lease runs out.
      const db = testClient(t.url);
      const others = [spawnBot(env), spawnBot(env)];
      try {
        await until("every calendar row to be done", async () => ((await db.notification.count({ where: { kind: "calendar_event", status: { in: ["pending", "sending"] } } })) === 0 ? true : undefined));
      } finally {
        for (const p of others) p.kill("SIGTERM");
        await Promise.all(others.map(exited));
      }
      const rows = await db.notification.groupBy({ by: ["status"], where: { kind: "calendar_event" }, _count: { _all: true } });
      await db.$disconnect();
      expect(rows.filter((r) => r.status !== "sent" && r.status !== "cancelled")).toEqual([]);

      // One event per meeting, in its chair's calendar; none ever made twice.
      expect(calendar.made.size).toBe(meetings.length);
      const byMeeting = new Map<string, string[]>();
      for (const e of calendar.all()) byMeeting.set(FakeCalendar.meetingOf(e)!, [...(byMeeting.get(FakeCalendar.meetingOf(e)!) ?? []), e.mailbox]);
      const aad = new Map(org.people.map((p) => [p.id, p.aadObjectId]));
      expect(meetings.filter((m) => byMeeting.get(m.id)?.length !== 1 || byMeeting.get(m.id)![0] !== aad.get(m.chairId)).map((m) => m.id)).toEqual([]);
      // The create whose answer died with the first process was found by the meeting's id, not made again.
      expect(graph.callsTo("GET", /\/events$/).length).toBeGreaterThanOrEqual(1);
      expect(calendar.duplicatesPrevented).toBe(0); // no create was sent twice: Graph's transactionId never had to save us

      // Nobody in two at once, as Graph has them (the chair by mailbox, the others by address).
      const emailOf = new Map(org.people.map((p) => [p.aadObjectId, p.email]));
      const spans = new Map<string, [number, number][]>();
      for (const e of calendar.all()) {
        const span: [number, number] = [calendar.startOf(e).getTime(), new Date(`${e.end!.dateTime!.slice(0, 19)}Z`).getTime()];
        for (const who of [emailOf.get(e.mailbox)!, ...(e.attendees ?? []).map((a) => a.emailAddress!.address!)]) spans.set(who, [...(spans.get(who) ?? []), span]);
      }
      const overlaps: string[] = [];
      for (const [who, list] of spans) {
        list.sort((a, b) => a[0] - b[0]);
        for (let i = 1; i < list.length; i++) if (list[i]![0] < list[i - 1]![1]) overlaps.push(who);
      }
      expect(overlaps).toEqual([]);
      // Outlook's limits per mailbox: never more than 4 requests at once, never throttled.
      expect(Math.max(...calendar.mostAtOnce.values())).toBeLessThanOrEqual(4);
      expect(calendar.throttled).toBe(0);
    } finally {
      await t.close();
    }
  }, 240_000);
});
