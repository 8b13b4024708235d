import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createGraphClient, maskedPath, retryAfterMs, type GraphClientOptions } from "../../src/graph/graph-client.js";
import { createGraphAppInstaller } from "../../src/graph/app-installer.js";
import { FakeGraph } from "../helpers/fake-graph.js";

const graph = new FakeGraph();
const USER = "00000000-0000-0000-0000-0000000000021";

/** Every log line the client wrote, at its most talkative level. */
let logged: string[] = [];
const log = pino(
  { level: "trace" },
  new Writable({
    write(chunk: Buffer, _enc, done) {
      logged.push(chunk.toString("utf8"));
      done();
    },
  }),
);

const client = (opts: Partial<GraphClientOptions> = {}) =>
  createGraphClient({
    tenantId: graph.tenantId,
    clientId: graph.clientId,
    clientSecret: graph.clientSecret,
    baseUrl: graph.baseUrl,
    authorityHost: graph.url,
    timeoutMs: 5_000,
    random: () => 0, // backoff without jitter: 0.5 s, 1 s, …
    log,
    ...opts,
  });

beforeAll(async () => {
  await graph.start();
});
afterAll(async () => {
  await graph.stop();
});
beforeEach(() => {
  graph.calls.length = 0;
  graph.failNext.length = 0;
  graph.installed.clear();
  graph.forbidden.clear();
  graph.unknownUsers.clear();
  graph.delay = undefined;
  graph.refuseTokens = false;
  logged = [];
});

