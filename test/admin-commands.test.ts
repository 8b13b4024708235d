import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, connect, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { TLSSocket } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminQuery } from "../scripts/bench/postgres.js";
import { domainSettings, EXAMPLE_ORG_FILE } from "../src/bot.js";
import { loadConfig } from "../src/config.js";
import { createDomainServices } from "../src/domain/services.js";
import type { Person } from "../src/domain/types.js";
import { strings } from "../src/lib/strings.da.js";
import { ManualClock } from "./helpers/bot-harness.js";
import { testStore } from "./helpers/test-db.js";
import { onPostgres, wholeDatabase } from "./helpers/test-database.js";
import { readOrganisationFile } from "../src/store/organisation-file-loader.js";
import { runScript, type ScriptRun } from "./helpers/run-script.js";

const ROOT = resolve(import.meta.dirname, "..");
const CHANGED_ORG = join(ROOT, "test/fixtures/org/changed.yaml");


/**
 * An admin command as an administrator runs it from their own machine: its own process, in an
 * empty folder (no .env to lean on), with nothing in the environment but PATH and what is given,
 * and NODE_ENV=production (with which the bot itself would refuse to start without credentials).
 */
function run(script: string, args: string[], env: Record<string, string>, cwd: string): Promise<ScriptRun> {
  return runScript(script, args, { NODE_ENV: "production", ...env }, cwd);
}

