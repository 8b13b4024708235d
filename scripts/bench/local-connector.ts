import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ConnectorLimits {
  /** Posts per second one conversation may receive (Teams: 7). */
  perConversationPerSecond: number;
  /** Posts per second one tenant may receive (Teams: 50). */
  perTenantPerSecond: number;
  /** Share of posts answered 502 at random (seeded). */
  failRate: number;
  /** ms before a post is answered (counted against the limits when it arrives), as Teams takes a while; default 0. */
  latencyMs?: number;
  seed: number;
}

/** A deterministic pseudo-random generator (mulberry32), so a run can be repeated. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A local Bot Connector for benchmarks: takes posts and updates like Teams' service and, with
 * `limits`, enforces Teams' documented rates (429 with Retry-After when exceeded) and fails a
 * share of posts with 502. A post counts when its request has arrived (its body read): the
 * limits are sliding windows over those moments, a post refused when the limit's number arrived
 * in the last 1,000 ms (one arriving exactly 1,000 ms after the first of them is taken). Every
 * accepted post is kept (conversation and card title), so a run can count duplicates and losses.
 */
/** A post the connector took: when it arrived, where to, and a fingerprint of what was sent. */
export interface AcceptedPost {
  at: number;
  conversationId: string;
  title: string;
}

/** How often each (conversation, card) arrived. */
export function deliveriesOf(accepted: readonly AcceptedPost[]): Map<string, number> {
  const seen = new Map<string, number>();
  for (const p of accepted) seen.set(`${p.conversationId}|${p.title}`, (seen.get(`${p.conversationId}|${p.title}`) ?? 0) + 1);
  return seen;
}

export class LocalConnector {
  readonly accepted: AcceptedPost[] = [];
  /** Called for each accepted post (a benchmark kills the bot at a chosen moment). */
  onAccepted?: () => void;
  readonly refused = { tooMany: 0, badGateway: 0 };
  /** When each 429 was given (ms, the clock of `accepted`): where in a run the limits were met. */
  readonly tooManyAt: number[] = [];
  url = "";
  private server?: Server;
  private seq = 0;
  private readonly byConversation = new Map<string, number[]>();
  private readonly byTenant: number[] = [];
  private readonly random: () => number;

  constructor(private readonly limits?: ConnectorLimits) {
    this.random = seededRandom(limits?.seed ?? 1);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const m = /\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(decodeURIComponent(req.url ?? ""));
        res.setHeader("Content-Type", "application/json");
        if (!m) return void res.writeHead(404).end("{}");
        const conversationId = m[1]!;
        if (req.method === "PUT") return void res.end(JSON.stringify({ id: m[2] }));
        if (req.method !== "POST") return void res.writeHead(405).end("{}");
        const now = Date.now();
        if (this.limits) {
          const recent = (this.byConversation.get(conversationId) ?? []).filter((t) => now - t < 1000);
          while (this.byTenant.length && now - this.byTenant[0]! >= 1000) this.byTenant.shift();
          if (recent.length >= this.limits.perConversationPerSecond || this.byTenant.length >= this.limits.perTenantPerSecond) {
            this.refused.tooMany += 1;
            this.tooManyAt.push(now);
            return void res.writeHead(429, { "Retry-After": "1" }).end(JSON.stringify({ error: { code: "TooManyRequests" } }));
          }
          if (this.random() < this.limits.failRate) {
            this.refused.badGateway += 1;
            return void res.writeHead(502).end(JSON.stringify({ error: { code: "BadGateway" } }));
          }
          recent.push(now);
          this.byConversation.set(conversationId, recent);
          this.byTenant.push(now);
        }
        // What was sent, as a fingerprint: two different reminders never look the same.
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as { attachments?: unknown; text?: unknown };
        const title = createHash("sha1").update(JSON.stringify(body.attachments ?? body.text ?? "")).digest("hex");
        this.accepted.push({ at: now, conversationId, title });
        this.onAccepted?.();
        const answer = JSON.stringify({ id: `1:${++this.seq}` });
        if (this.limits?.latencyMs) setTimeout(() => res.end(answer), this.limits.latencyMs);
        else res.end(answer);
      });
    });
    await new Promise<void>((ok) => this.server!.listen(0, "127.0.0.1", () => ok()));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
    return this;
  }

  /** How often each (conversation, card) arrived. */
  deliveries(): Map<string, number> {
    return deliveriesOf(this.accepted);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }
}
