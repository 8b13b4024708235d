import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

const id = "0f0e0d0c-0b0a-0908-0706-050403020100";
const tenant = "6e1f2a8c-0b3d-4c5e-9f7a-1b2c3d4e5f60";

describe("configuration", () => {
  it("runs with no settings at all: local anonymous mode on loopback, SQLite under data/", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ env: "development", anonymous: true, host: "127.0.0.1", port: 3978, databaseUrl: "file:./data/laeringsloop.db", meetingPackLeadDays: 3, timezone: "Europe/Copenhagen" });
    expect(c.workingHours).toEqual({ start: "08:00", end: "15:30", workdays: [1, 2, 3, 4, 5], closedDays: ["12-24", "12-31"] });
    expect(c.bot).toBeUndefined();
  });

  it("keeps loopback in anonymous mode even when HOST asks for more", () => {
    expect(loadConfig({ HOST: "0.0.0.0" }).host).toBe("127.0.0.1");
    expect(loadConfig({ HOST: "0.0.0.0", BOT_ID: id, BOT_PASSWORD: "s", BOT_TENANT_ID: tenant }).host).toBe("0.0.0.0");
  });

  it("refuses production without bot credentials", () => {
    expect(() => loadConfig({ NODE_ENV: "production", ORG_FILE: "org.yaml" })).toThrow(/BOT_ID: mangler: i production starter botten ikke uden bot-legitimation/);
    expect(() => loadConfig({ NODE_ENV: "production", BOT_ID: id, BOT_PASSWORD: "s", BOT_TENANT_ID: tenant, ORG_FILE: "org.yaml", PUBLIC_URL: "http://bot.kommune.dk" })).toThrow(/PUBLIC_URL: mangler/);
    const prod = loadConfig({ NODE_ENV: "production", BOT_ID: id, BOT_PASSWORD: "s", BOT_TENANT_ID: tenant, ORG_FILE: "org.yaml", PUBLIC_URL: "https://bot.kommune.dk" });
    expect(prod.bot).toEqual({ appId: id, password: "s", type: "SingleTenant", tenantId: tenant });
  });

  it("refuses production without the municipality's organisation file (never the example)", () => {
    expect(() => loadConfig({ NODE_ENV: "production", BOT_ID: id, BOT_PASSWORD: "s", BOT_TENANT_ID: tenant, PUBLIC_URL: "https://bot.kommune.dk" })).toThrow(/ORG_FILE: mangler/);
  });

  it("keeps reflections and minutes 12 months after their loop by default; the time and the job's hour are settings", () => {
    expect(loadConfig({}).retention).toEqual({ monthsAfterLoop: 12, cron: "30 2 * * *" });
    expect(loadConfig({ RETENTION_MONTHS_AFTER_LOOP: "0", RETENTION_CRON: "0 4 * * 6" }).retention).toEqual({ monthsAfterLoop: 0, cron: "0 4 * * 6" });
    expect(() => loadConfig({ RETENTION_MONTHS_AFTER_LOOP: "-1" })).toThrow(/RETENTION_MONTHS_AFTER_LOOP/);
    expect(() => loadConfig({ RETENTION_MONTHS_AFTER_LOOP: "1.5" })).toThrow(/RETENTION_MONTHS_AFTER_LOOP: skal være et helt antal måneder/);
    expect(() => loadConfig({ RETENTION_CRON: "hver nat" })).toThrow(/RETENTION_CRON: skal være et cron-udtryk/);
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