describe("the administrator's commands, from a machine with only DATABASE_URL", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  let cwd: string;
  let meetingId: string;
  beforeAll(async () => {
    t = await testStore();
    cwd = mkdtempSync(join(tmpdir(), "laeringsloop-admin-"));
    const clock = new ManualClock(new Date("2027-01-11T09:00:00+01:00"));
    const d = createDomainServices(t.store, clock, domainSettings(loadConfig({})));
    const alex = (await t.store.people.byId("alex")) as Person;
    const { meeting } = await d.meetings.schedule(alex, { leaderId: "megan", unitId: "solsikken", date: "2027-01-18", time: "10:00" });
    clock.set("2027-01-18T11:00:00+01:00");
    await d.forms.save(alex, meeting.id, meeting.version, [{ decision: "Sprogindsats", followUpText: "Plan for sprogarbejdet", ownerId: "megan", dueDate: "2027-02-01" }], true);
    meetingId = meeting.id;
  }, 60_000);
  afterAll(async () => {
    await t.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  it("runs each command with the settings it reads and no others", { timeout: 120_000 }, async () => {
    const only = { DATABASE_URL: t.url };
    // Reports first (they read), then the two that write: the import deactivates Jonas, who is then erased.
    const cases: { script: string; args: string[]; env?: Record<string, string>; expect: (r: ScriptRun) => void }[] = [
      { script: "status.ts", args: [], expect: (r) => expect(r.stdout).toContain(strings.status.heading) },
      { script: "audit.ts", args: [meetingId], expect: (r) => expect(r.stdout).toContain("meeting.closed") },
      {
        script: "export.ts",
        args: ["--area", "midt", "--from", "2027-01-01", "--to", "2027-06-30", "--out", "eksport"],
        expect: () => expect(readdirSync(join(cwd, "eksport")).sort()).toEqual(expect.arrayContaining([expect.stringMatching(/\.xlsx$/), expect.stringMatching(/\.csv$/)])),
      },
      {
        script: "referat.ts",
        args: ["--meeting", meetingId, "--out", "referater"],
        expect: (r) => {
          const file = join(cwd, "referater", "2027-01-18 Dagtilbud Solsikken 1-1 ledelsesopfølgning.pdf");
          expect(r.stdout.trim()).toBe(strings.referatPdf.written(file));
          expect(readFileSync(file).subarray(0, 5).toString("latin1")).toBe("%PDF-");
        },
      },
      {
        script: "gdpr.ts",
        args: ["export", "megan", "--out", "megan.json"],
        expect: () => expect(JSON.parse(readFileSync(join(cwd, "megan.json"), "utf8"))).toMatchObject({ person: { id: "megan" } }),
      },
      {
        script: "org-import.ts",
        args: [],
        env: { ORG_FILE: CHANGED_ORG },
        expect: (r) => {
          expect(r.stdout).toContain(`Organisationen er indlæst fra ${CHANGED_ORG}`);
          // The changed file has no loops; the 1:1 points to none of the example's (decision 0021).
          expect(r.stdout).toContain(strings.loopsGone.removed("2 læringsloops"));
        },
      },
      { script: "gdpr.ts", args: ["erase", "jonas"], expect: (r) => expect(r.stdout).toMatch(/anonym-[0-9a-f]{12}/) },
    ];
    for (const c of cases) {
      const r = await run(c.script, c.args, { ...only, ...c.env }, cwd);
      expect(r.status, `${c.script} ${c.args.join(" ")}: ${r.stderr}`).toBe(0);
      c.expect(r);
    }
    expect(await t.store.people.byId("jonas")).toBeUndefined();
    expect((await t.store.people.byId("megan"))?.name).toBe("Megan Bowen-Holm");
  });

  it("names a bad setting it reads, and refuses without a file to import", async () => {
    const bad = await run("status.ts", [], { DATABASE_URL: "mysql://db/x" }, cwd);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("DATABASE_URL: skal begynde med file:");
    const noFile = await run("org-import.ts", [], { DATABASE_URL: t.url }, cwd);
    expect(noFile.status).toBe(2);
    expect(noFile.stderr).toContain(strings.orgImport.usage);
  });

  it("refuses a copy whose migrations are not the database's, before it reads or writes anything", async () => {
    const table = `"_prisma_migrations"`;
    const [last] = await t.store.db.$queryRawUnsafe<{ name: string }[]>(`SELECT migration_name AS name FROM ${table} ORDER BY migration_name DESC LIMIT 1`);
    // A migration this copy does not know: the bot was upgraded, the administrator's copy was not.
    await t.store.db.$executeRawUnsafe(`INSERT INTO ${table} (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ('x', 'x', CURRENT_TIMESTAMP, '29990101000000_from_the_future', CURRENT_TIMESTAMP, 1)`);
    const newer = await run("status.ts", [], { DATABASE_URL: t.url }, cwd);
    expect(newer.status).toBe(1);
    expect(newer.stderr).toContain("er migreret af en nyere udgave af Læringsloop end denne kopi (29990101000000_from_the_future)");
    await t.store.db.$executeRawUnsafe(`DELETE FROM ${table} WHERE migration_name = '29990101000000_from_the_future'`);
    // One this copy has that the database lacks: the copy is newer than the bot.
    await t.store.db.$executeRawUnsafe(`UPDATE ${table} SET rolled_back_at = CURRENT_TIMESTAMP WHERE migration_name = '${last!.name}'`);
    const older = await run("org-import.ts", [CHANGED_ORG], { DATABASE_URL: t.url }, cwd);
    expect(older.status).toBe(1);
    expect(older.stderr).toContain(`Denne kopi af Læringsloop er nyere end databasen`);
    expect(older.stderr).toContain(`${last!.name} mangler i databasen`);
    await t.store.db.$executeRawUnsafe(`UPDATE ${table} SET rolled_back_at = NULL WHERE migration_name = '${last!.name}'`);
  });
});

/** The SQL of step 3 in docs/admin-from-your-machine.md, as it stands there. */
function readOnlyRoleSql(): string {
  const doc = readFileSync(join(ROOT, "docs/admin-from-your-machine.md"), "utf8");
  const block = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!).find((sql) => sql.includes("CREATE ROLE laeringsloop_laeser"));
  if (!block) throw new Error("docs/admin-from-your-machine.md has no SQL block creating laeringsloop_laeser");
  return block;
}

