/**
 * Benchmark 3, scale of the data: 1,000 units, 5,000 people, 50,000 meetings and 200,000
 * follow-ups (scaled by `scale`), with 100,000 pending reminders. Times the chief's area status
 * (100 units), `mine opgaver` and a scheduler tick over repeated runs, and shows the query plans
 * the database uses for them (a full scan on a hot path is reported). On SQLite by default; with
 * `databaseUrl` on PostgreSQL, the same rows through the same repositories (`createBot`'s store).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { pino } from "pino";
import { createBot, domainSettings } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { createDomainServices } from "../../src/domain/services.js";
import type { Person } from "../../src/domain/types.js";
import { dialectOf } from "../../src/store/database.js";
import type { Dialect } from "../../src/store/prisma-client.js";
import { percentile, round } from "./machine.js";
import { watchPostgresStatements, watchStatements } from "./sql-statements.js";

export interface DataScaleOptions {
  /** 1 = the issue's sizes; 0.01 for a quick run. */
  scale: number;
  runs: number;
  /** A new, empty PostgreSQL database the caller created (and drops afterwards); default a SQLite file in a temp folder. */
  databaseUrl?: string;
}

export interface Timing {
  name: string;
  p50: number;
  p99: number;
  runs: number;
  statements: number;
}

export interface DataScaleResult {
  /** Which database the figures are from (reports from before PostgreSQL have none: SQLite). */
  database?: Dialect;
  rows: ReturnType<typeof sizes>;
  seedSeconds: number;
  /** The bot's start on the full database (migrations checked, organisation applied, statistics), until it can listen. */
  startSeconds: number;
  /** Until start-up planning (every open follow-up's reminders, the weekly overviews) was done, in the background. */
  readySeconds?: number;
  timings: Timing[];
  plans: { name: string; sql: string; plan: string[]; fullScans: string[] }[];
}

/** A count as the report writes it: 1,000. */
const counted = (count: number) => count.toLocaleString("en-US");

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

type Value = string | number | boolean | Date | null;

/** A table's bulk rows: its columns with their PostgreSQL types, and the rows (made as they are written). */
interface BulkTable {
  table: string;
  columns: [name: string, pgType: "text" | "integer" | "boolean" | "timestamp(3)"][];
  rows: () => Iterable<Value[]>;
}

/**
 * Meetings, participants, follow-ups and reminders for these sizes: the same rows for either
 * database (a `Date` is a UTC instant, a `boolean` a boolean; each writer stores them its own way).
 */
function bulkRows(n: ReturnType<typeof sizes>, now: number): BulkTable[] {
  const created = new Date(now);
  const leaderOf = (u: number) => `s${n.areas + (u % (n.people - n.areas))}`;
  // Mostly the past, some to come.
  const kindOf = (m: number) => (m % 3 === 0 ? "laeringssamtale" : "one_on_one");
  const meetingAt = (m: number) => new Date(now + (m % 10 === 0 ? 1 : -1) * (1 + (m % 700)) * 86_400_000);
  return [
    {
      table: "Meeting",
      columns: [["id", "text"], ["kind", "text"], ["unitId", "text"], ["chairId", "text"], ["startsAt", "timestamp(3)"], ["durationMinutes", "integer"], ["status", "text"], ["version", "integer"], ["createdAt", "timestamp(3)"], ["templateFrozen", "boolean"]],
      *rows() {
        for (let m = 0; m < n.meetings; m++) {
          const u = m % n.units;
          const at = meetingAt(m);
          // Their packs went out long ago: the template is frozen (start-up leaves them alone).
          yield [`m${m}`, kindOf(m), `u${u}`, `s${u % n.areas}`, at, 60, at.getTime() > now ? "planned" : "closed", 1, created, true];
        }
      },
    },
    {
      table: "MeetingParticipant",
      columns: [["meetingId", "text"], ["personId", "text"], ["role", "text"]],
      *rows() {
        for (let m = 0; m < n.meetings; m++) {
          const u = m % n.units;
          yield [`m${m}`, `s${u % n.areas}`, "chair"];
          yield [`m${m}`, leaderOf(u), "leader"];
        }
      },
    },
    {
      table: "FollowUp",
      columns: [["id", "text"], ["meetingId", "text"], ["unitId", "text"], ["meetingKind", "text"], ["text", "text"], ["ownerId", "text"], ["dueDate", "text"], ["status", "text"], ["version", "integer"], ["createdAt", "timestamp(3)"], ["doneAt", "timestamp(3)"], ["evaluateAtNextMeeting", "boolean"]],
      *rows() {
        for (let f = 0; f < n.followUps; f++) {
          const m = f % n.meetings;
          const u = m % n.units;
          const due = new Date(now + ((f % 200) - 100) * 86_400_000).toISOString().slice(0, 10);
          // Three in four are done, some of them in the last 30 days.
          const done = f % 4 !== 0;
          yield [`f${f}`, `m${m}`, `u${u}`, kindOf(m), `Opfølgning ${f}`, leaderOf(u), due, done ? "done" : "open", 1, created, done ? new Date(now - (f % 90) * 86_400_000) : null, false];
        }
      },
    },
    {
      table: "Notification",
      columns: [["id", "text"], ["key", "text"], ["kind", "text"], ["personId", "text"], ["subjectId", "text"], ["dueAt", "timestamp(3)"], ["status", "text"], ["attempts", "integer"], ["createdAt", "timestamp(3)"], ["immediate", "boolean"]],
      *rows() {
        for (let r = 0; r < n.reminders; r++) {
          const f = (r * 4) % n.followUps;
          yield [`n${r}`, `followup_due_soon:f${f}:${r}`, "followup_due_soon", `s${n.areas + (r % (n.people - n.areas))}`, `f${f}`, new Date(now + (1 + (r % 60)) * 86_400_000), "pending", 0, created, false];
        }
      },
    },
  ];
}

