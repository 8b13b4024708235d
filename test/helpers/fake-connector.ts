import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Posted {
  conversationId: string;
  activityId: string;
  replyToId?: string;
  activity: Record<string, unknown>;
}

/**
 * A local stand-in for the Bot Framework Connector service (the `serviceUrl` Teams gives the
 * bot): records what the bot posts and updates, and can be told to fail the next calls.
 */
export class FakeConnector {
  readonly posted: Posted[] = [];
  readonly updated: Posted[] = [];
  /** Status codes to answer the next PUTs (updates) with, in order (then 200 again). */
  readonly failNextPut: { status: number }[] = [];
  /** Status codes to answer the next POSTs with, in order (then 200 again). */
  readonly failNext: { status: number; retryAfter?: number }[] = [];
  /** Decides per POST (to this conversation) whether to fail it (after failNext is empty). */
  beforePost?: (conversationId: string) => { status: number; retryAfter?: number } | undefined;
  /** Called when a POST has been received and recorded (and counted in `held` if it is held), before it is answered. */
  onPosted?: (p: Posted) => void;
  /** Answers each POST this much later (a slow service; a client may die meanwhile). */
  respondDelayMs = 0;
  /** While true, POSTs are recorded and left unanswered until `release()` (a client may die meanwhile). */
  holdPosts = false;
  private heldAnswers: (() => void)[] = [];
  /** Every POST as it arrived: when, and the status it was answered with. */
  readonly attempts: { at: number; conversationId: string; status: number }[] = [];
  /**
   * Entra ID's token endpoint for the bot's credential check (BOT_LOGIN_URL points here in the
   * harness): what it answers (a token by default), and what it was asked (never the secret itself).
   */
  tokenAnswer: { status: number; body: unknown } | "hang" = { status: 200, body: { token_type: "Bearer", expires_in: 3599, access_token: "lokalt-token" } };
  readonly tokenRequests: { tenant: string; clientId: string; scope: string; grantType: string; secretMatches: (secret: string) => boolean }[] = [];
  private server?: Server;
  private seq = 0;
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const url = decodeURIComponent(req.url ?? "");
        const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url);
        if (token && req.method === "POST") {
          const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
          const secret = form.get("client_secret") ?? "";
          this.tokenRequests.push({ tenant: token[1]!, clientId: form.get("client_id") ?? "", scope: form.get("scope") ?? "", grantType: form.get("grant_type") ?? "", secretMatches: (s) => s === secret });
          const answer = this.tokenAnswer;
          if (answer === "hang") return; // no answer at all: the caller's deadline decides
          res.statusCode = answer.status;
          res.setHeader("Content-Type", "application/json");
          res.end(JSON.stringify(answer.body));
          return;
        }
        const m = /\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(url);
        if (!m) {
          res.statusCode = 404;
          res.end("{}");
          return;
        }
        const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>) : {};
        const [, conversationId = "", pathId] = m;
        if (req.method === "POST") {
          const failure = this.failNext.shift() ?? this.beforePost?.(conversationId);
          this.attempts.push({ at: Date.now(), conversationId, status: failure?.status ?? 200 });
          if (failure) {
            res.statusCode = failure.status;
            if (failure.retryAfter !== undefined) res.setHeader("Retry-After", String(failure.retryAfter));
            res.end(JSON.stringify({ error: { code: "Failure", message: "fake" } }));
            return;
          }
          const activityId = `1:${++this.seq}`;
          const posted = { conversationId, activityId, replyToId: pathId, activity: body };
          this.posted.push(posted);
          const answer = () => {
            if (res.destroyed) return;
            res.setHeader("Content-Type", "application/json");
            res.end(JSON.stringify({ id: activityId }));
          };
          const held = this.holdPosts;
          if (held) this.heldAnswers.push(answer);
          this.onPosted?.(posted);
          if (held) return;
          if (this.respondDelayMs > 0) setTimeout(answer, this.respondDelayMs);
          else answer();
          return;
        }
        if (req.method === "PUT" && pathId && this.failNextPut.length > 0) {
          res.statusCode = this.failNextPut.shift()!.status;
          res.end(JSON.stringify({ error: { code: "Failure", message: "fake" } }));
          return;
        }
        if (req.method === "PUT" && pathId && !this.posted.some((p) => p.conversationId === conversationId && p.activityId === pathId)) {
          // Teams cannot update a message that is not there (never posted here, e.g. a fixture's replyToId).
          res.statusCode = 404;
          res.end(JSON.stringify({ error: { code: "NotFound", message: "fake" } }));
          return;
        }
        if (req.method === "PUT" && pathId) {
          this.updated.push({ conversationId, activityId: pathId, activity: body });
          res.setHeader("Content-Type", "application/json");
          res.end(JSON.stringify({ id: pathId }));
          return;
        }
        res.statusCode = 405;
        res.end("{}");
      });
    });
    await new Promise<void>((ok) => this.server!.listen(0, "127.0.0.1", () => ok()));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
    return this;
  }

  /** POSTs held unanswered (holdPosts). */
  get held(): number {
    return this.heldAnswers.length;
  }

  /** Stops holding and answers the held POSTs whose client is still there. */
  release(): void {
    this.holdPosts = false;
    for (const answer of this.heldAnswers.splice(0)) answer();
  }

  /** Cards posted to one conversation, oldest first. */
  cards(conversationId: string): Record<string, unknown>[] {
    return this.posted.filter((p) => p.conversationId === conversationId).flatMap((p) => cardsOf(p.activity));
  }

  reset(): void {
    this.release();
    this.attempts.length = 0;
    this.posted.length = 0;
    this.updated.length = 0;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }
}

