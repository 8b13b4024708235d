import { Writable } from "node:stream";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { strings } from "../../src/lib/strings.da.js";
import { formatDateShort } from "../../src/lib/format-da.js";
import { addDays, localDateOf } from "../../src/lib/zoned-time.js";
import { BotHarness } from "../helpers/bot-harness.js";
import { runScript, type ScriptRun } from "../helpers/run-script.js";

const BOT_ID = "0f0e0d0c-0b0a-0908-0706-050403020100";
const TENANT = "6e1f2a8c-0b3d-4c5e-9f7a-1b2c3d4e5f60";
const SECRET = "hemmelig-klienthemmelighed";
const NOW = "2027-01-11T09:00:00+01:00";

/** What Entra ID answers a token request with an expired client secret (AADSTS7000222). */
const EXPIRED = { status: 401, body: { error: "invalid_client", error_description: "AADSTS7000222: The provided client secret keys for app '…' are expired.", error_codes: [7000222] } };

/** Log lines at warn or above, as JSON, kept in memory. */
function captureLog() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: "info" }, stream), lines, raw: () => JSON.stringify(lines) };
}

function statusCommand(databaseUrl: string, args: string[] = []): Promise<ScriptRun> {
  return runScript("status.ts", args, { DATABASE_URL: databaseUrl });
}

/**
 * An expired client secret: the bot answers, its database is there, and every send fails. The
 * credential is checked with a token request (to a local stand-in for Entra ID) at start and
 * hourly; /healthz says degraded with a reason code, the log warns, npm run status says so.
 */
