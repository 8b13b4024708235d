/**
 * Benchmark 3, scale of the data: 1,000 units, 5,000 people, 50,000 meetings and 200,000
 * follow-ups (scaled by `scale`), with 100,000 pending reminders. Times the chief's area status
 * (100 units), `mine opgaver` and a scheduler tick over repeated runs, and shows the query plans
 * SQLite uses for them (a full scan on a hot path is reported).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { pino } from "pino";
import { createBot, domainSettings } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { createDomainServices } from "../../src/domain/services.js";
import type { Person } from "../../src/domain/types.js";
import { percentile, round } from "./machine.js";
import { watchStatements } from "./sql-statements.js";

export interface DataScaleOptions {
  /** 1 = the sizes; 0.01 for a quick run. */
  scale: number;
  runs: number;
}

export interface Timing {
  name: string;
  p50: number;
  p99: number;
  runs: number;
  statements: number;
}

export interface DataScaleResult {
  rows: ReturnType<typeof seed>;
  seedSeconds: number;
  /** The bot's start on the full database (migrations checked, organisation applied, statistics), until it can listen. */
  startSeconds: number;
  /** Until start-up planning (every open follow-up's reminders, the weekly overviews) was done, in the background. */
  readySeconds?: number;
  timings: Timing[];
  plans: { name: string; sql: string; plan: string[]; fullScans: string[] }[];
}

const sqliteTime = (d: Date) => d.toISOString().replace("Z", "+00:00");

export function sizes(scale: number) {
  return {
    areas: Math.max(1, Math.round(10 * scale)),
    units: Math.max(1, Math.round(1000 * scale)),
    people: Math.max(2, Math.round(5000 * scale)),
    meetings: Math.max(1, Math.round(50_000 * scale)),
    followUps: Math.max(1, Math.round(200_000 * scale)),
    reminders: Math.max(1, Math.round(100_000 * scale)),
  };
}

/** The municipality's organisation file for these sizes: areas with a chief, units with a leader, everyone listed. */
export function organisation(n: ReturnType<typeof sizes>) {
  const leaderOf = (u: number) => `s${n.areas + (u % (n.people - n.areas))}`;
  return {
    kommune: "Benchmark Kommune",
    people: Array.from({ length: n.people }, (_, i) => ({ id: `s${i}`, name: `Person ${i}`, aadObjectId: `aad-s${i}` })),
    areas: Array.from({ length: n.areas }, (_, a) => ({
      id: `a${a}`,
      name: `Område ${a}`,
      chiefs: [`s${a}`],
      units: Array.from({ length: n.units }, (_, u) => u)
        .filter((u) => u % n.areas === a)
        .map((u) => ({ id: `u${u}`, name: `Enhed ${u}`, type: "dagtilbud", leaders: [leaderOf(u)] })),
    })),
    loops: [{ id: "0-6-2025", name: "2025–2026", start: "2025-01-01", unitTypes: ["dagtilbud"], themes: [{ id: "sprog", title: "Sprog" }] }],
  };
}

/** Meetings, follow-ups and reminders written straight with better-sqlite3 in one transaction (Prisma's createMany is far slower at this size). */
export function seed(file: string, scale: number) {
  const db = new Database(file);
  const n = sizes(scale);
  const now = Date.now();
  db.transaction(() => {
    const t = sqliteTime(new Date(now));
    // Their packs went out long ago: the template is frozen (start-up leaves them alone).
    const meeting = db.prepare("INSERT INTO Meeting (id, kind, unitId, chairId, startsAt, durationMinutes, status, version, createdAt, templateFrozen) VALUES (?, ?, ?, ?, ?, 60, ?, 1, ?, 1)");
    const participant = db.prepare("INSERT INTO MeetingParticipant (meetingId, personId, role) VALUES (?, ?, ?)");
    for (let m = 0; m < n.meetings; m++) {
      const u = m % n.units;
      const chief = `s${u % n.areas}`;
      const leader = `s${n.areas + (u % (n.people - n.areas))}`;
      // Mostly the past, some to come.
      const at = new Date(now + (m % 10 === 0 ? 1 : -1) * (1 + (m % 700)) * 86_400_000);
      meeting.run(`m${m}`, m % 3 === 0 ? "laeringssamtale" : "one_on_one", `u${u}`, chief, sqliteTime(at), at.getTime() > now ? "planned" : "closed", t);
      participant.run(`m${m}`, chief, "chair");
      participant.run(`m${m}`, leader, "leader");
    }
    const followUp = db.prepare("INSERT INTO FollowUp (id, meetingId, unitId, text, ownerId, dueDate, status, version, createdAt, doneAt, evaluateAtNextMeeting) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 0)");
    for (let f = 0; f < n.followUps; f++) {
      const m = f % n.meetings;
      const u = m % n.units;
      const owner = `s${n.areas + (u % (n.people - n.areas))}`;
      const due = new Date(now + ((f % 200) - 100) * 86_400_000).toISOString().slice(0, 10);
      // Three in four are done, some of them in the last 30 days.
      const done = f % 4 !== 0;
      followUp.run(`f${f}`, `m${m}`, `u${u}`, `Opfølgning ${f}`, owner, due, done ? "done" : "open", t, done ? sqliteTime(new Date(now - (f % 90) * 86_400_000)) : null);
    }
    const reminder = db.prepare("INSERT INTO Notification (id, key, kind, personId, subjectId, dueAt, status, attempts, createdAt, immediate) VALUES (?, ?, 'followup_due_soon', ?, ?, ?, 'pending', 0, ?, 0)");
    for (let r = 0; r < n.reminders; r++) {
      const f = (r * 4) % n.followUps;
      reminder.run(`n${r}`, `followup_due_soon:f${f}:${r}`, `s${n.areas + (r % (n.people - n.areas))}`, `f${f}`, sqliteTime(new Date(now + (1 + (r % 60)) * 86_400_000)), t);
    }
  })();
  db.pragma("optimize");
  db.close();
  return n;
}