/** The Adaptive Cards in an activity's attachments. */
export function cardsOf(activity: Record<string, unknown>): Record<string, unknown>[] {
  const attachments = (activity.attachments ?? []) as { contentType?: string; content?: Record<string, unknown> }[];
  return attachments.filter((a) => a.contentType === "application/vnd.microsoft.card.adaptive").map((a) => a.content!);
}

/**
 * A card text as a person reads it: without the invisible word joiners and the backslashes that
 * keep people's text from becoming Markdown (src/lib/markup.ts).
 */
export const shownText = (s: string): string => s.replace(/\u2060/g, "").replace(/\\([*_[\]`])/g, "$1");

/** Every piece of text a person would read in a card (texts, titles, fact values, input values). */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === "object") {
      const o = n as Record<string, unknown>;
      for (const k of ["text", "title", "value", "label", "placeholder"]) if (typeof o[k] === "string") out.push(shownText(o[k] as string));
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out.join("\n");
}

/** Finds the first Action.Execute with this verb in a card (to click it as a person would). */
export function findAction(card: unknown, verb: string): { verb: string; data: Record<string, unknown> } | undefined {
  let found: { verb: string; data: Record<string, unknown> } | undefined;
  const walk = (n: unknown) => {
    if (found) return;
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === "object") {
      const o = n as Record<string, unknown>;
      if (o.type === "Action.Execute" && o.verb === verb) found = { verb, data: (o.data ?? {}) as Record<string, unknown> };
      else Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** Every Action.Execute in a card with this verb. */
export function findActions(card: unknown, verb: string): { verb: string; data: Record<string, unknown> }[] {
  const out: { verb: string; data: Record<string, unknown> }[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === "object") {
      const o = n as Record<string, unknown>;
      if (o.type === "Action.Execute" && o.verb === verb) out.push({ verb, data: (o.data ?? {}) as Record<string, unknown> });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** Every input's current value in a card (what Teams sends with a click, besides the action's data). */
export function inputValues(card: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === "object") {
      const o = n as Record<string, unknown>;
      if (typeof o.type === "string" && o.type.startsWith("Input.") && typeof o.id === "string") out[o.id] = typeof o.value === "string" ? o.value : "";
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** What Teams sends when a person presses the button with `verb`: its data, every input as it stands, and what they typed. */
export function submitted(card: unknown, verb: string, typed: Record<string, unknown> = {}): Record<string, unknown> {
  const action = findAction(card, verb);
  if (!action) throw new Error(`no ${verb} in the card`);
  return { ...action.data, ...inputValues(card), ...typed };
}
