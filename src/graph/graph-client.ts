import { ClientSecretCredential, type TokenCredential } from "@azure/identity";
import { AuthenticationHandler, Client, HTTPMessageHandler, ResponseType, type Context, type Middleware } from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js";
import type { Logger } from "../domain/ports.js";

/**
 * The one Microsoft Graph client of the bot (the only code, with src/graph/*, that knows Graph):
 * application permissions through `@azure/identity`'s ClientSecretCredential (its token cached and
 * renewed by MSAL), requests through `@microsoft/microsoft-graph-client`, and what Graph answers as
 * a small result the callers can act on without knowing HTTP. Proactive installation uses it
 * (app-installer.ts); the calendar adds its calls the same way (`request` takes any path).
 *
 * Never logged: the token, the secret, request and response bodies. Logged (debug): method, the
 * path with its ids masked, status, attempt.
 */
export interface GraphClientOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Graph's address with its version (https://graph.microsoft.com/v1.0, or a national cloud's). */
  baseUrl: string;
  /** Entra ID's address (https://login.microsoftonline.com, or a national cloud's). */
  authorityHost: string;
  /** Deadline for each attempt of a call (OUTBOUND_TIMEOUT_SECONDS). */
  timeoutMs: number;
  log: Logger;
  /** Attempts per call for 429, 503, 504 and calls without an answer (default 4). */
  maxAttempts?: number;
  /**
   * The longest Retry-After waited for inside a call (default 30 s). Graph asking for longer is
   * answered to the caller as `throttled` with the wait, so the outbox tries again then instead of
   * holding a worker.
   */
  maxWaitMs?: number;
  /** 0 ≤ x < 1, for the jitter of backoff delays (tests pass a fixed one). */
  random?: () => number;
}

/** What went wrong, in the words the callers act on. `code` is Graph's error code (or ours, for no answer). */
export type GraphFailure =
  | { kind: "conflict"; status: 409; code: string }
  | { kind: "forbidden"; status: 403; code: string }
  | { kind: "not-found"; status: 404; code: string }
  | { kind: "unauthorized"; status: 401; code: string }
  | { kind: "throttled"; status: 429; code: string; retryAfterMs?: number }
  /** 5xx, or no answer in time (status absent). */
  | { kind: "unavailable"; status?: number; code: string; retryAfterMs?: number }
  /** Entra ID gave no token (a wrong secret, tenant or app id; or it could not be reached). */
  | { kind: "credentials"; code: string }
  /** Any other refusal (400, 405, …): the request itself is wrong. */
  | { kind: "refused"; status: number; code: string };

export type GraphResult<T> = { ok: true; status: number; body: T } | { ok: false; error: GraphFailure };

export type GraphMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface GraphRequestOptions {
  body?: unknown;
  /** OData and other query options, e.g. { $expand: "teamsApp", $filter: "teamsApp/id eq '…'" }. */
  query?: Record<string, string>;
  headers?: Record<string, string>;
}

export interface GraphClient {
  /** Graph's address with its version, as configured (for `@odata.bind` links). */
  readonly baseUrl: string;
  /** One call (with its retries); never throws for what Graph or the network answered. */
  request<T = unknown>(method: GraphMethod, path: string, opts?: GraphRequestOptions): Promise<GraphResult<T>>;
  get<T = unknown>(path: string, query?: Record<string, string>): Promise<GraphResult<T>>;
  post<T = unknown>(path: string, body: unknown): Promise<GraphResult<T>>;
}

const RETRIED = new Set([429, 503, 504]);

/** A call that got no answer (network, deadline): after its retries, `unavailable`. */
class GraphNoAnswer extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "GraphNoAnswer";
  }
}

/** Entra ID gave no token: `credentials`, not retried inside the call. */
class GraphNoToken extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "GraphNoToken";
  }
}

/** Retry-After as Graph sends it (seconds, or an HTTP date), in ms. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const secs = Number(header);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** A path as logged: ids (GUIDs, Teams ids, long tokens) masked, no query. */
export function maskedPath(url: string): string {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url.split("?")[0] ?? "";
  }
  return path
    .split("/")
    .map((seg) => (/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(seg) || /[:@=]/.test(seg) || seg.length > 40 ? ":id" : seg))
    .join("/");
}

