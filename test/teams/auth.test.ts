import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { isAllowedServiceUrl } from "../../src/lib/service-url.js";
import { loadConfig } from "../../src/config.js";

const BOT_ID = "0f0e0d0c-0b0a-0908-0706-050403020100";
const TENANT = "6e1f2a8c-0b3d-4c5e-9f7a-1b2c3d4e5f60";
/** What an answer must never carry: an address, a token (or its audience), a stack or an error's text. */
const LEAK = /https?:\/\/|127\.0\.0\.1|localhost|eyJ|Bearer|\sat \S+ \(|\.[jt]s:\d+|[A-Za-z]Error\b|Unauthorized|[Oo]pen[Ii][Dd]|jwks|[Tt]oken|[Ss]igning/;
const b64 = (v: object | Buffer) => (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v))).toString("base64url");

/** A local stand-in for Bot Framework's OpenID metadata and signing keys (no network). */
class LocalIssuer {
  readonly key = generateKeyPairSync("rsa", { modulusLength: 2048 });
  readonly other = generateKeyPairSync("rsa", { modulusLength: 2048 });
  private server?: Server;
  url = "";

  async start(): Promise<void> {
    const jwk = { ...this.key.publicKey.export({ format: "jwk" }), kid: "k1", use: "sig", alg: "RS256" };
    this.server = createServer((req, res) => {
      res.setHeader("Content-Type", "application/json");
      if (req.url === "/openid") res.end(JSON.stringify({ issuer: "https://api.botframework.com", jwks_uri: `${this.url}/keys` }));
      else if (req.url === "/keys") res.end(JSON.stringify({ keys: [jwk] }));
      else {
        res.statusCode = 404;
        res.end("{}");
      }
    });
    await new Promise<void>((ok) => this.server!.listen(0, "127.0.0.1", () => ok()));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** A Bot Framework channel token as Teams' service sends it; `patch` forges one of its parts. */
  token(serviceUrl: string, patch: { claims?: Record<string, unknown>; signWith?: KeyObject } = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const header = b64({ alg: "RS256", typ: "JWT", kid: "k1" });
    const payload = b64({ iss: "https://api.botframework.com", aud: BOT_ID, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600, ...patch.claims });
    const signature = sign("RSA-SHA256", Buffer.from(`${header}.${payload}`), patch.signWith ?? this.key.privateKey);
    return `${header}.${payload}.${b64(signature)}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }
}

describe("authentication of requests to /api/messages", () => {
  const issuer = new LocalIssuer();
  let h: BotHarness;
  beforeAll(async () => {
    await issuer.start();
    h = await BotHarness.start({
      now: "2027-01-11T09:00:00+01:00",
      env: { BOT_ID, BOT_PASSWORD: "hemmelig", BOT_TENANT_ID: TENANT, BOT_OPENID_METADATA_URL: `${issuer.url}/openid` },
    });
  });
  afterAll(async () => {
    await h.stop();
    await issuer.stop();
  });

  /** Alex uninstalls the bot: served, it marks his conversation inactive (and sends nothing). */
  const uninstall = (authorization?: string, patch: Record<string, unknown> = {}) =>
    fetch(h.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(h.activity("installation-update-remove", users.alex, patch)),
    });
  const active = async () => (await h.bot.store.db.conversationRef.findUniqueOrThrow({ where: { personId: "alex" } })).active;
  const remember = () =>
    h.bot.store.conversations.save({ personId: "alex", conversationId: h.conversationId(users.alex), serviceUrl: h.connector.url, reference: { serviceUrl: h.connector.url } });

  it("refuses a request without a valid Bot Framework token with 401, and changes nothing", async () => {
    await remember();
    const cases: [string, string | undefined][] = [
      ["no token", undefined],
      ["not a JWT", "Bearer abc.def.ghi"],
      ["signed with another key", `Bearer ${issuer.token(h.connector.url, { signWith: issuer.other.privateKey })}`],
      ["for another bot", `Bearer ${issuer.token(h.connector.url, { claims: { aud: "11111111-2222-3333-4444-555555555555" } })}`],
      ["from another issuer", `Bearer ${issuer.token(h.connector.url, { claims: { iss: "https://evil.example.com" } })}`],
      ["for another serviceUrl", `Bearer ${issuer.token("https://evil.example.com/")}`],
      ["expired", `Bearer ${issuer.token(h.connector.url, { claims: { exp: Math.floor(Date.now() / 1000) - 3600 } })}`],
    ];
    for (const [label, authorization] of cases) {
      const res = await uninstall(authorization);
      expect(res.status, label).toBe(401);
      expect(await active(), label).toBe(true);
    }
  });

  it("serves a request with a valid token from our tenant", async () => {
    await remember();
    const res = await uninstall(`Bearer ${issuer.token(h.connector.url)}`);
    expect(res.status).toBe(200);
    expect(await active()).toBe(false);
  });

  it("refuses an activity from another tenant even with a valid token, and changes nothing", async () => {
    await remember();
    const other = "99999999-0000-0000-0000-000000000000";
    const res = await uninstall(`Bearer ${issuer.token(h.connector.url)}`, { conversation: { conversationType: "personal", tenantId: other, id: h.conversationId(users.alex) }, channelData: { tenant: { id: other } } });
    expect(res.status).toBe(200); // refused quietly (and logged); Teams retries nothing
    expect(await active()).toBe(true);
  });
});

describe("signing keys that do not arrive in time (OUTBOUND_TIMEOUT_SECONDS)", () => {
  let silent: Server;
  let h: BotHarness;
  const issuer = new LocalIssuer();
  beforeAll(async () => {
    silent = createServer(() => undefined); // takes the request, never answers
    await new Promise<void>((ok) => silent.listen(0, "127.0.0.1", () => ok()));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/openid`;
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00", env: { BOT_ID, BOT_PASSWORD: "hemmelig", BOT_TENANT_ID: TENANT, BOT_OPENID_METADATA_URL: url, OUTBOUND_TIMEOUT_SECONDS: "1" } });
  });
  afterAll(async () => {
    await h.stop();
    silent.closeAllConnections();
    await new Promise<void>((ok) => silent.close(() => ok()));
  });