/** The bulk rows written straight with better-sqlite3 in one transaction (Prisma's createMany is far slower at this size), then `PRAGMA optimize`. */
export function seedSqlite(file: string, scale: number) {
  const db = new Database(file);
  const n = sizes(scale);
  const sqliteValue = (v: Value) => (v instanceof Date ? sqliteTime(v) : typeof v === "boolean" ? Number(v) : v);
  db.transaction(() => {
    for (const t of bulkRows(n, Date.now())) {
      const insert = db.prepare(`INSERT INTO "${t.table}" (${t.columns.map(([c]) => `"${c}"`).join(", ")}) VALUES (${t.columns.map(() => "?").join(", ")})`);
      for (const row of t.rows()) insert.run(...row.map(sqliteValue));
    }
  })();
  db.pragma("optimize");
  db.close();
  return n;
}

/**
 * The same rows written straight with pg in one transaction, 5,000 rows a statement
 * (`INSERT … SELECT * FROM unnest($1::text[], …)`), then `VACUUM ANALYZE` (PostgreSQL's statistics and
 * visibility map, as autovacuum leaves them; `PRAGMA optimize` gives SQLite its statistics).
 */
export async function seedPostgresql(databaseUrl: string, scale: number) {
  const n = sizes(scale);
  // TIMESTAMP(3) without time zone holds UTC, as Prisma writes it: the instant as UTC text, never pg's local-time Date.
  const pgValue = (v: Value) => (v instanceof Date ? v.toISOString().replace("Z", "") : v);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    for (const t of bulkRows(n, Date.now())) {
      const sql = `INSERT INTO "${t.table}" (${t.columns.map(([c]) => `"${c}"`).join(", ")}) SELECT * FROM unnest(${t.columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ")})`;
      let batch: Value[][] = t.columns.map(() => []);
      let size = 0;
      const flush = async () => {
        if (size > 0) await client.query(sql, batch);
        batch = t.columns.map(() => []);
        size = 0;
      };
      for (const row of t.rows()) {
        row.forEach((v, i) => batch[i]!.push(pgValue(v)));
        if (++size === 5000) await flush();
      }
      await flush();
    }
    await client.query("COMMIT");
    // VACUUM as well as ANALYZE: autovacuum does both soon after a load this size, and without
    // the visibility map VACUUM sets, PostgreSQL cannot answer from an index alone, so its plans
    // depended on whether autovacuum had got there before the timed runs (one run found a
    // Parallel Seq Scan on "FollowUp" and 60 ms: decision 0033).
    await client.query("VACUUM ANALYZE");
  } finally {
    await client.end();
  }
  return n;
}

/** A query's plan, read on the seeded database: SQLite's `EXPLAIN QUERY PLAN` (parameters null), PostgreSQL's `EXPLAIN` (the parameters it ran with). */
type Explain = (sql: string, values: unknown[]) => Promise<{ plan: string[]; fullScans: string[] }>;

function explainSqlite(file: string): { explain: Explain; close: () => Promise<void> } {
  const reader = new Database(file, { readonly: true });
  return {
    explain: async (sql) => {
      const params = (sql.match(/\?/g) ?? []).length;
      const plan = (reader.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array(params).fill(null)) as { detail: string }[]).map((r) => r.detail);
      return { plan, fullScans: plan.filter((p) => /^SCAN /.test(p) && !/USING (COVERING )?INDEX/.test(p)) };
    },
    close: async () => {
      reader.close();
    },
  };
}

/**
 * PostgreSQL reads a table whole when it is cheaper than an index, as for a table of ten areas:
 * a `Seq Scan` counts as a full scan when its table has more rows than this.
 */
