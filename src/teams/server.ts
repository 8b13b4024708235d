import { logError } from "../lib/log-safe.js";
import { contentDisposition } from "../lib/content-disposition.js";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Application, TeamsAdapter } from "@microsoft/teams-ai";
import type { Logger } from "pino";
import { strings } from "../lib/strings.da.js";
import { z } from "zod";
import type { HealthReport } from "../domain/credential-service.js";
import type { GuestPage, WebAnswer } from "../web/guest-page.js";
import { SECURITY_HEADERS } from "../web/security-headers.js";
import type { Admission } from "./admission.js";
import { buildBusyCard, type RetryClick } from "../cards/busy-card.js";

export interface ServerDeps {
  /**
   * The Teams adapter and application, loaded on first use (decision 0030): the bot is healthy
   * before the Teams SDK is loaded, and loads it right after (or for the first request to come).
   */
  teams(): Promise<{ adapter: TeamsAdapter; app: Application }>;
  log: Logger;
  healthy(): Promise<boolean>;
  /** Called after each healthy answer of /healthz (the bot starts warming up after the first). */
  onHealthy?: () => void;
  /** The bot's credential as last checked (absent in local anonymous mode): shown by /healthz. */
  credentialHealth?: () => Promise<HealthReport>;
  /** GET /export/<token>: a personal download link's file, once (undefined: unknown, used or expired). */
  download?: (token: string) => Promise<{ filename: string; contentType: string; body: Buffer } | undefined>;
  /** GET /referat/<token>: a participant's referat as a PDF, once (undefined: unknown, used or expired). */
  referatFile?: (token: string) => Promise<{ filename: string; contentType: string; body: Buffer } | undefined>;
  /** GET /kalender/<token>: a personal link's calendar file (.ics), once (undefined: unknown, used or expired). */
  calendarFile?: (token: string) => Promise<{ filename: string; contentType: string; body: Buffer } | undefined>;
  /** GET and POST /m/<token>[/<section>]: the page a participant without Teams opens through their personal link (src/web/guest-page.ts). */
  guestPage?: GuestPage;
  /** Largest accepted request body. Teams activities are small; cards come back as data. */
  maxBodyBytes?: number;
  /** How much of /api/messages is worked on at once; a late click is refused (src/teams/admission.ts). None: everything is taken. */
  admission?: Admission;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => {
      if (size > limit) return; // already refused; the rest is drained, not kept
      size += c.length;
      if (size > limit) {
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader("Content-Type", "text/plain; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.end(text);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.end(JSON.stringify(body));
}

/** A guest page answer: the page (or a redirect) with the security headers every answer of it carries. */
function sendPage(res: ServerResponse, answer: WebAnswer): void {
  res.statusCode = answer.status;
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  if (answer.location) res.setHeader("Location", answer.location);
  if (answer.body === undefined) {
    res.end();
    return;
  }
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.end(answer.body);
}

/** The guest page's address: /m/<token>, /m/<token>/<section>. */
const GUEST_PATH = /^\/m\/([^/]+)(?:\/([^/]+))?\/?$/;

/** Seconds Teams is asked to wait before it sends again after a failure on our side. */
const RETRY_AFTER_SECONDS = 5;

/**
 * The botbuilder Response shape over Node's ServerResponse. botbuilder answers a failed request
 * with the error's message as the body (a token's audience, the signing keys' address, a stack):
 * a refusal (401) and a failure on our side get a fixed body instead, and our failures are 503
 * with Retry-After, which Teams retries. Bodies of our own answers (cards, invoke responses) pass.
 */
function botResponse(res: ServerResponse) {
  const replaced = () => res.statusCode === 401 || res.statusCode >= 500;
  return {
    socket: res.socket,
    status(code: number) {
      // 501 is botbuilder's answer to an invoke nothing handled: a request we cannot serve, so 400.
      if (code === 501) res.statusCode = 400;
      else if (code >= 500) {
        res.statusCode = 503;
        res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
      } else res.statusCode = code;
      if (replaced()) {
        res.setHeader("Content-Type", "application/json; charset=utf-8");
        res.setHeader("Cache-Control", "no-store");
      }
      return this;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
      return this;
    },
    send(body: unknown) {
      if (body === undefined || body === null || replaced()) return this;
      if (typeof body === "string" || Buffer.isBuffer(body)) res.write(body);
      else {
        if (!res.headersSent) res.setHeader("Content-Type", "application/json; charset=utf-8");
        res.write(JSON.stringify(body));
      }
      return this;
    },
    end() {
      if (replaced() && !res.headersSent) res.end(JSON.stringify({ error: res.statusCode === 401 ? "unauthorized" : "temporarily unavailable" }));
      else res.end();
      return this;
    },
  };
}

/**
 * Looks enough like an activity for botbuilder to take it (it throws, and answers 500, on a
 * serviceUrl or conversation of the wrong type); anything else is a 400 here.
 */
const account = z.object({ id: z.string().max(1000).optional() }).passthrough();
const ActivityShape = z
  .object({
    type: z.string().min(1).max(100),
    id: z.string().max(1000).optional(),
    name: z.string().max(200).optional(),
    serviceUrl: z.string().max(2000).optional(),
    channelId: z.string().max(100).optional(),
    text: z.string().max(100_000).optional(),
    replyToId: z.string().max(1000).optional(),
    from: account.nullable().optional(),
    recipient: account.nullable().optional(),
    conversation: account.extend({ conversationType: z.string().max(50).optional(), tenantId: z.string().max(100).optional() }).optional(),
    channelData: z.object({}).passthrough().nullable().optional(),
    entities: z.array(z.object({}).passthrough()).nullable().optional(),
  })
  .passthrough();
const isActivityShaped = (v: unknown): v is Record<string, unknown> => ActivityShape.safeParse(v).success;

/** One HTTP server: POST /api/messages for Teams, GET /healthz for whoever runs the bot. */
export function createHttpServer(deps: ServerDeps): Server {
  const limit = deps.maxBodyBytes ?? 256 * 1024;
  return createServer(async (req, res) => {
    // The wait a click is allowed is measured from here, before its body is read.
    const arrivedAt = performance.now();
    const url = (req.url ?? "/").split("?")[0];
    try {
      if (url === "/healthz" && (req.method === "GET" || req.method === "HEAD")) {
        // 503 only when the database does not answer (another instance, or a restart, may help).
        // A credential Entra ID refuses is 200 with "status":"degraded" and a reason code: a
        // restart cannot fix it, and a load balancer must not take every instance out for it
        // (docs/decisions/0015-production-settings.md).
        if (!(await deps.healthy())) {
          sendJson(res, 503, { status: "database-unreachable" });
          return;
        }
        const report = deps.credentialHealth
          ? await deps.credentialHealth().catch((err: unknown) => {
              logError(deps.log, err, "credential health not read");
              return undefined;
            })
          : undefined;
        sendJson(res, 200, report ?? { status: "ok" });
        deps.onHealthy?.();
        return;
      }
      const exportLink = /^\/export\/([^/]+)$/.exec(url ?? "");
      const calendarLink = /^\/kalender\/([^/]+?)(?:\.ics)?$/.exec(url ?? "");
      const referatLink = /^\/referat\/([^/]+)$/.exec(url ?? "");
      const served =
        exportLink && deps.download
          ? { token: exportLink[1]!, get: deps.download, gone: strings.channel.downloadGone }
          : referatLink && deps.referatFile
            ? { token: referatLink[1]!, get: deps.referatFile, gone: strings.referatPdf.gone }
            : calendarLink && deps.calendarFile
              ? { token: calendarLink[1]!, get: deps.calendarFile, gone: strings.calendar.gone }
              : undefined;
      // GET only: a HEAD (a link checker) must not use up a single-use link.
      if (served && req.method === "GET") {
        // The token is a secret: it is never logged.
        const file = await served.get(served.token).catch((err: unknown) => {
          logError(deps.log, err, "download failed");
          return null;
        });
        if (file === null) {
          sendText(res, 500, strings.generic.unexpected);
        } else if (!file) {
          sendText(res, 410, served.gone);
        } else {
          res.statusCode = 200;
          res.setHeader("Content-Type", file.contentType);
          res.setHeader("Content-Disposition", contentDisposition(file.filename));
          res.setHeader("Cache-Control", "no-store");
          res.end(file.body);
        }
        return;
      }
      const guest = deps.guestPage ? GUEST_PATH.exec(url ?? "") : null;
      if (guest && deps.guestPage) {
        // The token is a secret: it is never logged (the page logs the link's id, not its token).
        await serveGuestPage(deps.guestPage, req, res, guest[1]!, guest[2], limit);
        return;
      }
      if (url !== "/api/messages") {
        sendJson(res, 404, { error: "not found" });
        return;
      }
      if (req.method !== "POST") {
        res.setHeader("Allow", "POST");
        sendJson(res, 405, { error: "method not allowed" });
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req, limit));
      } catch (err) {
        if (err instanceof BodyTooLarge) {
          res.setHeader("Connection", "close");
          sendJson(res, 413, { error: "body too large" });
        } else sendJson(res, 400, { error: "invalid JSON" });
        return;
      }
      if (!isActivityShaped(body)) {
        sendJson(res, 400, { error: "not an activity" });
        return;
      }
      const turn = deps.admission ? await admitted(deps.admission, body, req, res, arrivedAt) : { release: () => undefined };
      if (!turn) return;
      try {
        // The Teams SDK not loaded (it is tried again on the next request): our failure, so 503.
        const teams = await deps.teams().catch((err: unknown) => {
          logError(deps.log, err, "Teams SDK not loaded");
          return undefined;
        });
        if (!teams) {
          res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
          sendJson(res, 503, { error: "temporarily unavailable" });
          return;
        }
        // The SDK may have taken a while to load (the first requests after a start): a client that
        // has gone meanwhile is not served either, as in admission (decision 0032).
        if (req.socket.destroyed || req.socket.readableEnded || res.destroyed) {
          res.destroy();
          return;
        }
        const { adapter, app } = teams;
        await adapter.process({ body, headers: req.headers, method: req.method }, botResponse(res), (context) => app.run(context).then(() => undefined));
      } finally {
        turn.release();
      }
    } catch (err) {
      // A guest link's address carries its token: never logged.
      logError(deps.log, err, "request failed", { url: url?.startsWith("/m/") ? "/m/…" : url });
      if (!res.headersSent) sendJson(res, 400, { error: "bad request" });
      else res.end();
    }
  });
}

/** The invoke of an Action.Execute click. */
const CLICK = "adaptiveCard/action";

/** The click a refused request came from, when it names one Teams could send again. */
function retryOf(activity: Record<string, unknown>): RetryClick | undefined {
  const value = activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined;
  const verb = value?.action?.verb;
  const data = value?.action?.data ?? {};
  if (typeof verb !== "string" || verb.length === 0 || verb.length > 200) return undefined;
  if (!data || typeof data !== "object" || Array.isArray(data)) return undefined;
  return { verb, data: data as Record<string, unknown> };
}

/**
 * A turn to do the request's work, or undefined when it was answered here without doing any
 * (docs/decisions/0032-overload.md). This comes before the token is checked and before the
 * activity is claimed: a refused request leaves nothing behind, and its retry is a fresh click.
 *
 * - a click (adaptiveCard/action) refused: 200 with the «prøv igen om lidt» card, whose «Prøv
 *   igen» sends the same click again (the card replaces the clicked one for this person);
 * - another invoke refused: 503 with Retry-After;
 * - a message (a typed command) refused: 200 and nothing sent to the chat; the person writes it again;
 * - anything else (installation, conversation events) waits its turn without a deadline; only past
 *   a bound of its own (10 × ADMISSION_QUEUE, at least 1,000 waiting) is it answered 503;
 * - a request whose client went away while it waited is dropped: nothing is done or sent.
 */
async function admitted(admission: Admission, activity: Record<string, unknown>, req: IncomingMessage, res: ServerResponse, arrivedAt: number): Promise<{ release(): void } | undefined> {
  const type = activity.type;
  const mustRun = type !== "invoke" && type !== "message";
  // Gone: the connection closed, or the client closed its side (a client that gave up, as Teams
  // does after ~5 s; the request may have waited unread in the socket till then).
  const gone = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) gone.abort();
  };
  const socket = req.socket;
  res.once("close", onClose);
  socket.once("end", onClose);
  // Let Node read the other requests that are ready before this one's work starts: a click's work
  // runs to its end once started (SQLite answers synchronously), and a request not yet read has no
  // arrival time. So every request waiting in the sockets is stamped, and the late are refused.
  // Twice: a client that left before its request was read has its end of stream read one turn
  // after the request (libuv stops at a short read), and such a request is dropped, not done.
  await new Promise<void>((ok) => setImmediate(ok));
  await new Promise<void>((ok) => setImmediate(ok));
  if (socket.destroyed || socket.readableEnded) gone.abort();
  const outcome = await admission.enter({ arrivedAt, mustRun, signal: gone.signal });
  res.off("close", onClose);
  socket.off("end", onClose);
  if (outcome.admitted) return outcome;
  if (outcome.reason === "client-gone") {
    res.destroy();
    return undefined;
  }
  if (type === "invoke" && activity.name === CLICK) {
    sendJson(res, 200, { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: buildBusyCard(retryOf(activity)) });
  } else if (type === "invoke") {
    res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
    sendJson(res, 503, { error: "temporarily unavailable" });
  } else if (type === "message") {
    // Teams reads nothing in the answer to a message; the body says what happened to whoever watches.
    sendJson(res, 200, { status: "overloaded" });
  } else {
    // An event that must run, refused only past its own (large) bound: Teams may send it again.
    res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
    sendJson(res, 503, { error: "temporarily unavailable" });
  }
  return undefined;
}

