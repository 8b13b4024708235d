import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import type { Chat, UserScopeTeamsAppInstallation } from "@microsoft/microsoft-graph-types";

/**
 * The certificate the fake serves (127.0.0.1, localhost). MSAL talks to an authority over https
 * only, so the fake is https; vitest.config.ts makes the test processes trust this certificate
 * (NODE_EXTRA_CA_CERTS), and tests that start bot processes pass it on (`FAKE_GRAPH_CA`).
 */
export const FAKE_GRAPH_CA = resolve(import.meta.dirname, "../fixtures/tls/fake-microsoft.crt");
const KEY = resolve(import.meta.dirname, "../fixtures/tls/fake-microsoft.key");

/** One request as the fake saw it, and what it answered. */
export interface GraphCall {
  /** Date.now() when it arrived. */
  at: number;
  method: string;
  /** The path without the query. */
  path: string;
  query: Record<string, string>;
  status: number;
  /** The bearer token it carried (never the client secret). */
  token?: string;
  body?: unknown;
}

/** An answer to force on a request: the status, Graph's error code, and Retry-After in seconds. */
export interface ForcedAnswer {
  status: number;
  code?: string;
  retryAfter?: number;
}

/** A request as a further route sees it. */
export interface RouteRequest {
  query: Record<string, string>;
  body: unknown;
  headers: { prefer?: string };
}

/** A further route's answer. */
export interface RouteAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Matches requests by method and a part of the path. */
export interface CallMatch {
  method?: string;
  path?: string | RegExp;
}

const matches = (m: CallMatch, method: string, path: string) =>
  (!m.method || m.method === method) && (!m.path || (typeof m.path === "string" ? path.includes(m.path) : m.path.test(path)));

const ERROR_CODES: Record<number, string> = { 400: "BadRequest", 401: "InvalidAuthenticationToken", 403: "Forbidden", 404: "NotFound", 409: "Conflict", 429: "TooManyRequests", 500: "InternalServerError", 503: "ServiceUnavailable", 504: "GatewayTimeout" };

/**
 * A local stand-in for Microsoft Entra ID (the token endpoint, client credentials) and Microsoft
 * Graph (the Teams app installations of users and their chats), answering with Graph's shapes
 * (`@odata.context`, `value`, `{ error: { code, message } }`), 201/409/403/404, 429 with
 * Retry-After and 5xx on demand, and a record of every call with its time. The calendar extends it
 * with more routes (`route`).
 */
export class FakeGraph {
  readonly tenantId = "6e1f2a8c-0b3d-4c5e-9f7a-1b2c3d4e5f60";
  readonly clientId = "3f2b8c1e-7a4d-4e5f-9b6a-1c2d3e4f5a6b";
  readonly clientSecret = `fake-secret-${randomUUID()}`;
  /** The app's id in the organisation's catalogue (TEAMS_CATALOG_APP_ID). */
  readonly catalogAppId = "b1c5353a-7aca-41b3-830f-27d5218fe0e5";
  /** The manifest's id (teamsApp/externalId). */
  readonly externalId = "f31b1263-ba99-435a-a679-911d24850d7c";
  readonly calls: GraphCall[] = [];
  /** Tokens issued, in order. */
  readonly tokens: string[] = [];
  /** User (Entra object id) → installation id of the app in their personal scope. */
  readonly installed = new Map<string, string>();
  /** Users Graph answers 403 for when installing (a policy blocks the app for them). */
  readonly forbidden = new Set<string>();
  /** Users Graph does not know (404). */
  readonly unknownUsers = new Set<string>();
  /** Answers forced on the next matching requests, in order (then the normal answer again). */
  readonly failNext: (CallMatch & ForcedAnswer)[] = [];
  /** Answers each matching request this much later (a slow Graph; the caller may die meanwhile). */
  delay?: (method: string, path: string) => number | undefined;
  /** Called when a request arrived (before it is answered). */
  onCall?: (call: Omit<GraphCall, "status">) => void;
  /** Called once a request was answered (after its delay). */
  onAnswered?: (call: GraphCall) => void;
  /** Called after an install for a user was made (201): e.g. Teams telling the bot. */
  onInstalled?: (userId: string) => void;
  /** The token endpoint answers 401 invalid_client (a wrong or expired secret). */
  refuseTokens = false;
  private readonly routes: { method: string; path: RegExp; answer: (m: RegExpExecArray, req: RouteRequest) => RouteAnswer }[] = [];
  private server?: Server;
  private lastPrefer?: string | string[];
  url = "";