export const PG_FULL_SCAN_ROWS = 1000;

async function explainPostgresql(databaseUrl: string): Promise<{ explain: Explain; close: () => Promise<void> }> {
  const reader = new pg.Client({ connectionString: databaseUrl });
  await reader.connect();
  const { rows } = await reader.query<{ name: string; rows: number }>(`SELECT relname AS name, reltuples::float8 AS rows FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace`);
  const tableRows = new Map(rows.map((r) => [r.name, r.rows]));
  return {
    explain: async (sql, values) => {
      const plan = (await reader.query<{ "QUERY PLAN": string }>(`EXPLAIN (COSTS OFF) ${sql}`, values)).rows.map((r) => r["QUERY PLAN"].trim().replace(/^->\s*/, ""));
      const fullScans = plan.flatMap((p) => {
        const table = /^(?:Parallel )?Seq Scan on "?([^"\s]+)"?/.exec(p)?.[1];
        const n = table === undefined ? undefined : tableRows.get(table);
        return table !== undefined && (n === undefined || n > PG_FULL_SCAN_ROWS) ? [`${p} (${n === undefined ? "?" : Math.round(n)} rows)`] : [];
      });
      return { plan, fullScans };
    },
    close: () => reader.end(),
  };
}

export async function dataScaleBench(o: DataScaleOptions): Promise<DataScaleResult> {
  const dir = mkdtempSync(join(tmpdir(), "laeringsloop-bench-data-"));
  const file = join(dir, "bench.db");
  const databaseUrl = o.databaseUrl ?? `file:${file}`;
  const database = dialectOf(databaseUrl);
  const orgFile = join(dir, "organisation.json");
  writeFileSync(orgFile, JSON.stringify(organisation(sizes(o.scale))));
  const config = loadConfig({ NODE_ENV: "development", LOG_LEVEL: "silent", DATABASE_URL: databaseUrl, SCHEDULER_ENABLED: "false", ORG_FILE: orgFile });
  // Migrated and the organisation loaded, as at start-up; then the bulk rows.
  await (await createBot({ config, log: pino({ level: "silent" }), startScheduler: false })).close();
  const started = Date.now();
  const rows = database === "postgresql" ? await seedPostgresql(databaseUrl, o.scale) : seedSqlite(file, o.scale);
  const seedSeconds = round((Date.now() - started) / 1000);

  const restart = Date.now();
  const bot = await createBot({ config, log: pino({ level: "silent" }), startScheduler: false });
  const startSeconds = round((Date.now() - restart) / 1000);
  await bot.ready();
  const readySeconds = round((Date.now() - restart) / 1000);
  const sqlSeen: { sql: string; values: unknown[] }[] = [];
  const unwatch = database === "postgresql" ? watchPostgresStatements((sql, values) => sqlSeen.push({ sql, values })) : watchStatements((sql) => sqlSeen.push({ sql, values: [] }));
  const reader = database === "postgresql" ? await explainPostgresql(databaseUrl) : explainSqlite(file);
  try {
    const d = createDomainServices(bot.store, { now: () => new Date() }, domainSettings(config));
    const owner = (await bot.store.people.byId(`s${rows.areas}`)) as Person;
    const cases: [string, () => Promise<unknown>][] = [
      [`area status (${counted(rows.units)} units / ${counted(rows.followUps)} follow-ups; the area holds ${counted(Math.round(rows.units / rows.areas))} of the units)`, () => d.channels.status("a0")],
      [`mine opgaver (${Math.round(rows.followUps / 4 / (rows.people - rows.areas))} open)`, () => d.followUps.listMine(owner)],
      [`scheduler tick (${rows.reminders} pending reminders)`, () => bot.delivery.runOnce()],
    ];
    const timings: Timing[] = [];
    const plans: DataScaleResult["plans"] = [];
    for (const [name, run] of cases) {
      sqlSeen.length = 0;
      await run(); // warm, and the statements it runs
      // Each SELECT once, with the parameters of its first run.
      const selects = new Map<string, unknown[]>();
      for (const s of sqlSeen) if (/^\s*SELECT/i.test(s.sql) && !selects.has(s.sql)) selects.set(s.sql, s.values);
      const statements = sqlSeen.length;
      const times: number[] = [];
      for (let i = 0; i < o.runs; i++) {
        const t0 = performance.now();
        await run();
        times.push(performance.now() - t0);
      }
      timings.push({ name, p50: round(percentile(times, 50)), p99: round(percentile(times, 99)), runs: o.runs, statements });
      for (const [sql, values] of selects) plans.push({ name, sql: sql.slice(0, 160), ...(await reader.explain(sql, values)) });
    }
    return { database, rows, seedSeconds, startSeconds, readySeconds, timings, plans };
  } finally {
    unwatch();
    await reader.close();
    await bot.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
