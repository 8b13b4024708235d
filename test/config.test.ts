import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig, loadConfigOf } from "../src/config.js";

const id = "0f0e0d0c-0b0a-0908-0706-050403020100";
const tenant = "6e1f2a8c-0b3d-4c5e-9f7a-1b2c3d4e5f60";

/** The Danish problems a bad environment is refused with (none when it loads). */
const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    return (err as ConfigError).problems;
  }
};

describe("configuration", () => {
  it("runs with no settings at all: local anonymous mode on loopback, SQLite under data/", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ env: "development", anonymous: true, host: "127.0.0.1", port: 3978, databaseUrl: "file:./data/laeringsloop.db", meetingPackLeadDays: 3, timezone: "Europe/Copenhagen" });
    expect(c.workingHours).toEqual({ start: "08:00", end: "15:30", workdays: [1, 2, 3, 4, 5], closedDays: ["12-24", "12-31"], closedPeriods: ["W28..W31", "12-24..01-01", "W7"] });
    expect(c.meetingBufferMinutes).toBe(15);
    expect(c.bot).toBeUndefined();
  });

  it("keeps loopback in anonymous mode even when HOST asks for more", () => {
    expect(loadConfig({ HOST: "0.0.0.0" }).host).toBe("127.0.0.1");
    expect(loadConfig({ HOST: "0.0.0.0", BOT_ID: id, BOT_PASSWORD: "s", BOT_TENANT_ID: tenant }).host).toBe("0.0.0.0");
  });

  /** Everything production requires, on PostgreSQL. */
  const production = { NODE_ENV: "production", GUEST_LINK_SECRET: "x".repeat(40), BOT_ID: id, BOT_PASSWORD: "s", BOT_TENANT_ID: tenant, ORG_FILE: "org.yaml", PUBLIC_URL: "https://bot.kommune.dk", DATABASE_URL: "postgresql://bot@db.kommune.dk:5432/laeringsloop" };
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
    } catch (e) {
      if (e instanceof ConfigError) return e.problems;
      throw e;
    }
    return [];
  };

  it("refuses production without bot credentials", () => {
    expect(() => loadConfig({ ...production, BOT_ID: "", BOT_PASSWORD: "", BOT_TENANT_ID: "" })).toThrow(/BOT_ID: mangler: i production starter botten ikke uden bot-legitimation/);
    expect(() => loadConfig({ ...production, PUBLIC_URL: "http://bot.kommune.dk" })).toThrow(/PUBLIC_URL: mangler/);
    const prod = loadConfig(production);
    expect(prod.bot).toEqual({ appId: id, password: "s", type: "SingleTenant", tenantId: tenant, loginUrl: "https://login.microsoftonline.com" });
  });

  it("refuses production without the municipality's organisation file (never the example)", () => {
    expect(() => loadConfig({ ...production, ORG_FILE: "" })).toThrow(/ORG_FILE: mangler/);
  });

  it("refuses production without DATABASE_URL: the default SQLite file would live, and be lost, inside the container", () => {
    for (const unset of [{ DATABASE_URL: "" }, { DATABASE_URL: undefined }]) {
      expect(problemsOf({ ...production, ...unset } as Record<string, string>)).toEqual([
        "DATABASE_URL: mangler: i production skal databasen angives (postgresql://…, eller file:… på et vedvarende drev med DATABASE_FILE_IS_PERSISTENT=true); ellers ligger data i containeren og forsvinder ved genstart",
      ]);
    }
    // Listed with every other missing key, as the other refusals are.
    expect(problemsOf({ NODE_ENV: "production" }).map((p) => p.split(":")[0])).toEqual(expect.arrayContaining(["DATABASE_URL", "BOT_ID", "ORG_FILE", "PUBLIC_URL"]));
    expect(loadConfig(production).databaseUrl).toBe(production.DATABASE_URL);
    // Outside production nothing changes: no settings at all still means the SQLite file under data/.
    expect(loadConfig({ NODE_ENV: "test" }).databaseUrl).toBe("file:./data/laeringsloop.db");
  });

  it("accepts a SQLite file in production only when the operator says it lies on a persistent volume", () => {
    const sqlite = { ...production, DATABASE_URL: "file:/mnt/laeringsloop/laeringsloop.db" };
    expect(problemsOf(sqlite)).toEqual([
      "DATABASE_FILE_IS_PERSISTENT: mangler: en SQLite-fil (DATABASE_URL=file:…) bruges kun i production, når den ligger på et vedvarende drev; sæt DATABASE_FILE_IS_PERSISTENT=true, når det er sådan, eller brug PostgreSQL",
    ]);
    expect(problemsOf({ ...sqlite, DATABASE_FILE_IS_PERSISTENT: "false" })).toHaveLength(1);
    expect(problemsOf({ ...sqlite, DATABASE_FILE_IS_PERSISTENT: "måske" })).toEqual([expect.stringMatching(/^DATABASE_FILE_IS_PERSISTENT: /)]);
    expect(loadConfig({ ...sqlite, DATABASE_FILE_IS_PERSISTENT: "true" }).databaseUrl).toBe("file:/mnt/laeringsloop/laeringsloop.db");
    // PostgreSQL needs no such word; outside production a file needs none either.
    expect(problemsOf({ ...production, DATABASE_FILE_IS_PERSISTENT: "false" })).toEqual([]);
    expect(loadConfig({ DATABASE_URL: "file:./x.db" }).databaseUrl).toBe("file:./x.db");
  });

  it("stops the production container without DATABASE_URL with the key named, before it touches any file", () => {
    const dir = mkdtempSync(join(tmpdir(), "laeringsloop-prod-"));
    try {
      const ROOT = resolve(import.meta.dirname, "..");
      const { DATABASE_URL: _unset, ...env } = production;
      const run = spawnSync(process.execPath, ["--import", join(ROOT, "node_modules/tsx/dist/loader.mjs"), join(ROOT, "src/index.ts")], { cwd: dir, env: { PATH: process.env.PATH, ...env }, encoding: "utf8", timeout: 30_000 });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain("DATABASE_URL: mangler: i production skal databasen angives");
      expect(readdirSync(dir)).toEqual([]); // no data/ folder, no database file
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("knows when the client secret expires, and where the credential check asks for a token", () => {
    const c = loadConfig({ ...production, BOT_SECRET_EXPIRES: "2027-06-30" });
    expect(c.bot).toMatchObject({ secretExpires: "2027-06-30", loginUrl: "https://login.microsoftonline.com" });
    expect(problemsOf({ ...production, BOT_SECRET_EXPIRES: "30.06.2027" })).toEqual(["BOT_SECRET_EXPIRES: skal være en dato som 2027-06-30 (klienthemmelighedens udløbsdato i Entra)"]);
    expect(problemsOf({ ...production, BOT_SECRET_EXPIRES: "2027-02-30" })).toHaveLength(1);
    expect(problemsOf({ BOT_SECRET_EXPIRES: "2027-06-30" })).toEqual(["BOT_SECRET_EXPIRES: gælder klienthemmeligheden (BOT_PASSWORD), som ikke er sat"]);
    expect(problemsOf({ ...production, BOT_LOGIN_URL: "http://127.0.0.1:1234" })).toEqual(["BOT_LOGIN_URL: skal være en https-adresse i production"]);
    expect(problemsOf({ ...production, GRAPH_BASE_URL: "http://graph.example/v1.0" })).toEqual(["GRAPH_BASE_URL: skal være en https-adresse i production"]);
    expect(problemsOf({ ...production, GRAPH_AUTHORITY_HOST: "http://login.example" })).toEqual(["GRAPH_AUTHORITY_HOST: skal være en https-adresse i production"]);
    expect(loadConfig({ BOT_ID: id, BOT_PASSWORD: "s", BOT_TENANT_ID: tenant, BOT_LOGIN_URL: "http://127.0.0.1:1234/" }).bot?.loginUrl).toBe("http://127.0.0.1:1234");
  });

  it("gives an administrator's command only the keys it reads: others may be missing, bad, or production's", () => {
    const env = { NODE_ENV: "production", BOT_ID: "ikke-en-guid", PORT: "abc", DATABASE_URL: "postgresql://laeser@db.kommune.dk/laeringsloop?sslmode=verify-full", TIMEZONE: "Europe/Copenhagen" };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    const c = loadConfigOf(["DATABASE_URL", "TIMEZONE"], env);
    expect([c.databaseUrl, c.timezone]).toEqual([env.DATABASE_URL, "Europe/Copenhagen"]);
    // What it does read is checked as strictly as the bot checks it, and named the same way.
    expect(() => loadConfigOf(["DATABASE_URL"], { DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: skal begynde med file:/);
    expect(() => loadConfigOf(["WORKDAY_START", "WORKDAY_END"], { WORKDAY_START: "16:00" })).toThrow(/WORKDAY_END: skal ligge efter WORKDAY_START/);
    // Without DATABASE_URL: the local SQLite file, also when NODE_ENV says production (the command then finds no database there).
    expect(loadConfigOf(["DATABASE_URL"], { NODE_ENV: "production" }).databaseUrl).toBe("file:./data/laeringsloop.db");
  });

  it("keeps reflections and minutes 12 months after their loop by default; the time and the job's hour are settings", () => {
    expect(loadConfig({}).retention).toEqual({ monthsAfterLoop: 12, cron: "30 2 * * *" });
    expect(loadConfig({ RETENTION_MONTHS_AFTER_LOOP: "0", RETENTION_CRON: "0 4 * * 6" }).retention).toEqual({ monthsAfterLoop: 0, cron: "0 4 * * 6" });
    expect(() => loadConfig({ RETENTION_MONTHS_AFTER_LOOP: "-1" })).toThrow(/RETENTION_MONTHS_AFTER_LOOP/);
    expect(() => loadConfig({ RETENTION_MONTHS_AFTER_LOOP: "1.5" })).toThrow(/RETENTION_MONTHS_AFTER_LOOP: skal være et helt antal måneder/);
    expect(() => loadConfig({ RETENTION_CRON: "hver nat" })).toThrow(/RETENTION_CRON: skal være et cron-udtryk/);
  });

  it("reads closed periods as ISO weeks, yearly ranges (also over New Year) and one-off ranges, and the buffer between meetings; bad ones are named in Danish", () => {
    const c = loadConfig({ CLOSED_PERIODS: "W28..W31, 12-22..01-02,2027-10-11..2027-10-15,w42", MEETING_BUFFER_MINUTES: "30" });
    expect(c.workingHours.closedPeriods).toEqual(["W28..W31", "12-22..01-02", "2027-10-11..2027-10-15", "w42"]);
    expect(c.meetingBufferMinutes).toBe(30);
    expect(loadConfig({ CLOSED_PERIODS: "" }).workingHours.closedPeriods).toEqual(["W28..W31", "12-24..01-01", "W7"]);
    expect(loadConfig({ CLOSED_PERIODS: "ingen" }).workingHours.closedPeriods).toEqual([]);
    expect(problems({ CLOSED_PERIODS: "uge 28,W30..W28,W54,07-06..2027-08-02,02-30..03-01,2027-08-02..2027-07-06", MEETING_BUFFER_MINUTES: "-5" })).toEqual([
      "CLOSED_PERIODS: «uge 28» skal være et interval som W28..W31, 07-06..08-02 eller 2027-07-05..2027-07-30",
      "CLOSED_PERIODS: «W30..W28»: den første uge skal komme før den sidste",
      "CLOSED_PERIODS: «W54»: en uge er 1 til 53",
      "CLOSED_PERIODS: «07-06..2027-08-02» skal være et interval som W28..W31, 07-06..08-02 eller 2027-07-05..2027-07-30",
      "CLOSED_PERIODS: «02-30..03-01» er ikke en gyldig dato (MM-DD)",
      "CLOSED_PERIODS: «2027-08-02..2027-07-06»: startdatoen skal komme før slutdatoen",
      "MEETING_BUFFER_MINUTES: skal være 0 eller flere minutter",
    ]);
  });

  it("puts meetings into calendars with «Føj til kalender» unless CALENDAR_SYNC says otherwise", () => {
    expect(loadConfig({}).calendarSync).toBe("link");
    expect(loadConfig({ CALENDAR_SYNC: "off" }).calendarSync).toBe("off");
    expect(loadConfig({ CALENDAR_SYNC: "graph", GRAPH_TENANT_ID: "6e1f2a8c-0b3d-4c5e-9f7a-1b2c3d4e5f60", GRAPH_CLIENT_ID: "3f2b8c1e-7a4d-4e5f-9b6a-1c2d3e4f5a6b", GRAPH_CLIENT_SECRET: "s" }).calendarSync).toBe("graph");
    // The bot keeps the chair's calendar with Graph's credentials (its own, or GRAPH_*).
    expect(() => loadConfig({ CALENDAR_SYNC: "graph" })).toThrow(/GRAPH_CLIENT_SECRET: mangler, når CALENDAR_SYNC=graph/);
    expect(() => loadConfig({ CALENDAR_SYNC: "outlook" })).toThrow(/CALENDAR_SYNC: skal være link, graph eller off/);
  });

  it("e-mails guest links only when asked (GUEST_LINK_MAIL=graph), and only with the chairs' calendars through Graph", () => {
    const graph = { CALENDAR_SYNC: "graph", GRAPH_TENANT_ID: "6e1f2a8c-0b3d-4c5e-9f7a-1b2c3d4e5f60", GRAPH_CLIENT_ID: "3f2b8c1e-7a4d-4e5f-9b6a-1c2d3e4f5a6b", GRAPH_CLIENT_SECRET: "s" };
    expect(loadConfig({}).guestLinkMail).toBe("off");
    expect(loadConfig(graph).guestLinkMail).toBe("off");
    expect(loadConfig({ ...graph, GUEST_LINK_MAIL: "graph" }).guestLinkMail).toBe("graph");
    expect(() => loadConfig({ GUEST_LINK_MAIL: "graph" })).toThrow(/GUEST_LINK_MAIL: kan kun være graph, når CALENDAR_SYNC=graph/);
    expect(() => loadConfig({ ...graph, GUEST_LINK_MAIL: "smtp" })).toThrow(/GUEST_LINK_MAIL: skal være off eller graph/);
  });

  it("says zod's own checks in Danish, and names a bad working-day time once", () => {
    expect(problems({ PORT: "abc", OUTBOUND_TIMEOUT_SECONDS: "0", DATABASE_POOL_SIZE: "3.5", LOG_LEVEL: "højt", BOT_OPENID_METADATA_URL: "ikke en adresse" })).toEqual([
      "PORT: skal være et tal",
      "LOG_LEVEL: skal være en af: fatal, error, warn, info, debug, trace, silent",
      "DATABASE_POOL_SIZE: skal være et helt tal",
      "BOT_OPENID_METADATA_URL: skal være en adresse som https://…",
      "OUTBOUND_TIMEOUT_SECONDS: skal være mindst 1",
    ]);
    expect(problems({ WORKDAY_START: "8" })).toEqual(["WORKDAY_START: skal være et klokkeslæt som 08:00"]);
  });

  it("names every bad key in one error", () => {
    try {
      loadConfig({ PORT: "abc", WORKDAY_START: "8", WORKDAYS: "1,9", MEETING_PACK_LEAD_DAYS: "-1", BOT_ID: "not-a-guid", LOG_LEVEL: "loud", DATABASE_URL: "mysql://x" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const keys = (e as ConfigError).problems.map((p) => p.split(":")[0]);
      expect(keys).toEqual(expect.arrayContaining(["PORT", "WORKDAY_START", "WORKDAYS", "MEETING_PACK_LEAD_DAYS", "BOT_ID", "LOG_LEVEL", "DATABASE_URL"]));
    }
  });

  it("requires the password and tenant that go with an app id, and treats empty values as unset", () => {
    expect(() => loadConfig({ BOT_ID: id })).toThrow(/BOT_PASSWORD: mangler, når BOT_ID er sat[\s\S]*BOT_TENANT_ID/);
    expect(loadConfig({ BOT_ID: "", BOT_PASSWORD: "" }).anonymous).toBe(true);
  });

  it("installs the app through Microsoft Graph only when switched on, with the bot's own registration and the app's catalogue id", () => {
    const bot = { BOT_ID: id, BOT_PASSWORD: "s", BOT_TENANT_ID: tenant };
    const catalogId = "b1c5353a-7aca-41b3-830f-27d5218fe0e5";
    // Off unless switched on; Graph's credentials default to the bot's own.
    const off = loadConfig(bot);
    expect(off.proactiveInstall).toBeUndefined();
    expect(off.graph).toEqual({ tenantId: tenant, clientId: id, clientSecret: "s", baseUrl: "https://graph.microsoft.com/v1.0", authorityHost: "https://login.microsoftonline.com" });
    expect(loadConfig({}).graph).toBeUndefined();
    const on = loadConfig({ ...bot, PROACTIVE_INSTALL: "on", TEAMS_CATALOG_APP_ID: catalogId.toUpperCase() });
    expect(on.proactiveInstall).toEqual({ catalogAppId: catalogId, serviceUrl: "https://smba.trafficmanager.net/teams/" });
    // What it needs is named: the catalogue id, credentials, the bot's own app id, a Bot Connector address.
    expect(() => loadConfig({ ...bot, PROACTIVE_INSTALL: "on" })).toThrow(/TEAMS_CATALOG_APP_ID: mangler, når PROACTIVE_INSTALL=on/);
    expect(() => loadConfig({ PROACTIVE_INSTALL: "on", TEAMS_CATALOG_APP_ID: catalogId })).toThrow(/GRAPH_TENANT_ID: mangler[\s\S]*GRAPH_CLIENT_ID: mangler[\s\S]*GRAPH_CLIENT_SECRET: mangler/);
    expect(() => loadConfig({ ...bot, PROACTIVE_INSTALL: "on", TEAMS_CATALOG_APP_ID: catalogId, GRAPH_CLIENT_ID: tenant })).toThrow(/GRAPH_CLIENT_ID: skal være bottens app-id/);
    expect(() => loadConfig({ ...bot, PROACTIVE_INSTALL: "on", TEAMS_CATALOG_APP_ID: catalogId, PROACTIVE_SERVICE_URL: "https://evil.example/" })).toThrow(/PROACTIVE_SERVICE_URL: skal være en https-adresse på en af SERVICE_URL_HOSTS/);
    expect(() => loadConfig({ PROACTIVE_INSTALL: "ja" })).toThrow(/PROACTIVE_INSTALL: skal være on eller off/);
    // A managed identity has no secret to reach Graph with.
    expect(() => loadConfig({ ...bot, BOT_TYPE: "UserAssignedMSI", GRAPH_CLIENT_SECRET: "s", PROACTIVE_INSTALL: "on", TEAMS_CATALOG_APP_ID: catalogId })).toThrow(/PROACTIVE_INSTALL: kan ikke bruges med BOT_TYPE=UserAssignedMSI/);
  });
});

describe("the .env file", () => {
  const ROOT = resolve(import.meta.dirname, "..");
  const TSX = join(ROOT, "node_modules/tsx/dist/loader.mjs");
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "laeringsloop-env-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const envFile = (text: string) => {
    writeFileSync(join(dir, ".env"), text);
    return join(dir, ".env");
  };

  it("is read under the environment: a key set in the environment wins, an empty one does not", () => {
    const file = envFile("# Læringsloop\nPORT=4000\nexport WORKDAY_START=07:30\nLOG_LEVEL=warn\nCLOSED_DAYS=\"12-24,12-31,07-15\"\nBOT_ID=\n\n");
    const c = loadConfig({ LOG_LEVEL: "error", PORT: "" }, { envFile: file });
    expect(c.port).toBe(4000);
    expect(c.workingHours.start).toBe("07:30");
    expect(c.workingHours.closedDays).toEqual(["12-24", "12-31", "07-15"]);
    expect(c.logLevel).toBe("error"); // the environment wins
    expect(c.anonymous).toBe(true); // BOT_ID= means not set
  });

  it("is not needed: without one the defaults apply", () => {
    expect(loadConfig({}, { envFile: join(dir, ".env") }).port).toBe(3978);
  });

  it("reports an invalid value in the file like one in the environment, saying where it came from", () => {
    const file = envFile("CLOSED_DAYS=24. december\nWORKDAYS=1,9\n");
    expect(() => loadConfig({ WORKDAYS: "1,2,3" }, { envFile: file })).toThrow(ConfigError);
    try {
      loadConfig({ WORKDAYS: "1,2,3", MEETING_PACK_LEAD_DAYS: "-1" }, { envFile: file });
      expect.unreachable();
    } catch (e) {
      expect((e as ConfigError).problems).toEqual([
        `CLOSED_DAYS (fra ${file}): skal være datoer som 12-24 eller 2027-05-07, adskilt af komma`,
        expect.stringMatching(/^MEETING_PACK_LEAD_DAYS: /), // from the environment: as before
      ]);
    }
  });

  it("refuses a malformed file with its line numbers, never printing a line (it may hold a password)", () => {
    const file = envFile('PORT=4000\nBOT_PASSWORD hemmelig123\nDATABASE_URL="file:./x.db\n');
    try {
      loadConfig({}, { envFile: file });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems).toEqual([`${file}, linje 2: ikke på formen NØGLE=værdi`, `${file}, linje 3: værdien mangler sit afsluttende "`]);
      expect((e as ConfigError).message).not.toContain("hemmelig123");
    }
  });

  it("accepts a quoted value over several lines, comments and a byte-order mark", () => {
    const file = envFile('\uFEFF# comment\nPUBLIC_URL="https://laeringsloop.kommune.dk"\nORG_FILE="./org\nfil.yaml"\n  # indented comment\nTIMEZONE=Europe/Copenhagen\n');
    const c = loadConfig({}, { envFile: file });
    expect(c.publicUrl).toBe("https://laeringsloop.kommune.dk");
    expect(c.orgFile).toBe("./org\nfil.yaml");
  });

  it("is read by npm start from its working directory, and a bad value stops it with the key named", () => {
    envFile(`PORT=3978\nWORKDAY_END=07:00\nDATABASE_URL=file:${join(dir, "bot.db")}\n`);
    const run = spawnSync(process.execPath, ["--import", TSX, join(ROOT, "src/index.ts")], { cwd: dir, env: { PATH: process.env.PATH }, encoding: "utf8", timeout: 30_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Ugyldig konfiguration:");
    expect(run.stderr).toContain("WORKDAY_END (fra .env): skal ligge efter WORKDAY_START");
  });
});