  /** Graph's address as GRAPH_BASE_URL names it. */
  get baseUrl(): string {
    return `${this.url}/v1.0`;
  }

  /** The settings a bot needs to use this fake for proactive installation. */
  env(serviceUrl: string): Record<string, string> {
    return {
      GRAPH_TENANT_ID: this.tenantId,
      GRAPH_CLIENT_ID: this.clientId,
      GRAPH_CLIENT_SECRET: this.clientSecret,
      GRAPH_BASE_URL: this.baseUrl,
      GRAPH_AUTHORITY_HOST: this.url,
      PROACTIVE_INSTALL: "on",
      TEAMS_CATALOG_APP_ID: this.catalogAppId,
      PROACTIVE_SERVICE_URL: serviceUrl,
    };
  }

  /** The personal chat of the bot and a user, as Graph names it. */
  chatId(userId: string): string {
    return `19:${userId}_${this.clientId}@unq.gbl.spaces`;
  }

  /** Calls of a method to paths containing `path`. */
  callsTo(method: string, path: string | RegExp): GraphCall[] {
    return this.calls.filter((c) => matches({ method, path }, c.method, c.path));
  }

  /** Installs answered 201 for a user (made), and 409 (already there). */
  installsFor(userId: string): { made: number; conflicts: number } {
    const posts = this.callsTo("POST", `/users/${userId}/teamwork/installedApps`);
    return { made: posts.filter((c) => c.status === 201).length, conflicts: posts.filter((c) => c.status === 409).length };
  }