describe.runIf(onPostgres)("on PostgreSQL, as from outside Azure", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  let cwd: string;
  const reader = `laeringsloop_laeser_${process.pid}`;
  const password = "laeser-adgangskode";
  beforeAll(async () => {
    t = await testStore();
    cwd = mkdtempSync(join(tmpdir(), "laeringsloop-admin-pg-"));
  }, 60_000);
  afterAll(async () => {
    const server = process.env.TEST_POSTGRES_URL ?? "";
    await t.close();
    await adminQuery(server, `DROP ROLE IF EXISTS ${reader}`);
    rmSync(cwd, { recursive: true, force: true });
  });

  it("runs the reports with the read-only role the guide creates; the writing commands are refused and change nothing", { timeout: 120_000 }, async () => {
    const url = new URL(t.url);
    const database = url.pathname.slice(1);
    // The guide's names, for this test's database, role and owner (the tables belong to the test's own user).
    const sql = readOnlyRoleSql()
      .replaceAll("laeringsloop_laeser", reader)
      .replace("'a-long-random-password'", `'${password}'`)
      .replace("ON DATABASE laeringsloop ", `ON DATABASE "${database}" `)
      .replace("FOR ROLE laeringsloop ", `FOR ROLE ${url.username} `);
    await adminQuery(t.url, sql);
    const asReader = new URL(t.url);
    asReader.username = reader;
    asReader.password = password;
    const env = { DATABASE_URL: asReader.toString() };

    const reports = await Promise.all([run("status.ts", [], env, cwd), run("gdpr.ts", ["export", "megan", "--out", "-"], env, cwd), run("audit.ts", ["megan"], env, cwd)]);
    for (const r of reports) expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(reports[1]!.stdout)).toMatchObject({ person: { id: "megan" } });

    // Jonas leaves (so he may be erased); importing the example file again would bring him back.
    await t.store.people.applyOrganisation(readOrganisationFile(CHANGED_ORG));
    const before = await wholeDatabase(t.store.db);
    const refused = await Promise.all([run("org-import.ts", [EXAMPLE_ORG_FILE], env, cwd), run("gdpr.ts", ["erase", "jonas"], env, cwd)]);
    for (const r of refused) {
      expect(r.status).toBe(1);
      expect(r.stderr).toContain("må ikke skrive i databasen");
    }
    expect(await wholeDatabase(t.store.db)).toBe(before);
  });

  it("connects over TLS with sslmode=verify-full and sslrootcert, and refuses a server whose certificate it does not trust", { timeout: 60_000 }, async () => {
    const tls = await tlsEndpoint(new URL(process.env.TEST_POSTGRES_URL ?? ""));
    try {
      const url = new URL(t.url);
      url.host = `localhost:${tls.port}`;
      url.search = `?sslmode=verify-full&sslrootcert=${encodeURIComponent(tls.certFile)}`;
      const ok = await run("status.ts", [], { DATABASE_URL: url.toString() }, cwd);
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stdout).toContain(strings.status.heading);
      expect(tls.handshakes()).toBeGreaterThan(0);
      expect(tls.plainAttempts()).toBe(0);

      // The same server with the root certificates Node trusts by itself: this one is not among them.
      url.search = "?sslmode=verify-full";
      const refused = await run("status.ts", [], { DATABASE_URL: url.toString() }, cwd);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/kan ikke nås \(.*certificate/i);
      expect(refused.stderr).not.toContain("postgres:postgres"); // the URL is shown without its password
    } finally {
      await tls.close();
    }
  });
});

/**
 * A PostgreSQL server that speaks TLS, as Azure's does: answers the client's SSLRequest with «S»,
 * completes the TLS handshake with a certificate made here for «localhost», and passes the
 * decrypted protocol on to the test server (which itself has TLS off). A client that does not
 * ask for TLS is cut off.
 */
async function tlsEndpoint(upstream: URL): Promise<{ port: number; certFile: string; handshakes(): number; plainAttempts(): number; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "laeringsloop-tls-"));
  const keyFile = join(dir, "key.pem");
  const certFile = join(dir, "cert.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyFile, "-out", certFile, "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"], { stdio: "ignore" });
  if (!existsSync(certFile)) throw new Error("openssl made no certificate");
  const key = readFileSync(keyFile);
  const cert = readFileSync(certFile);
  let handshakes = 0;
  let plain = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    socket.once("data", (first: Buffer) => {
      // SSLRequest: length 8, code 80877103.
      if (first.length !== 8 || first.readInt32BE(4) !== 80877103) {
        plain++;
        socket.destroy();
        return;
      }
      socket.write("S");
      const secure = new TLSSocket(socket, { isServer: true, key, cert });
      secure.on("secure", () => handshakes++);
      secure.on("error", () => socket.destroy());
      const up = connect(Number(upstream.port || 5432), upstream.hostname);
      up.on("error", () => secure.destroy());
      secure.pipe(up).pipe(secure);
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    certFile,
    handshakes: () => handshakes,
    plainAttempts: () => plain,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((ok) => server.close(() => ok()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