/** Removes the Authorization header, whatever shape the headers have. */
function withoutAuthorization(headers: unknown): void {
  if (!headers) return;
  if (headers instanceof Headers) headers.delete("Authorization");
  else if (Array.isArray(headers)) headers.splice(0, headers.length, ...headers.filter(([k]: [string, string]) => k.toLowerCase() !== "authorization"));
  else for (const k of Object.keys(headers)) if (k.toLowerCase() === "authorization") delete (headers as Record<string, string>)[k];
}

const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

/**
 * Retries 429, 503 and 504 (honouring Retry-After, else exponential backoff with jitter) and calls
 * that got no answer, with a deadline per attempt. First in the chain, so every attempt gets its
 * token from the authentication handler (MSAL's cache) and goes through the same fetch.
 */
class RetryMiddleware implements Middleware {
  private next?: Middleware;

  constructor(private readonly opts: { timeoutMs: number; maxAttempts: number; maxWaitMs: number; random: () => number; log: Logger }) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  private backoff(attempt: number): number {
    return Math.min(this.opts.maxWaitMs, 1000 * 2 ** (attempt - 1) * (0.5 + this.opts.random()));
  }

  async execute(context: Context): Promise<void> {
    const method = context.options?.method ?? "GET";
    const path = maskedPath(typeof context.request === "string" ? context.request : context.request.url);
    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      context.options = { ...context.options, signal: AbortSignal.timeout(this.opts.timeoutMs) };
      // The authentication handler appends its header: each attempt starts without the last one's.
      withoutAuthorization(context.options.headers);
      try {
        await this.next!.execute(context);
      } catch (err) {
        const name = err instanceof Error ? err.name : "Error";
        // The token: Entra ID refused or could not be asked. Not the network of this call.
        if (name === "AuthenticationError" || name === "CredentialUnavailableError" || name === "AuthenticationRequiredError" || name === "TokenTimeout") {
          this.opts.log.warn({ method, path, err: name }, "graph: no token");
          throw new GraphNoToken(name === "TokenTimeout" ? "timeout" : name);
        }
        const reason = name === "TimeoutError" || name === "AbortError" ? "timeout" : "network";
        this.opts.log.debug({ method, path, attempt, outcome: reason, ms: Date.now() - started }, "graph request");
        if (attempt >= this.opts.maxAttempts) throw new GraphNoAnswer(reason);
        await sleep(this.backoff(attempt));
        continue;
      }
      const res = context.response!;
      this.opts.log.debug({ method, path, attempt, status: res.status, ms: Date.now() - started }, "graph request");
      if (!RETRIED.has(res.status) || attempt >= this.opts.maxAttempts) return;
      const asked = retryAfterMs(res.headers.get("retry-after"));
      // Longer than a worker should hold its row: the caller hears it and tries again then.
      if (asked !== undefined && asked > this.opts.maxWaitMs) return;
      await res.body?.cancel().catch(() => undefined);
      await sleep(asked ?? this.backoff(attempt));
    }
  }
}

/** Graph's address split as the SDK wants it: the host part and the version ("v1.0"). */
function splitBaseUrl(baseUrl: string): { base: string; version: string; host: string } {
  const url = new URL(baseUrl.replace(/\/+$/, ""));
  const segments = url.pathname.split("/").filter(Boolean);
  const version = segments.pop() ?? "v1.0";
  const base = `${url.origin}/${segments.map((s) => `${s}/`).join("")}`;
  return { base, version, host: url.host };
}