describe("the Graph client (against the local fake Graph)", () => {
  it("gets a token from the authority by client credentials once and sends it with every call", async () => {
    const c = client();
    const before = graph.tokens.length;
    const a = await c.get<{ value: unknown[] }>(`/users/${USER}/teamwork/installedApps`, { $expand: "teamsApp" });
    const b = await c.get<{ value: unknown[] }>(`/users/${USER}/teamwork/installedApps`);
    expect(a).toMatchObject({ ok: true, status: 200, body: { value: [] } });
    expect(b.ok).toBe(true);
    expect(graph.tokens.length - before).toBe(1);
    const calls = graph.callsTo("GET", "/teamwork/installedApps");
    expect(calls.map((x) => x.token)).toEqual([graph.tokens.at(-1), graph.tokens.at(-1)]);
    expect(calls[0]!.query).toEqual({ $expand: "teamsApp" });
  });

  it("honours Retry-After on 429: waits at least as long as Graph asked, then the call succeeds", async () => {
    graph.failNext.push({ method: "POST", path: "/teamwork/installedApps", status: 429, retryAfter: 1 });
    const res = await client().post(`/users/${USER}/teamwork/installedApps`, { "teamsApp@odata.bind": `${graph.baseUrl}/appCatalogs/teamsApps/${graph.catalogAppId}` });
    expect(res).toMatchObject({ ok: true, status: 201 });
    const posts = graph.callsTo("POST", "/teamwork/installedApps");
    expect(posts.map((p) => p.status)).toEqual([429, 201]);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  it("gives a Retry-After longer than it may wait back to the caller, without waiting", async () => {
    graph.failNext.push({ method: "GET", path: "/teamwork/installedApps", status: 429, retryAfter: 120 });
    const res = await client({ maxWaitMs: 10_000 }).get(`/users/${USER}/teamwork/installedApps`);
    expect(res).toEqual({ ok: false, error: { kind: "throttled", status: 429, code: "TooManyRequests", retryAfterMs: 120_000 } });
    expect(graph.callsTo("GET", "/teamwork/installedApps")).toHaveLength(1);
  });

  it("retries 503 and 504 with backoff, and says `unavailable` when Graph stays down", async () => {
    graph.failNext.push({ method: "GET", status: 503 }, { method: "GET", status: 504 });
    expect(await client().get(`/users/${USER}/teamwork/installedApps`)).toMatchObject({ ok: true, status: 200 });
    const first = graph.callsTo("GET", "/teamwork/installedApps");
    expect(first.map((p) => p.status)).toEqual([503, 504, 200]);
    // Backoff 0.5 s, then 1 s (no jitter here).
    expect(first[1]!.at - first[0]!.at).toBeGreaterThanOrEqual(500);
    expect(first[2]!.at - first[1]!.at).toBeGreaterThanOrEqual(1000);

    graph.calls.length = 0;
    graph.failNext.push({ method: "GET", status: 503 }, { method: "GET", status: 503 });
    expect(await client({ maxAttempts: 2 }).get(`/users/${USER}/teamwork/installedApps`)).toEqual({ ok: false, error: { kind: "unavailable", status: 503, code: "ServiceUnavailable", retryAfterMs: undefined } });
    expect(graph.callsTo("GET", "/teamwork/installedApps")).toHaveLength(2);
  });

  it("maps 403, 404 and 409 with Graph's error codes, and does not retry them", async () => {
    const c = client();
    graph.failNext.push({ method: "GET", status: 403 }, { method: "GET", status: 404 }, { method: "GET", status: 409, code: "Conflict" });
    expect(await c.get("/users/x/teamwork/installedApps")).toEqual({ ok: false, error: { kind: "forbidden", status: 403, code: "Forbidden" } });
    expect(await c.get("/users/x/teamwork/installedApps")).toEqual({ ok: false, error: { kind: "not-found", status: 404, code: "NotFound" } });
    expect(await c.get("/users/x/teamwork/installedApps")).toEqual({ ok: false, error: { kind: "conflict", status: 409, code: "Conflict" } });
    expect(graph.callsTo("GET", "/teamwork/installedApps")).toHaveLength(3);
  });

  it("a call that gets no answer in time is tried again, then `unavailable` (timeout); a token likewise", async () => {
    const c = client({ timeoutMs: 300, maxAttempts: 2 });
    expect(await c.get(`/users/${USER}/teamwork/installedApps`)).toMatchObject({ ok: true });
    graph.delay = (_method, path) => (path.startsWith("/v1.0") ? 1_500 : undefined);
    expect(await c.get(`/users/${USER}/teamwork/installedApps`)).toEqual({ ok: false, error: { kind: "unavailable", code: "timeout" } });
    graph.delay = (_method, path) => (path.endsWith("/token") ? 1_500 : undefined);
    expect(await client({ timeoutMs: 300 }).get(`/users/${USER}/teamwork/installedApps`)).toEqual({ ok: false, error: { kind: "credentials", code: "timeout" } });
  });

  it("a refused secret is `credentials`: no call reaches Graph", async () => {
    graph.refuseTokens = true;
    const res = await client({ clientSecret: "wrong" }).get(`/users/${USER}/teamwork/installedApps`);
    expect(res).toMatchObject({ ok: false, error: { kind: "credentials" } });
    expect(graph.callsTo("GET", "/teamwork/installedApps")).toHaveLength(0);
  });

  it("never logs the token or the secret, even at trace level", async () => {
    const c = client();
    graph.failNext.push({ method: "GET", status: 503 });
    await c.get(`/users/${USER}/teamwork/installedApps`);
    await client({ clientSecret: "wrong-and-secret" }).get(`/users/${USER}/teamwork/installedApps`);
    const text = logged.join("");
    expect(logged.length).toBeGreaterThan(0);
    for (const token of graph.tokens) expect(text).not.toContain(token);
    expect(text).not.toContain(graph.clientSecret);
    expect(text).not.toContain("wrong-and-secret");
    expect(text).not.toMatch(/Bearer|access_token|authorization/i);
    // Nor the person's Entra object id: paths are logged with their ids masked.
    expect(text).not.toContain(USER);
  });

  it("reads Retry-After as seconds or as a date, and masks ids in logged paths", () => {
    expect(retryAfterMs("7")).toBe(7000);
    expect(retryAfterMs(new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(30_000);
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(maskedPath(`/users/${USER}/teamwork/installedApps/MCMjMiMjZGNkNjMxNjMtZjc5YS00ZGRmLTg4NDUtNmI1YTQ4YTNmZjU3/chat`)).toBe("/users/:id/teamwork/installedApps/:id/chat");
  });
});

describe("proactive installation through Graph (src/graph/app-installer.ts)", () => {
  const installer = () =>
    createGraphAppInstaller({ graph: client(), catalogAppId: graph.catalogAppId, botAppId: graph.clientId, tenantId: graph.tenantId, serviceUrl: "https://smba.trafficmanager.net/teams/", log });
  const person = { id: "megan", aadObjectId: USER };

  it("installs the app for the user, finds the installation, reads its chat and names the conversation", async () => {
    const r = await installer().install(person);
    expect(r).toEqual({
      outcome: "installed",
      already: false,
      conversation: {
        conversationId: graph.chatId(USER),
        serviceUrl: "https://smba.trafficmanager.net/teams/",
        tenantId: graph.tenantId,
        reference: {
          channelId: "msteams",
          serviceUrl: "https://smba.trafficmanager.net/teams/",
          conversation: { id: graph.chatId(USER), conversationType: "personal", tenantId: graph.tenantId },
          user: { id: USER, aadObjectId: USER, role: "user" },
          bot: { id: `28:${graph.clientId}`, role: "bot" },
        },
      },
    });
    expect(graph.calls.filter((c) => c.path.startsWith("/v1.0")).map((c) => `${c.method} ${c.path.replace(USER, "{user}")} ${c.status}`)).toEqual([
      "POST /v1.0/users/{user}/teamwork/installedApps 201",
      "GET /v1.0/users/{user}/teamwork/installedApps 200",
      `GET /v1.0/users/{user}/teamwork/installedApps/${graph.installed.get(USER)}/chat 200`,
    ]);
    expect(graph.callsTo("POST", "/teamwork/installedApps")[0]!.body).toEqual({ "teamsApp@odata.bind": `${graph.baseUrl}/appCatalogs/teamsApps/${graph.catalogAppId}` });
    expect(graph.callsTo("GET", /installedApps$/)[0]!.query).toEqual({ $expand: "teamsApp", $filter: `teamsApp/id eq '${graph.catalogAppId}'` });
  });

  it("409 (already installed) is fine: the chat is read all the same", async () => {
    graph.installed.set(USER, "already-there");
    expect(await installer().install(person)).toMatchObject({ outcome: "installed", already: true, conversation: { conversationId: graph.chatId(USER) } });
    expect(graph.installsFor(USER)).toEqual({ made: 0, conflicts: 1 });
  });

  it("403 is `forbidden` and 404 `user-unknown`, with Graph's codes; nothing more is asked", async () => {
    graph.forbidden.add(USER);
    expect(await installer().install(person)).toEqual({ outcome: "forbidden", code: "Forbidden" });
    graph.forbidden.clear();
    graph.unknownUsers.add(USER);
    expect(await installer().install(person)).toEqual({ outcome: "user-unknown", code: "NotFound" });
    expect(graph.callsTo("GET", "/teamwork/installedApps")).toHaveLength(0);
  });

  it("Graph busy (429 beyond the wait, 503 to the end) is `retry`, with the wait Graph asked for", async () => {
    graph.failNext.push({ method: "POST", status: 429, retryAfter: 300 });
    expect(await installer().install(person)).toEqual({ outcome: "retry", reason: "install: TooManyRequests", retryAfterMs: 300_000 });
  });
});
