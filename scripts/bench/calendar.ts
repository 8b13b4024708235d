/**
 * Benchmark 5, the chairs' calendars (CALENDAR_SYNC=graph; docs/decisions/0018-calendar-graph.md):
 * `areas` chiefs with `unitsPerArea` dagtilbud each (a leader and one pædagogisk leder per unit: 28
 * meetings a unit) confirm every årshjul; the real bot process (as `npm start` runs it) writes one
 * event per meeting into the chairs' calendars in the local fake Graph, which keeps Outlook's limits
 * per mailbox (4 requests at once, 10,000 per 10 minutes: 429 with Retry-After beyond them) and
 * answers each request after `latencyMs`. Counted: events per second, the busiest mailbox's
 * requests per second ÷ Graph's per-mailbox ceiling (10,000 / 600 s), duplicates (an event made
 * twice for a meeting), lost (a meeting without its event), 429s.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { domainSettings } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { systemClock } from "../../src/domain/ports.js";
import { createDomainServices } from "../../src/domain/services.js";
import { openDatabase } from "../../src/store/database.js";
import { createStore } from "../../src/store/index.js";
import { readOrganisationFile } from "../../src/store/organisation-file-loader.js";
import { exited, spawnBot, until } from "../../test/helpers/bot-process.js";
import { FakeCalendar } from "../../test/helpers/fake-calendar.js";
import { FAKE_GRAPH_CA, FakeGraph } from "../../test/helpers/fake-graph.js";
import { writeOrganisation } from "../../test/helpers/org-file.js";
import { round } from "./machine.js";

export interface CalendarBenchOptions {
  areas: number;
  unitsPerArea: number;
  /** Graph's answer time per request (real Graph: some hundred ms). */
  latencyMs: number;
  timeoutMs?: number;
}

export interface CalendarBenchResult {
  units: number;
  meetings: number;
  events: number;
  mailboxes: number;
  latencyMs: number;
  /** From the first calendar request to the last. */
  wallSeconds: number;
  eventsPerSecond: number;
  /** The busiest mailbox's requests per second while it was written. */
  busiestMailboxPerSecond: number;
  /** That ÷ Graph's per-mailbox ceiling (10,000 per 10 minutes = 16.7/s). */
  ratioToMailboxCeiling: number;
  /** The most requests to one mailbox at once (Graph allows 4). */
  mostAtOnce: number;
  duplicates: number;
  lost: number;
  tooMany429: number;
  /** Seconds to confirm the årshjul of every unit (the planner, in process). */
  confirmSeconds: number;
  /** When it ran (it may be added to a report of an earlier run). */
  date: string;
}

const CEILING_PER_SECOND = 10_000 / 600;

export async function calendarBench(opts: CalendarBenchOptions): Promise<CalendarBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "laeringsloop-bench-calendar-"));
  const graph = await new FakeGraph().start();
  const calendar = new FakeCalendar(graph);
  try {
    const orgFile = join(dir, "organisation.yaml");
    const org = writeOrganisation(orgFile, { areas: opts.areas, unitsPerArea: opts.unitsPerArea, pedagogicalLeaders: 1 });
    const databaseUrl = `file:${join(dir, "bench.db")}`;
    const graphEnv = { CALENDAR_SYNC: "graph", GRAPH_TENANT_ID: graph.tenantId, GRAPH_CLIENT_ID: graph.clientId, GRAPH_CLIENT_SECRET: graph.clientSecret, GRAPH_BASE_URL: graph.baseUrl, GRAPH_AUTHORITY_HOST: graph.url };

    // Every årshjul proposed and confirmed, in process (the rows wait in the outbox).
    const { db, dialect } = await openDatabase(databaseUrl);
    const store = createStore(db, dialect);
    await store.people.applyOrganisation(readOrganisationFile(orgFile));
    const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", DATABASE_URL: databaseUrl, ORG_FILE: orgFile, ...graphEnv });
    const d = createDomainServices(store, systemClock, domainSettings(config));
    const t0 = Date.now();
    for (const { chief, unitIds } of org.chiefs) {
      const actor = (await store.people.byId(chief.id))!;
      for (const unitId of unitIds) {
        await d.yearWheels.view(actor, unitId);
        const { version } = await db.yearWheel.findFirstOrThrow({ where: { unitId } });
        await d.yearWheels.confirm(actor, unitId, version);
      }
    }
    const confirmSeconds = round((Date.now() - t0) / 1000, 1);
    const meetings = await db.meeting.findMany({ where: { status: "planned" }, select: { id: true, chairId: true } });
    await db.$disconnect();

    graph.delay = () => opts.latencyMs;
    const bot = spawnBot({ LOG_LEVEL: "warn", DATABASE_URL: databaseUrl, ORG_FILE: orgFile, SCHEDULER_CRON: "* * * * * *", CALENDAR_READBACK_CRON: "0 0 1 1 *", NODE_EXTRA_CA_CERTS: FAKE_GRAPH_CA, ...graphEnv });
    try {
      await until("every event", async () => (calendar.made.size >= meetings.length && graph.calls.filter((c) => c.path.includes("/events")).length >= meetings.length ? true : undefined), opts.timeoutMs ?? 600_000).catch(() => undefined);
      // The last answers recorded.
      await new Promise((ok) => setTimeout(ok, 500));
    } finally {
      bot.kill("SIGTERM");
      await exited(bot);
    }
    const calls = graph.calls.filter((c) => /\/users\/[^/]+\/(events|calendar)/.test(c.path));
    const first = Math.min(...calls.map((c) => c.at));
    const last = Math.max(...calls.map((c) => c.at));
    const wallSeconds = Math.max(0.001, (last - first) / 1000);
    const byMailbox = new Map<string, number[]>();
    for (const c of calls) {
      const mb = /\/users\/([^/]+)\//.exec(c.path)![1]!;
      byMailbox.set(mb, [...(byMailbox.get(mb) ?? []), c.at]);
    }
    const busiest = Math.max(...[...byMailbox.values()].map((ts) => ts.length / Math.max(1, (Math.max(...ts) - Math.min(...ts)) / 1000)));
    const perMeeting = new Map<string, number>();
    for (const e of calendar.made.values()) {
      const id = FakeCalendar.meetingOf(e);
      if (id) perMeeting.set(id, (perMeeting.get(id) ?? 0) + 1);
    }
    return {
      units: opts.areas * opts.unitsPerArea,
      meetings: meetings.length,
      events: calendar.all().length,
      mailboxes: byMailbox.size,
      latencyMs: opts.latencyMs,
      wallSeconds: round(wallSeconds, 1),
      eventsPerSecond: round(calendar.made.size / wallSeconds, 1),
      busiestMailboxPerSecond: round(busiest, 1),
      ratioToMailboxCeiling: round(busiest / CEILING_PER_SECOND, 2),
      mostAtOnce: Math.max(0, ...calendar.mostAtOnce.values()),
      duplicates: [...perMeeting.values()].reduce((n, k) => n + Math.max(0, k - 1), 0),
      lost: meetings.filter((m) => !perMeeting.has(m.id)).length,
      tooMany429: calendar.throttled,
      confirmSeconds,
      date: new Date().toISOString(),
    };
  } finally {
    await graph.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