/**
 * GET shows the page, POST takes its form (application/x-www-form-urlencoded, at most `limit`
 * bytes, as a card's data) and answers 303 to the page or the page again with what to correct.
 */
async function serveGuestPage(page: GuestPage, req: IncomingMessage, res: ServerResponse, token: string, section: string | undefined, limit: number): Promise<void> {
  const query = new URLSearchParams((req.url ?? "").split("?")[1] ?? "");
  if (req.method === "GET" || req.method === "HEAD") {
    const answer = await page.get(token, section, query);
    sendPage(res, req.method === "HEAD" ? { ...answer, body: undefined } : answer);
    return;
  }
  if (req.method !== "POST") {
    res.setHeader("Allow", "GET, HEAD, POST");
    sendPage(res, page.refusal(405, strings.guestPage.methodNotAllowed));
    return;
  }
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  let body: string;
  try {
    body = await readBody(req, limit);
  } catch (err) {
    if (!(err instanceof BodyTooLarge)) throw err;
    res.setHeader("Connection", "close");
    sendPage(res, page.refusal(413, strings.guestPage.tooLarge));
    return;
  }
  if (type !== "application/x-www-form-urlencoded") {
    sendPage(res, page.refusal(415, strings.guestPage.notForm));
    return;
  }
  sendPage(res, await page.post(token, section, body));
}
