import type { TeamsAdapter } from "@microsoft/teams-ai";
import type { ConversationReference, TurnContext } from "botbuilder";
import type { Logger } from "pino";
import type { DeliveryResult, Messenger, PeopleRepository, SentCardRepository } from "../domain/ports.js";
import type { ConversationRefRecord, Notification } from "../domain/types.js";
import { notificationCard } from "./notification-cards.js";
import { recordCopy } from "./card-copies.js";
import { BotConnectorTimeoutError } from "./connector-timeout.js";
import { createPacer, type Pacer } from "../lib/pacer.js";
import { PostNoLongerOurs, PostNotNoted, withPostAttempts } from "./post-attempts.js";
import { isAllowedServiceUrl, isLoopbackServiceUrl } from "../lib/service-url.js";
import { cardActivity } from "./turn.js";
import { logError } from "../lib/log-safe.js";
import type { Views } from "./views.js";
import type { AdaptiveCard } from "../cards/template.js";

export interface ProactiveDeps {
  adapter: TeamsAdapter;
  botAppId: string;
  views: Views;
  people: PeopleRepository;
  sentCards: SentCardRepository;
  log: Logger;
  /** Keeps sends within Teams' limits per conversation and per tenant (STACK.md). */
  pacer?: Pacer;
  /** Hosts sends may go to (config.serviceUrlHosts). */
  serviceUrlHosts: readonly string[];
}

/** A stored reference pointing somewhere that is not a Bot Connector: never called, never retried. */
class ServiceUrlNotAllowed extends Error {
  constructor() {
    super("serviceUrl not allowed");
    this.name = "ServiceUrlNotAllowed";
  }
}

const RETRYABLE = new Set([412, 429, 502, 503, 504]);

/** The HTTP status of a failed Bot Connector call, and its Retry-After in ms if given. */
function failure(err: unknown): { status?: number; retryAfterMs?: number } {
  const e = err as { statusCode?: number; response?: { status?: number; headers?: { get?(n: string): string | undefined } & Record<string, unknown> } };
  const status = e?.statusCode ?? e?.response?.status;
  const header = e?.response?.headers?.get?.("retry-after") ?? (e?.response?.headers?.["retry-after"] as string | undefined);
  const secs = header ? Number(header) : NaN;
  return { status, retryAfterMs: Number.isFinite(secs) ? secs * 1000 : undefined };
}

/** Sends outbox rows as cards in the person's personal chat, and posts and updates cards in place. */
export function createProactive(deps: ProactiveDeps) {
  const { adapter, botAppId, views, people, sentCards, log, serviceUrlHosts } = deps;
  const pacer = deps.pacer ?? createPacer();

  /**
   * Runs `logic` in the person's conversation and throws what it threw. botbuilder hands errors
   * inside a proactive turn to the adapter's onTurnError, which would hide a 403 or a 502 from
   * the outbox; so the error is caught inside and raised again outside.
   */
  async function inConversation(reference: Record<string, unknown>, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
    // Never call a host that is not a Bot Connector, whatever a stored reference says.
    if (!isAllowedServiceUrl(reference.serviceUrl, serviceUrlHosts)) throw new ServiceUrlNotAllowed();
    let failure: unknown;
    await adapter.continueConversationAsync(botAppId, reference as Partial<ConversationReference>, async (ctx) => {
      try {
        await logic(ctx);
      } catch (err) {
        failure = err;
      }
    });
    if (failure !== undefined) throw failure;
  }

  const messenger: Messenger = {
    async deliver(n: Notification, to: ConversationRefRecord, beforePost: () => Promise<boolean>, afterRefused?: () => Promise<void>): Promise<DeliveryResult> {
      const person = await people.byId(n.personId);
      if (!person) return { outcome: "gone", reason: "person-unknown" };
      const card = await notificationCard(views, n, person);
      await pacer.take(to.conversationId, to.tenantId);
      try {
        await inConversation(to.reference, async (ctx) => {
          // The connector's transport calls `beforePost` right before each attempt leaves (post-attempts.ts).
          const hooks = { leaving: beforePost, refused: afterRefused ?? (() => Promise.resolve()) };
          const res = await withPostAttempts(hooks, () => ctx.sendActivity(cardActivity(card)));
          // A card that shows a subject is kept up to date where it went (card-copies.ts). The card
          // is out: failing to remember it must not make the row look unsent.
          await recordCopy(sentCards, card, { personId: person.id, conversationId: to.conversationId, activityId: res?.id ?? "" }).catch((err: unknown) =>
            logError(log, err, "sent card not recorded", { notificationId: n.id }),
          );
        });
        return { outcome: "sent" };
      } catch (err) {
        if (err instanceof ServiceUrlNotAllowed) return { outcome: "gone", reason: "service-url-not-allowed" };
        if (err instanceof PostNoLongerOurs || (err instanceof Error && err.cause instanceof PostNoLongerOurs)) return { outcome: "not-posted" };
        // Nothing was sent: a failure to note the post is the outbox's (its database), not the network's.
        const notNoted = err instanceof PostNotNoted ? err : err instanceof Error && err.cause instanceof PostNotNoted ? err.cause : undefined;
        if (notNoted) throw notNoted.cause;
        if (err instanceof BotConnectorTimeoutError) return { outcome: "unconfirmed", reason: "timeout" };
        const { status, retryAfterMs } = failure(err);
        // The app removed, the chat gone for now (a Playground restarted): the card waits for the person.
        if (status === 403 || status === 404) return { outcome: "unreachable", reason: `http-${status}` };
        // A local Agents Playground that is not running (stopped, or started later): its person is
        // not there now, as for a 404. Only loopback, which production never sends to; a refused
        // connection to Microsoft's service is retried like any network failure.
        if ((err as { code?: unknown })?.code === "ECONNREFUSED" && isLoopbackServiceUrl(to.reference.serviceUrl)) return { outcome: "unreachable", reason: "connection-refused" };
        return { outcome: "retry", reason: status ? `http-${status}` : "network", retryAfterMs: status && RETRYABLE.has(status) ? retryAfterMs : undefined };
      }
    },
  };

  /** Posts a card to a conversation (a channel, a personal chat); returns its activity id. */
  async function postCard(to: { conversationId: string; tenantId?: string; reference: Record<string, unknown> }, card: AdaptiveCard): Promise<string> {
    await pacer.take(to.conversationId, to.tenantId);
    let id = "";
    await inConversation(to.reference, async (ctx) => {
      id = (await ctx.sendActivity(cardActivity(card)))?.id ?? "";
    });
    return id;
  }

  /** Replaces a posted card in place. Throws with the HTTP status if Teams refuses (e.g. 404: deleted). */
  async function updateCard(to: { conversationId: string; tenantId?: string; reference: Record<string, unknown> }, activityId: string, card: AdaptiveCard): Promise<void> {
    await pacer.take(to.conversationId, to.tenantId);
    await inConversation(to.reference, async (ctx) => {
      await ctx.updateActivity({ ...cardActivity(card), id: activityId, conversation: ctx.activity.conversation });
    });
  }

  return { messenger, postCard, updateCard, statusOf: (err: unknown) => failure(err).status };
}
