import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { Writable } from "node:stream";
import pg from "pg";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { openClient } from "../../src/store/database.js";
import { POSTGRESQL_MIGRATIONS_DIR } from "../../src/store/migrate-postgresql.js";
import { outboxReport } from "../../src/store/outbox-report.js";
import { onPostgres } from "../helpers/test-database.js";

const SETUP_SQL = resolve(import.meta.dirname, "../../docs/sql/postgresql-setup.sql");

/**
 * The deploy document's setup SQL, as the server admin of Azure Database for PostgreSQL flexible
 * server runs it: a role with LOGIN, CREATEDB and CREATEROLE and nothing more (no superuser), made
 * here on the PostgreSQL pass's server. Then the bot starts as the role the file made, on the
 * database it made: it migrates it and answers /healthz. Runs once, in the PostgreSQL pass (it
 * makes roles, which belong to the whole server, and its own database).
 */
describe.runIf(onPostgres)("docs/sql/postgresql-setup.sql, run by an admin who is not a superuser", () => {
  const server = process.env.TEST_POSTGRES_URL ?? "";
  const tag = `${process.pid}_${Date.now().toString(36)}`;
  const admin = { name: `ll_admin_${tag}`, password: "admin-Adgangskode-1" };
  const app = { name: `ll_bot_${tag}`, password: "bot-Adgangskode/1:@" }; // characters a URL must percent-encode
  const report = { name: `ll_rapport_${tag}`, password: "rapport-Adgangskode-1" };
  const stranger = { name: `ll_fremmed_${tag}`, password: "fremmed-Adgangskode-1" };
  const database = `laeringsloop_setup_${tag}`;
  const migrations = readdirSync(POSTGRESQL_MIGRATIONS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

  /** TEST_POSTGRES_URL as another role, on another database (the password percent-encoded). */
  const urlAs = (role: { name: string; password: string }, db: string): string => {
    const url = new URL(server);
    url.username = role.name;
    url.password = encodeURIComponent(role.password);
    url.pathname = `/${db}`;
    return url.toString();
  };
  async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  }
  /** The error code PostgreSQL answers with when `statements` run one after the other on one connection (undefined: they all worked). */
  async function refusal(url: string, ...statements: string[]): Promise<string | undefined> {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      for (const sql of statements) await client.query(sql);
      return undefined;
    } catch (err) {
      return (err as { code?: string }).code ?? String(err);
    } finally {
      await client.end();
    }
  }
  /** psql, as the admin, on the maintenance database, with the file and these variables. */
  function runSetup(vars: Record<string, string>): { status: number | null; out: string } {
    const args = [urlAs(admin, "postgres"), "-X", "-f", SETUP_SQL, ...Object.entries(vars).flatMap(([k, v]) => ["-v", `${k}=${v}`])];
    const r = spawnSync("psql", args, { encoding: "utf8", input: "", env: { ...process.env, PGCONNECT_TIMEOUT: "10" } });
    if (r.error) throw new Error(`psql could not be run (${r.error.message}); it comes with PostgreSQL's client (Debian: postgresql-client)`);
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  }
  const setupVars = (appPassword: string, reportPassword: string) => ({
    db_name: database,
    app_role: app.name,
    app_password: appPassword,
    report_role: report.name,
    report_password: reportPassword,
  });

  beforeAll(async () => {
    // As Azure makes its server admin: LOGIN, CREATEDB, CREATEROLE; not a superuser.
    await query(server, `CREATE ROLE "${admin.name}" LOGIN NOSUPERUSER CREATEDB CREATEROLE PASSWORD '${admin.password}'`);
    await query(server, `CREATE ROLE "${stranger.name}" LOGIN PASSWORD '${stranger.password}'`);
  });
  afterAll(async () => {
    await query(server, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    for (const role of [report, app, stranger, admin]) await query(server, `DROP ROLE IF EXISTS "${role.name}"`);
  });

  it("makes the bot's role and its database, and a read-only role, with no other rights than CREATEDB and CREATEROLE", async () => {
    const [adminRole] = await query<{ rolsuper: boolean }>(server, "SELECT rolsuper FROM pg_roles WHERE rolname = $1", [admin.name]);
    expect(adminRole?.rolsuper).toBe(false);

    const run = runSetup(setupVars(app.password, report.password));
    expect(run.out).toContain(`Færdig: databasen ${database} ejes af rollen ${app.name}.`);
    expect(run.status).toBe(0);

    const roles = await query<{ rolname: string; rolsuper: boolean; rolcreatedb: boolean; rolcreaterole: boolean; rolreplication: boolean; rolbypassrls: boolean }>(
      server,
      "SELECT rolname, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = ANY($1) ORDER BY rolname",
      [[app.name, report.name]],
    );
    expect(roles).toEqual(
      [app.name, report.name].sort().map((rolname) => ({ rolname, rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolreplication: false, rolbypassrls: false })),
    );
    const [db] = await query<{ owner: string; encoding: string }>(server, "SELECT pg_get_userbyid(datdba) AS owner, pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = $1", [database]);
    expect(db).toEqual({ owner: app.name, encoding: "UTF8" });
    // Another role on the server may not even connect.
    expect(await refusal(urlAs(stranger, database), "SELECT 1")).toBe("42501");
  });

  it("the bot, started as that role on that database, applies every migration and answers /healthz with ok", async () => {
    const lines: string[] = [];
    const log = pino({ level: "info" }, new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) }));
    const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: urlAs(app, database), SCHEDULER_ENABLED: "false" });
    const bot = await createBot({ config, log, startScheduler: false });
    try {
      await bot.ready();
      const { port } = await bot.listen(0, "127.0.0.1");
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect({ status: res.status, body: await res.json() }).toEqual({ status: 200, body: { status: "ok" } });
    } finally {
      await bot.close();
    }
    const migrated = lines.map((l) => JSON.parse(l) as { msg: string; migrations?: string[] }).find((l) => l.msg === "database migrated");
    expect(migrated?.migrations).toEqual(migrations);
    const applied = await query<{ migration_name: string }>(urlAs(app, database), `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY 1`);
    expect(applied.map((r) => r.migration_name)).toEqual(migrations);
    const [owner] = await query<{ tables: number; others: number }>(
      urlAs(app, database),
      `SELECT count(*)::int AS tables, count(*) FILTER (WHERE tableowner <> current_user)::int AS others FROM pg_tables WHERE schemaname = 'public'`,
    );
    expect(owner?.tables).toBeGreaterThan(20);
    expect(owner?.others).toBe(0);
  }, 120_000);

  it("the read-only role reads what the reports read, also tables made after the file ran, and can change nothing", async () => {
    const { db } = await openClient(urlAs(report, database), { readOnly: true });
    try {
      const r = await outboxReport(db, new Date());
      expect(r.late).toBe(0);
      expect(await db.person.count()).toBeGreaterThan(0); // the example organisation the bot loaded
    } finally {
      await db.$disconnect();
    }
    // Read-only by its own setting, and without the right to write when it turns that off.
    expect(await refusal(urlAs(report, database), `DELETE FROM "JobLease"`)).toBe("25006");
    expect(await refusal(urlAs(report, database), "SET default_transaction_read_only = off", `DELETE FROM "JobLease"`)).toBe("42501");
    expect(await refusal(urlAs(report, database), "SET default_transaction_read_only = off", "CREATE TABLE extra (id int)")).toBe("42501");
  });

  it("run again with new passwords, changes only the passwords (rotation), and keeps the data", async () => {
    const rotated = { ...app, password: "bot-Ny-Adgangskode-2" };
    const run = runSetup(setupVars(rotated.password, "rapport-Ny-Adgangskode-2"));
    expect(run.out).toContain("Færdig:");
    expect(run.status).toBe(0);
    expect(await refusal(urlAs(app, database), "SELECT 1")).toBe("28P01");
    const [rows] = await query<{ n: number }>(urlAs(rotated, database), `SELECT count(*)::int AS n FROM "_prisma_migrations"`);
    expect(rows?.n).toBe(migrations.length);
    app.password = rotated.password;
  });

  it("refuses a bot role with more rights than the bot needs, before it changes anything", async () => {
    const run = runSetup({ db_name: `${database}_x`, app_role: admin.name, app_password: "x" });
    expect(run.status).not.toBe(0);
    expect(run.out).toContain(`Fejl: rollen ${admin.name} findes allerede med flere rettigheder`);
    expect(await query(server, "SELECT 1 FROM pg_database WHERE datname = $1", [`${database}_x`])).toEqual([]);
  });
});