  it("answers 503 with Retry-After (Teams tries again later) instead of waiting, names no address, and changes nothing", async () => {
    await h.bot.store.conversations.save({ personId: "alex", conversationId: h.conversationId(users.alex), serviceUrl: h.connector.url, reference: { serviceUrl: h.connector.url } });
    const res = await fetch(h.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${issuer.token(h.connector.url)}` },
      body: JSON.stringify(h.activity("installation-update-remove", users.alex)),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const body = await res.text();
    expect(body).toBe('{"error":"temporarily unavailable"}');
    expect(body).not.toMatch(LEAK);
    expect((await h.bot.store.db.conversationRef.findUniqueOrThrow({ where: { personId: "alex" } })).active).toBe(true);
  });
});

describe("signing keys that cannot be fetched", () => {
  /** The local metadata endpoint, switchable: not listening (refused), answering 500, answering garbage, or the keys. */
  const issuer = new LocalIssuer();
  let host: Server | undefined;
  let port = 0;
  let mode: "error" | "garbage" | "keys" = "keys";
  let h: BotHarness;
  const listen = async () => {
    host = createServer((req, res) => {
      if (mode === "keys") {
        void fetch(`${issuer.url}${req.url}`).then(async (r) => res.end(await r.text()));
        return;
      }
      res.statusCode = mode === "error" ? 500 : 200;
      res.end(mode === "error" ? "Internal error at https://login.internal.example/keys" : "<html>not json</html>");
    });
    await new Promise<void>((ok) => host!.listen(port, "127.0.0.1", () => ok()));
    port = (host.address() as AddressInfo).port;
  };
  const close = async () => {
    host?.closeAllConnections();
    await new Promise<void>((ok) => (host ? host.close(() => ok()) : ok()));
    host = undefined;
  };
  beforeAll(async () => {
    await issuer.start();
    await listen();
    await close(); // the port is known and nothing listens on it: connections are refused
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00", env: { BOT_ID, BOT_PASSWORD: "hemmelig", BOT_TENANT_ID: TENANT, BOT_OPENID_METADATA_URL: `http://127.0.0.1:${port}/openid` } });
    await h.bot.store.conversations.save({ personId: "alex", conversationId: h.conversationId(users.alex), serviceUrl: h.connector.url, reference: { serviceUrl: h.connector.url } });
  });
  afterAll(async () => {
    await h.stop();
    await close();
    await issuer.stop();
  });
  const uninstall = (authorization: string) =>
    fetch(h.url, { method: "POST", headers: { "content-type": "application/json", authorization }, body: JSON.stringify(h.activity("installation-update-remove", users.alex)) });
  const active = async () => (await h.bot.store.db.conversationRef.findUniqueOrThrow({ where: { personId: "alex" } })).active;

  it("answers 503 with Retry-After when the connection is refused, when the keys' host fails and when it sends garbage; a bad token is still 401; then served once they come", async () => {
    const good = `Bearer ${issuer.token(h.connector.url)}`;
    for (const state of ["refused", "error", "garbage"] as const) {
      if (state !== "refused") {
        mode = state;
        if (!host) await listen();
      }
      const res = await uninstall(good);
      expect(res.status, state).toBe(503);
      expect(res.headers.get("retry-after"), state).toBe("5");
      const body = await res.text();
      expect(body, state).toBe('{"error":"temporarily unavailable"}');
      expect(body, state).not.toMatch(LEAK);
      expect(await active(), state).toBe(true);
      // A token that is not one is refused before any key is needed: 401, whatever the keys' host does.
      expect((await uninstall("Bearer abc.def.ghi")).status, state).toBe(401);
    }
    mode = "keys";
    const forged = await uninstall(`Bearer ${issuer.token(h.connector.url, { signWith: issuer.other.privateKey })}`);
    expect(forged.status).toBe(401);
    expect(await active()).toBe(true);
    const res = await uninstall(good); // Teams' retry
    expect(res.status).toBe(200);
    expect(await active()).toBe(false);
  });
});