  /** Graph's address of a path, for `@odata.nextLink`. */
  link(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  /** A further route (the calendar's events, getSchedule, …), tried before the built-in ones. */
  route(method: string, path: RegExp, answer: (m: RegExpExecArray, req: RouteRequest) => RouteAnswer): void {
    this.routes.push({ method, path, answer });
  }

  async start(): Promise<this> {
    this.server = createServer({ key: readFileSync(KEY), cert: readFileSync(FAKE_GRAPH_CA) }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => void this.handle(req, res, Buffer.concat(chunks).toString("utf8")));
    });
    await new Promise<void>((ok) => this.server!.listen(0, "127.0.0.1", () => ok()));
    this.url = `https://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse, text: string): Promise<void> {
    const url = new URL(req.url ?? "/", this.url);
    const method = req.method ?? "GET";
    const path = decodeURIComponent(url.pathname);
    const query = Object.fromEntries(url.searchParams);
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* a form (the token endpoint) */
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    this.lastPrefer = req.headers.prefer;
    const seen = { at: Date.now(), method, path, query, token, body: path.endsWith("/token") ? undefined : body };
    this.onCall?.(seen);
    const answer = this.answer(method, path, query, body, text, token);
    const wait = this.delay?.(method, path) ?? 0;
    if (wait > 0) await new Promise((ok) => setTimeout(ok, wait));
    const call = { ...seen, status: answer.status };
    this.calls.push(call);
    this.onAnswered?.(call);
    if (res.destroyed) return;
    res.statusCode = answer.status;
    for (const [k, v] of Object.entries(answer.headers ?? {})) res.setHeader(k, v);
    if (answer.body === undefined) {
      res.end();
      return;
    }
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify(answer.body));
    if (answer.status === 201 && answer.installedFor) this.onInstalled?.(answer.installedFor);
  }

  error(status: number, code = ERROR_CODES[status] ?? "UnknownError", message = "Fake Graph refused the request.") {
    return { status, body: { error: { code, message, innerError: { date: new Date().toISOString(), "request-id": randomUUID(), "client-request-id": randomUUID() } } } };
  }

  private answer(
    method: string,
    path: string,
    query: Record<string, string>,
    body: unknown,
    text: string,
    token: string | undefined,
  ): { status: number; body?: unknown; headers?: Record<string, string>; installedFor?: string } {
    const base = this.url;
    // Entra ID: the tenant's OpenID configuration and its token endpoint (client credentials).
    const tenant = `/${this.tenantId}`;
    if (method === "GET" && path === `${tenant}/v2.0/.well-known/openid-configuration`) {
      return {
        status: 200,
        body: {
          token_endpoint: `${base}${tenant}/oauth2/v2.0/token`,
          authorization_endpoint: `${base}${tenant}/oauth2/v2.0/authorize`,
          issuer: `${base}${tenant}/v2.0`,
          jwks_uri: `${base}${tenant}/discovery/v2.0/keys`,
          end_session_endpoint: `${base}${tenant}/oauth2/v2.0/logout`,
          response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
          token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
        },
      };
    }
    if (method === "POST" && path === `${tenant}/oauth2/v2.0/token`) {
      const form = new URLSearchParams(text);
      if (this.refuseTokens || form.get("client_id") !== this.clientId || form.get("client_secret") !== this.clientSecret || form.get("grant_type") !== "client_credentials") {
        return { status: 401, body: { error: "invalid_client", error_description: "AADSTS7000215: Invalid client secret provided.", error_codes: [7000215], timestamp: new Date().toISOString() } };
      }
      const accessToken = `fake-token-${randomUUID()}`;
      this.tokens.push(accessToken);
      return { status: 200, body: { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: accessToken } };
    }
    // Graph.
    if (!path.startsWith("/v1.0/")) return this.error(404, "NotFound", "No such route in the fake.");
    if (!token || !this.tokens.includes(token)) return this.error(401, "InvalidAuthenticationToken", "Access token is empty or invalid.");
    const forced = this.failNext.findIndex((f) => matches(f, method, path));
    if (forced >= 0) {
      const [f] = this.failNext.splice(forced, 1);
      return { ...this.error(f!.status, f!.code), headers: f!.retryAfter !== undefined ? { "Retry-After": String(f!.retryAfter) } : undefined };
    }
    const graphPath = path.slice("/v1.0".length);
    for (const r of this.routes) {
      const m = r.method === method ? r.path.exec(graphPath) : null;
      if (m) return r.answer(m, { query, body, headers: { prefer: typeof this.lastPrefer === "string" ? this.lastPrefer : undefined } });
    }
    let m = /^\/users\/([^/]+)\/teamwork\/installedApps$/.exec(graphPath);
    if (m && method === "POST") {
      const user = m[1]!;
      const bind = (body as Record<string, unknown> | undefined)?.["teamsApp@odata.bind"];
      if (typeof bind !== "string" || bind !== `${this.baseUrl}/appCatalogs/teamsApps/${this.catalogAppId}`) return this.error(400, "BadRequest", "Invalid teamsApp@odata.bind.");
      if (this.unknownUsers.has(user)) return this.error(404, "NotFound", "User not found.");
      if (this.forbidden.has(user)) return this.error(403, "Forbidden", "The app is blocked by the tenant's app permission policy.");
      if (this.installed.has(user)) return this.error(409, "Conflict", "App is already installed.");
      this.installed.set(user, Buffer.from(`${user}##${this.catalogAppId}`).toString("base64"));
      return { status: 201, installedFor: user };
    }
    if (m && method === "GET") {
      const user = m[1]!;
      if (this.unknownUsers.has(user)) return this.error(404, "NotFound", "User not found.");
      const installation = this.installed.get(user);
      const wanted = /^teamsApp\/id eq '([^']*)'$/.exec(query.$filter ?? "")?.[1];
      const value: UserScopeTeamsAppInstallation[] =
        installation && (!wanted || wanted === this.catalogAppId)
          ? [{ id: installation, ...(query.$expand?.includes("teamsApp") ? { teamsApp: { id: this.catalogAppId, externalId: this.externalId, displayName: "Læringsloop", distributionMethod: "organization" } } : {}) }]
          : [];
      return { status: 200, body: { "@odata.context": `https://graph.microsoft.com/v1.0/$metadata#users('${user}')/teamwork/installedApps(teamsApp())`, value } };
    }
    m = /^\/users\/([^/]+)\/teamwork\/installedApps\/([^/]+)\/chat$/.exec(graphPath);
    if (m && method === "GET") {
      const user = m[1]!;
      if (this.installed.get(user) !== m[2]) return this.error(404, "NotFound", "Installation not found.");
      const now = new Date().toISOString();
      const chat: Chat = { id: this.chatId(user), topic: null, createdDateTime: now, lastUpdatedDateTime: now, chatType: "oneOnOne", webUrl: `https://teams.microsoft.com/l/chat/${encodeURIComponent(this.chatId(user))}/0`, tenantId: this.tenantId };
      return { status: 200, body: { "@odata.context": `https://graph.microsoft.com/v1.0/$metadata#users('${user}')/teamwork/installedApps('${m[2]}')/chat/$entity`, ...chat } };
    }
    return this.error(404, "NotFound", "No such route in the fake.");
  }
}