describe("the bot's credential in /healthz", () => {
  const this_: { h?: BotHarness } = {};
  afterEach(async () => {
    await this_.h?.stop();
    this_.h = undefined;
  });
  const start = async (env: Record<string, string> = {}, log = captureLog()) => {
    const h = (this_.h = await BotHarness.start({ now: NOW, env: { BOT_ID, BOT_PASSWORD: SECRET, BOT_TENANT_ID: TENANT, ...env }, log: log.log }));
    await h.bot.settled(); // the check at start
    return { h, log };
  };
  const healthz = async (bot: BotHarness) => {
    const res = await fetch(bot.url.replace("/api/messages", "/healthz"));
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it("checks the credential at start with the client-credentials request every send makes, and reports ok", async () => {
    const { h, log } = await start();
    expect(h.connector.tokenRequests).toHaveLength(1);
    const [asked] = h.connector.tokenRequests;
    expect(asked).toMatchObject({ tenant: TENANT, clientId: BOT_ID, grantType: "client_credentials", scope: "https://api.botframework.com/.default" });
    expect(asked!.secretMatches(SECRET)).toBe(true);
    const { status, body } = await healthz(h);
    expect(status).toBe(200);
    expect(body).toEqual({ status: "ok", credential: { state: "ok", checkedAt: new Date(NOW).toISOString() } });
    expect(log.lines.filter((l) => (l.level as number) >= 40)).toEqual([]);
    expect(log.raw()).not.toContain(SECRET);
    expect(log.raw()).not.toContain("lokalt-token");
  });

  it("says degraded with a reason code when Entra ID refuses an expired secret: 200 (a restart cannot help), a warning in the log, nothing secret anywhere", async () => {
    const { h, log } = await start();
    h.connector.tokenAnswer = EXPIRED;
    h.clock.set("2027-01-11T10:11:00+01:00");
    expect(await h.runJob("check-credential")).toEqual({ status: "degraded", state: "rejected", reason: "secret-expired" });
    const { status, body } = await healthz(h);
    expect(status).toBe(200);
    expect(body).toEqual({ status: "degraded", reasons: ["bot-credential-rejected"], credential: { state: "rejected", reason: "secret-expired", checkedAt: "2027-01-11T09:11:00.000Z" } });
    const warned = log.lines.filter((l) => l.level === 40);
    expect(warned).toEqual([expect.objectContaining({ appId: BOT_ID, state: "rejected", reason: "secret-expired", msg: expect.stringMatching(/rejected by Entra ID/) })]);
    for (const text of [JSON.stringify(body), log.raw()]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain("AADSTS7000222: The provided"); // Entra's own text stays out, only the code
    }
    // A new secret that works: the next hourly check clears it.
    h.connector.tokenAnswer = { status: 200, body: { access_token: "nyt-token", token_type: "Bearer", expires_in: 3599 } };
    await h.runJob("check-credential");
    expect((await healthz(h)).body).toMatchObject({ status: "ok", credential: { state: "ok" } });
  });

  it("names each way Entra ID refuses or fails, as a code", async () => {
    const { h } = await start({ OUTBOUND_TIMEOUT_SECONDS: "1" });
    const cases: [typeof h.connector.tokenAnswer, Record<string, unknown>][] = [
      [{ status: 401, body: { error: "invalid_client", error_codes: [7000215] } }, { state: "rejected", reason: "secret-invalid" }],
      [{ status: 400, body: { error: "unauthorized_client", error_codes: [700016] } }, { state: "rejected", reason: "app-not-found" }],
      [{ status: 400, body: { error: "invalid_request", error_codes: [90002] } }, { state: "rejected", reason: "tenant-not-found" }],
      [{ status: 400, body: { error: "invalid_client", error_codes: [1234567] } }, { state: "rejected", reason: "aadsts-1234567" }],
      [{ status: 503, body: { error: "temporarily_unavailable" } }, { state: "unreachable", reason: "http-503" }],
      [{ status: 200, body: "<html>captive portal</html>" }, { state: "unreachable", reason: "http-200" }],
      ["hang", { state: "unreachable", reason: "timeout" }],
    ];
    for (const [answer, expected] of cases) {
      h.connector.tokenAnswer = answer;
      await h.runJob("check-credential");
      const { status, body } = await healthz(h);
      expect(status).toBe(200);
      expect(body.credential, JSON.stringify(answer)).toMatchObject(expected);
      expect(body).toMatchObject({ status: "degraded", reasons: [expected.state === "rejected" ? "bot-credential-rejected" : "bot-credential-unchecked"] });
    }
  });

  it("shows what another instance found: the hourly check runs on one instance, every /healthz reads it", async () => {
    const { h } = await start();
    // The instance that held the job's lease stored this (the same table, the same row).
    await h.bot.store.credentialChecks.save({ appId: BOT_ID, checkedAt: new Date("2027-01-11T08:11:00Z"), state: "rejected", reason: "secret-expired" });
    expect((await healthz(h)).body).toMatchObject({ status: "degraded", credential: { state: "rejected", reason: "secret-expired", checkedAt: "2027-01-11T08:11:00.000Z" } });
    expect(h.bot.jobs.find((j) => j.name === "check-credential")).toMatchObject({ oneInstance: true, cron: "11 * * * *" });
  });

  it("warns when the last check is more than three hours old (the hourly job no longer runs anywhere)", async () => {
    const { h } = await start();
    await h.bot.store.credentialChecks.save({ appId: BOT_ID, checkedAt: new Date(new Date(NOW).getTime() - 3 * 3600_000), state: "ok" });
    expect((await healthz(h)).body).toMatchObject({ status: "ok", credential: { state: "ok" } });
    expect((await healthz(h)).body).not.toHaveProperty("warnings");
    await h.bot.store.credentialChecks.save({ appId: BOT_ID, checkedAt: new Date(new Date(NOW).getTime() - 3 * 3600_000 - 60_000), state: "ok" });
    expect((await healthz(h)).body).toMatchObject({ status: "ok", warnings: ["bot-credential-check-stale"] });
  });

  it("warns from 30 days before the client secret expires (BOT_SECRET_EXPIRES), and is degraded after", async () => {
    const soon = await start({ BOT_SECRET_EXPIRES: "2027-02-05" });
    expect((await healthz(soon.h)).body).toEqual({
      status: "ok",
      warnings: ["bot-secret-expires-soon"],
      credential: { state: "ok", checkedAt: new Date(NOW).toISOString(), secretExpires: "2027-02-05", secretExpiresInDays: 25 },
    });
    expect(soon.log.lines.filter((l) => l.level === 40)).toEqual([expect.objectContaining({ secretExpires: "2027-02-05", days: 25, msg: expect.stringMatching(/expires soon/) })]);
    await soon.h.stop();
    this_.h = undefined;

    const later = await start({ BOT_SECRET_EXPIRES: "2027-03-01" });
    expect((await healthz(later.h)).body).toEqual({ status: "ok", credential: { state: "ok", checkedAt: new Date(NOW).toISOString(), secretExpires: "2027-03-01", secretExpiresInDays: 49 } });
    expect(later.log.lines.filter((l) => l.level === 40)).toEqual([]);
    await later.h.stop();
    this_.h = undefined;

    const past = await start({ BOT_SECRET_EXPIRES: "2027-01-10" });
    past.h.connector.tokenAnswer = EXPIRED;
    await past.h.runJob("check-credential");
    expect((await healthz(past.h)).body).toMatchObject({ status: "degraded", reasons: ["bot-credential-rejected", "bot-secret-expired"], credential: { secretExpiresInDays: -1 } });
  });

  it("is shown by npm run status from the database alone (no bot settings): the last check, and a secret running out", async () => {
    const { h } = await start();
    // npm run status runs on the real clock: dates relative to today.
    const today = localDateOf(new Date(), "Europe/Copenhagen");
    await h.bot.store.credentialChecks.save({ appId: BOT_ID, checkedAt: new Date("2027-01-11T08:00:00Z"), state: "ok", secretExpires: addDays(today, 25) });
    const run = await statusCommand(h.database!.url);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(strings.status.credentialHeading);
    expect(run.stdout).toContain(`app ${BOT_ID}, kontrolleret 11.01.2027 kl. 09.00: i orden`);
    expect(run.stdout).toContain(`Klienthemmeligheden udløber ${formatDateShort(addDays(today, 25))} (om 25 dage): lav en ny i Entra-appregistreringen nu, og sæt BOT_PASSWORD og BOT_SECRET_EXPIRES.`);
    const json = JSON.parse((await statusCommand(h.database!.url, ["--json"])).stdout) as { credentials: unknown[] };
    expect(json.credentials).toEqual([expect.objectContaining({ appId: BOT_ID, state: "ok", health: { degraded: [], warnings: ["bot-secret-expires-soon"], secretExpiresInDays: 25 } })]);

    await h.bot.store.credentialChecks.save({ appId: BOT_ID, checkedAt: new Date("2027-01-11T08:00:00Z"), state: "rejected", reason: "secret-expired", secretExpires: addDays(today, -1) });
    const past = await statusCommand(h.database!.url);
    expect(past.stdout).toContain("AFVIST af Entra ID (secret-expired): alle afsendelser til Teams fejler");
    expect(past.stdout).toContain(`Klienthemmeligheden udløb ${formatDateShort(addDays(today, -1))}`);
    expect(past.stdout).not.toContain(SECRET);
  });

  it("does not check a managed identity (no secret of ours) and says so; local anonymous mode has no credential at all", async () => {
    const { h } = await start({ BOT_TYPE: "UserAssignedMSI", BOT_PASSWORD: "" });
    expect(h.connector.tokenRequests).toEqual([]);
    expect(h.bot.jobs.map((j) => j.name)).toContain("check-credential");
    expect((await healthz(h)).body).toEqual({ status: "ok", credential: { state: "not-checked", reason: "managed-identity" } });
    await h.stop();
    this_.h = undefined;
    const anonymous = (this_.h = await BotHarness.start({ now: NOW }));
    expect((await healthz(anonymous)).body).toEqual({ status: "ok" });
    expect(anonymous.bot.jobs.map((j) => j.name)).not.toContain("check-credential");
  });
});