describe("no answer of /api/messages carries an address, a token or a stack", () => {
  const issuer = new LocalIssuer();
  let h: BotHarness;
  beforeAll(async () => {
    await issuer.start();
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00", env: { BOT_ID, BOT_PASSWORD: "hemmelig", BOT_TENANT_ID: TENANT, BOT_OPENID_METADATA_URL: `${issuer.url}/openid` } });
  });
  afterAll(async () => {
    await h.stop();
    await issuer.stop();
  });

  it("on every way a request fails", async () => {
    const activity = JSON.stringify(h.activity("message", users.alex, { text: "hjælp" }));
    const bearer = (patch: Parameters<LocalIssuer["token"]>[1]) => ({ authorization: `Bearer ${issuer.token(h.connector.url, patch)}` });
    const cases: [string, RequestInit & { path?: string }, number][] = [
      ["unknown path", { method: "GET", path: "/api/nope" }, 404],
      ["GET", { method: "GET" }, 405],
      ["not JSON", { method: "POST", body: "{nope" }, 400],
      ["not an activity", { method: "POST", body: '{"type":5}' }, 400],
      ["too large", { method: "POST", body: JSON.stringify({ type: "message", text: "x".repeat(300 * 1024) }) }, 413],
      ["conversation null", { method: "POST", body: JSON.stringify({ ...h.activity("message", users.alex), conversation: null }), headers: bearer({}) }, 400],
      ["no token", { method: "POST", body: activity }, 401],
      ["not a JWT", { method: "POST", body: activity, headers: { authorization: "Bearer eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln" } }, 401],
      ["another key", { method: "POST", body: activity, headers: bearer({ signWith: issuer.other.privateKey }) }, 401],
      ["another bot", { method: "POST", body: activity, headers: bearer({ claims: { aud: "11111111-2222-3333-4444-555555555555" } }) }, 401],
      ["another issuer", { method: "POST", body: activity, headers: bearer({ claims: { iss: "https://evil.example.com" } }) }, 401],
      ["another serviceUrl", { method: "POST", body: activity, headers: { authorization: `Bearer ${issuer.token("https://evil.example.com/")}` } }, 401],
      ["expired", { method: "POST", body: activity, headers: bearer({ claims: { exp: Math.floor(Date.now() / 1000) - 3600 } }) }, 401],
    ];
    for (const [label, init, status] of cases) {
      const res = await fetch(`${h.url.replace("/api/messages", "")}${init.path ?? "/api/messages"}`, { ...init, headers: { "content-type": "application/json", ...(init.headers as Record<string, string>) } });
      expect(res.status, label).toBe(status);
      const body = await res.text();
      expect(body, label).not.toMatch(LEAK);
      expect(body, label).not.toContain("11111111-2222");
    }
  });
});

describe("the Bot Connector hosts the bot may call", () => {
  const hosts = loadConfig({ NODE_ENV: "production", GUEST_LINK_SECRET: "x".repeat(40), BOT_ID, BOT_PASSWORD: "s", BOT_TENANT_ID: TENANT, ORG_FILE: "x", PUBLIC_URL: "https://x.dk", DATABASE_URL: "postgresql://db/x" }).serviceUrlHosts;
  it.each([
    ["https://smba.trafficmanager.net/emea/", true],
    ["https://smba.trafficmanager.net.evil.com/", false],
    ["https://europe.webchat.botframework.com/", true],
    ["https://botframework.com.evil.com/", false],
    ["http://smba.trafficmanager.net/emea/", false],
    ["http://127.0.0.1:3978/", false], // not in production
    ["https://169.254.169.254/latest/meta-data/", false],
    ["not a url", false],
  ])("%s → %s", (url, allowed) => {
    expect(isAllowedServiceUrl(url, hosts)).toBe(allowed);
  });

  it("allows loopback outside production (the Agents Playground, tests)", () => {
    expect(isAllowedServiceUrl("http://localhost:56150/_connector", loadConfig({}).serviceUrlHosts)).toBe(true);
  });

  it("refuses production without a tenant to serve", () => {
    expect(() => loadConfig({ NODE_ENV: "production", BOT_ID, BOT_PASSWORD: "s", BOT_TYPE: "MultiTenant", ORG_FILE: "x", PUBLIC_URL: "https://x.dk" })).toThrow(/ALLOWED_TENANTS: mangler/);
  });
});