export function createGraphClient(opts: GraphClientOptions): GraphClient {
  const { log } = opts;
  const { base, version, host } = splitBaseUrl(opts.baseUrl);
  // The authority host is the operator's setting (a national cloud, or tests' local Entra ID):
  // trusted as configured, so MSAL does not ask login.microsoftonline.com to vouch for it.
  const credential = new ClientSecretCredential(opts.tenantId, opts.clientId, opts.clientSecret, {
    authorityHost: opts.authorityHost,
    disableInstanceDiscovery: true,
  });
  // A token is fetched under the same deadline as every other call to Microsoft (MSAL's own
  // requests do not take one: the wait is given up, the fetch may still fill MSAL's cache).
  const timed: TokenCredential = {
    getToken: (scopes, o) => {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_ok, fail) => {
        timer = setTimeout(() => fail(Object.assign(new Error("no token in time"), { name: "TokenTimeout" })), opts.timeoutMs);
      });
      return Promise.race([credential.getToken(scopes, o), deadline]).finally(() => clearTimeout(timer));
    },
  };
  // The scope is the Graph the calls go to (graph.microsoft.com, or a national cloud's).
  const authProvider = new TokenCredentialAuthenticationProvider(timed, { scopes: [`${new URL(opts.baseUrl).origin}/.default`] });
  const retry = new RetryMiddleware({ timeoutMs: opts.timeoutMs, maxAttempts: opts.maxAttempts ?? 4, maxWaitMs: opts.maxWaitMs ?? 30_000, random: opts.random ?? Math.random, log });
  const auth = new AuthenticationHandler(authProvider);
  retry.setNext(auth);
  auth.setNext(new HTTPMessageHandler());
  const client = Client.initWithMiddleware({ middleware: retry, baseUrl: base, defaultVersion: version, customHosts: new Set([host.split(":")[0]!]) });

  async function request<T>(method: GraphMethod, path: string, o: GraphRequestOptions = {}): Promise<GraphResult<T>> {
    let res: Response;
    let text: string;
    try {
      let req = client.api(path).responseType(ResponseType.RAW);
      if (o.query) req = req.query(o.query);
      if (o.headers) req = req.headers(o.headers);
      switch (method) {
        case "GET":
          res = (await req.get()) as Response;
          break;
        case "POST":
          res = (await req.post(o.body ?? {})) as Response;
          break;
        case "PATCH":
          res = (await req.patch(o.body ?? {})) as Response;
          break;
        case "PUT":
          res = (await req.put(o.body ?? {})) as Response;
          break;
        case "DELETE":
          res = (await req.delete()) as Response;
          break;
      }
      // Inside the try: a connection reset or the deadline while the body is read is no answer too.
      text = await res.text();
    } catch (err) {
      // The SDK wraps what the middleware threw in a GraphError named after it.
      const e = err as { code?: string; name?: string; body?: unknown };
      const code = e.code ?? e.name ?? "Error";
      const reason = typeof e.body === "string" ? e.body.replace(/^[^:]*:\s*/, "") : code;
      if (code === "GraphNoToken") return { ok: false, error: { kind: "credentials", code: reason } };
      return { ok: false, error: { kind: "unavailable", code: code === "GraphNoAnswer" ? reason : code } };
    }
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (res.ok) return { ok: true, status: res.status, body: body as T };
    const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
    const graphCode = typeof code === "string" ? code : `http-${res.status}`;
    const wait = retryAfterMs(res.headers.get("retry-after"));
    log.debug({ method, path: maskedPath(path), status: res.status, code: graphCode }, "graph refused");
    switch (res.status) {
      case 401:
        return { ok: false, error: { kind: "unauthorized", status: 401, code: graphCode } };
      case 403:
        return { ok: false, error: { kind: "forbidden", status: 403, code: graphCode } };
      case 404:
        return { ok: false, error: { kind: "not-found", status: 404, code: graphCode } };
      case 409:
        return { ok: false, error: { kind: "conflict", status: 409, code: graphCode } };
      case 429:
        return { ok: false, error: { kind: "throttled", status: 429, code: graphCode, retryAfterMs: wait } };
      default:
        if (res.status >= 500) return { ok: false, error: { kind: "unavailable", status: res.status, code: graphCode, retryAfterMs: wait } };
        return { ok: false, error: { kind: "refused", status: res.status, code: graphCode } };
    }
  }

  return {
    baseUrl: opts.baseUrl.replace(/\/+$/, ""),
    request,
    get: (path, query) => request("GET", path, { query }),
    post: (path, body) => request("POST", path, { body }),
  };
}