export async function dataScaleBench(o: DataScaleOptions): Promise<DataScaleResult> {
  const dir = mkdtempSync(join(tmpdir(), "laeringsloop-bench-data-"));
  const file = join(dir, "bench.db");
  const orgFile = join(dir, "organisation.json");
  writeFileSync(orgFile, JSON.stringify(organisation(sizes(o.scale))));
  const config = loadConfig({ NODE_ENV: "development", LOG_LEVEL: "silent", DATABASE_URL: `file:${file}`, SCHEDULER_ENABLED: "false", ORG_FILE: orgFile });
  // Migrated and the organisation loaded, as at start-up; then the bulk rows.
  await (await createBot({ config, log: pino({ level: "silent" }), startScheduler: false })).close();
  const started = Date.now();
  const rows = seed(file, o.scale);
  const seedSeconds = round((Date.now() - started) / 1000);

  const restart = Date.now();
  const bot = await createBot({ config, log: pino({ level: "silent" }), startScheduler: false });
  const startSeconds = round((Date.now() - restart) / 1000);
  await bot.ready();
  const readySeconds = round((Date.now() - restart) / 1000);
  const sqlSeen: string[] = [];
  const unwatch = watchStatements((sql) => sqlSeen.push(sql));
  try {
    const d = createDomainServices(bot.store, { now: () => new Date() }, domainSettings(config));
    const owner = (await bot.store.people.byId(`s${rows.areas}`)) as Person;
    const cases: [string, () => Promise<unknown>][] = [
      [`area status (${Math.round(rows.units / rows.areas)} units)`, () => d.channels.status("a0")],
      [`mine opgaver (${Math.round(rows.followUps / 4 / (rows.people - rows.areas))} open)`, () => d.followUps.listMine(owner)],
      [`scheduler tick (${rows.reminders} pending reminders)`, () => bot.delivery.runOnce()],
    ];
    const timings: Timing[] = [];
    const plans: DataScaleResult["plans"] = [];
    const reader = new Database(file, { readonly: true });
    for (const [name, run] of cases) {
      sqlSeen.length = 0;
      await run(); // warm, and the statements it runs
      const sqls = [...new Set(sqlSeen.filter((s) => /^\s*SELECT/i.test(s)))];
      const statements = sqlSeen.length;
      const times: number[] = [];
      for (let i = 0; i < o.runs; i++) {
        const t0 = performance.now();
        await run();
        times.push(performance.now() - t0);
      }
      timings.push({ name, p50: round(percentile(times, 50)), p99: round(percentile(times, 99)), runs: o.runs, statements });
      for (const sql of sqls) {
        const params = (sql.match(/\?/g) ?? []).length;
        const plan = (reader.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array(params).fill(null)) as { detail: string }[]).map((r) => r.detail);
        plans.push({ name, sql: sql.slice(0, 160), plan, fullScans: plan.filter((p) => /^SCAN /.test(p) && !/USING (COVERING )?INDEX/.test(p)) });
      }
    }
    reader.close();
    return { rows, seedSeconds, startSeconds, readySeconds, timings, plans };
  } finally {
    unwatch();
    await bot.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
