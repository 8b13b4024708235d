import { logError } from "../lib/log-safe.js";
import type { TurnContext } from "botbuilder";
import { CardFactory, MessageFactory } from "botbuilder";
import type { TurnState } from "@microsoft/teams-ai";
import type { Logger } from "pino";
import type { z } from "zod";
import { AppError, isAppError } from "../lib/errors.js";
import { strings } from "../lib/strings.da.js";
import { localDateOf } from "../lib/zoned-time.js";
import type { Person } from "../domain/types.js";
import type { Effects } from "../domain/effects.js";
import { buildNoticeCard } from "../cards/notice-card.js";
import type { AdaptiveCard } from "../cards/template.js";
import type { TeamsDeps } from "./deps.js";

/** What every handler gets about the turn: who acts, a tagged logger, and "today" in Denmark. */
export interface Turn {
  context: TurnContext;
  actor: Person;
  log: Logger;
  today: string;
  now: Date;
}

/** Identifies one delivered activity (Teams may deliver the same one twice). */
export const activityKey = (context: TurnContext): string => `${context.activity.conversation?.id}:${context.activity.id}`;

export const turnLogger = (deps: TeamsDeps, context: TurnContext): Logger =>
  deps.log.child({ activityId: context.activity.id, conversationId: context.activity.conversation?.id, type: context.activity.type });

/** Where the person behind a turn is kept on its TurnContext (read once, shared by every step of the turn). */
const ACTOR = Symbol("laeringsloop.actor");

/**
 * The registered, active person behind the activity, read once per turn: the hook that stores the
 * conversation and the handler share the answer, so one message reads the person once.
 */
export function actorOf(deps: Pick<TeamsDeps, "people">, context: TurnContext): Promise<Person | undefined> {
  const cached = context.turnState.get(ACTOR) as Promise<Person | undefined> | undefined;
  if (cached) return cached;
  const actor = deps.people.identify(context.activity.from?.aadObjectId);
  context.turnState.set(ACTOR, actor);
  return actor;
}

async function begin(deps: TeamsDeps, context: TurnContext): Promise<Omit<Turn, "actor"> & { actor?: Person }> {
  const log = turnLogger(deps, context);
  const actor = await actorOf(deps, context);
  const now = deps.clock.now();
  return { context, actor, log, now, today: localDateOf(now, deps.config.timezone) };
}

export const cardActivity = (card: AdaptiveCard) => MessageFactory.attachment(CardFactory.adaptiveCard(card));

/**
 * A handler's answer after a command: the card, and the effects its domain call returned. The
 * wrappers below apply them (card-copies.ts): handlers never refresh cards or start delivery.
 */
export interface Answer<C extends AdaptiveCard | string = AdaptiveCard | string> {
  card: C;
  effects: Effects;
}

export const answer = <C extends AdaptiveCard | string>(card: C, effects: Effects): Answer<C> => ({ card, effects });

const isAnswer = <C extends AdaptiveCard | string>(a: C | Answer<C>): a is Answer<C> => typeof a === "object" && (a as { type?: unknown }).type !== "AdaptiveCard";

/** The personal chat a turn happens in, with whom (where a posted or replaced card is tracked). */
const whereIn = (t: Pick<Turn, "context" | "actor">, activityId: string | undefined) => ({
  personId: t.actor.id,
  conversationId: t.context.activity.conversation?.id ?? "",
  activityId: activityId ?? "",
});

/**
 * Answers to failures nobody planned for: shown to the person, but not kept for the activity, so
 * a redelivery tries again instead of being told the same failure.
 */
const notKept = new WeakSet<AdaptiveCard>();

/** The card for an error nobody planned for: logged with ids only, shown as a calm Danish sentence. */
function unexpected(log: Logger, err: unknown): AdaptiveCard {
  logError(log, err, "handler failed");
  const card = buildNoticeCard(strings.generic.unexpected, { tone: "error" });
  notKept.add(card);
  return card;
}

/**
 * Meetings, reflections and follow-ups are shown only in the person's own chat with the bot: in a
 * team channel or a group chat everyone would see them. (The chief's channel overview is a
 * feature of its own, with its own cards.)
 */
const inPersonalChat = (context: TurnContext): boolean => context.activity.conversation?.conversationType === "personal";
/** A team channel (the chiefs' overview lives there, with cards of its own). */
export const inChannel = (context: TurnContext): boolean => context.activity.conversation?.conversationType === "channel";

/** Where a command works, in the manifest's words for Teams' scopes: the personal chat, a team's channels, a group chat. */
export type CommandScope = "personal" | "team" | "groupChat";
export const ALL_SCOPES: readonly CommandScope[] = ["personal", "team", "groupChat"];

/** The scope a turn happens in (Teams' conversationType: personal, channel, groupChat). */
export function scopeOf(context: TurnContext): CommandScope | undefined {
  switch (context.activity.conversation?.conversationType) {
    case "personal":
      return "personal";
    case "channel":
      return "team";
    case "groupChat":
      return "groupChat";
    default:
      return undefined;
  }
}

/** What a command says where it does not work: go to the personal chat, or (a channel's own command) to a channel. */
const elsewhere = (scopes: readonly CommandScope[]): string => (scopes.includes("personal") ? strings.generic.personalOnly : strings.channel.notInChannel);

/** A repeated delivery may arrive while the first is still being handled: wait this long for its answer. */
const REDELIVERY_WAIT_MS = 3000;

/** The answer given to the first delivery of this activity, waiting briefly if it is not ready. */
async function answerGivenBefore(deps: TeamsDeps, key: string): Promise<AdaptiveCard | string> {
  for (let waited = 0; waited <= REDELIVERY_WAIT_MS; waited += 100) {
    const stored = await deps.activityLog.response(key);
    if (stored) return JSON.parse(stored) as AdaptiveCard | string;
    await new Promise((r) => setTimeout(r, 100));
  }
  return buildNoticeCard(strings.generic.stillWorking);
}

export type ExecuteHandler<S extends z.ZodTypeAny> = (turn: Turn, data: z.infer<S>) => Promise<AdaptiveCard | string | Answer>;
/** Re-renders the card the person used, with the error in it and what they typed kept. */
export type ExecuteErrorRenderer<S extends z.ZodTypeAny> = (turn: Turn, data: z.infer<S>, error: AppError) => Promise<AdaptiveCard>;

/**
 * Wraps an Action.Execute handler: identify the person, parse the card data with zod, run, and
 * turn any failure into a card (never a stack trace, never a 5xx).
 */
export function execute<S extends z.ZodTypeAny>(
  deps: TeamsDeps,
  verb: string,
  schema: S,
  handler: ExecuteHandler<S>,
  onError?: ExecuteErrorRenderer<S>,
  opts: { where?: "personal" | "channel" } = {},
) {
  const where = opts.where ?? "personal";
  return async (context: TurnContext, _state: TurnState, raw: unknown): Promise<AdaptiveCard | string> => {
    const t = await begin(deps, context);
    const log = t.log.child({ verb });
    // Teams may deliver the same click twice: the second gets the first one's answer, nothing
    // more. One whose first attempt died unanswered (its process was killed) is handled now.
    const key = activityKey(context);
    const inPlace = where === "channel" ? inChannel(context) : inPersonalChat(context);
    const handled = await deps.activityLog.once(
      key,
      async () => (inPlace ? run(t, log, raw) : buildNoticeCard(where === "channel" ? strings.channel.notInChannel : strings.generic.personalOnly)),
      (answer) => (typeof answer !== "string" && notKept.has(answer) ? undefined : JSON.stringify(answer)),
    );
    if (handled.ran) return handled.result;
    log.info({ outcome: "duplicate" }, "action");
    return answerGivenBefore(deps, key);
  };

  async function run(t: Awaited<ReturnType<typeof begin>>, log: Logger, raw: unknown): Promise<AdaptiveCard | string> {
    if (!t.actor) {
      log.info({ outcome: "not-registered" }, "action");
      return buildNoticeCard(strings.generic.notRegistered, { tone: "error" });
    }
    if (!deps.actionLimit.allow(t.actor.id, Date.now())) {
      log.warn({ outcome: "rate-limited" }, "action");
      return buildNoticeCard(strings.generic.tooMany, { tone: "error" });
    }
    const turn: Turn = { ...t, actor: t.actor, log };
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      log.info({ outcome: "invalid-card-data", issues: parsed.error.issues.map((i) => i.path.join(".")) }, "action");
      return buildNoticeCard(strings.generic.invalidCard, { tone: "error" });
    }
    try {
      const result = await handler(turn, parsed.data);
      log.info({ outcome: "ok" }, "action");
      return await settle(turn, result);
    } catch (err) {
      if (!isAppError(err)) return unexpected(log, err);
      log.info({ outcome: err.code }, "action");
      if (onError) {
        try {
          return await settle(turn, await onError(turn, parsed.data, err));
        } catch (inner) {
          // The card could not be shown to this person (e.g. they may not see it at all): the
          // original answer is still the one they need.
          if (isAppError(inner)) return buildNoticeCard(err.text, { tone: "error" });
          return unexpected(log, inner);
        }
      }
      return buildNoticeCard(err.text, { tone: "error" });
    }
  }

  /**
   * The answer replaces the clicked card (the invoke's replyToId): that copy now shows what the
   * answer shows. Every other copy of every card that shows what changed is brought up to date.
   */
  async function settle(turn: Turn, result: AdaptiveCard | string | Answer): Promise<AdaptiveCard | string> {
    const { card, effects } = isAnswer(result) ? result : { card: result, effects: undefined };
    const replaced = turn.context.activity.replyToId;
    if (replaced && where === "personal") await deps.cardCopies.remember(card, whereIn(turn, replaced), { replaced: true });
    if (effects) deps.cardCopies.apply(effects, { except: replaced ? whereIn(turn, replaced) : undefined });
    return card;
  }
}

/**
 * Wraps a message handler (a command) the same way; replies are cards sent to the chat. `scopes`:
 * where it works (the command registry, handlers/commands/index.ts, says so for each); elsewhere
 * it answers where to go instead.
 */
export function command(deps: TeamsDeps, name: string, handler: (turn: Turn) => Promise<AdaptiveCard | Answer<AdaptiveCard>>, opts: { scopes: readonly CommandScope[] }) {
  return async (context: TurnContext): Promise<void> => {
    const t = await begin(deps, context);
    const log = t.log.child({ command: name });
    const handled = await deps.activityLog.once(activityKey(context), () => answerCommand(t, log), (card) => (notKept.has(card) ? undefined : COMMAND_ANSWERED));
    if (!handled.ran) log.info({ outcome: "duplicate" }, "command");
  };

  async function answerCommand(t: Awaited<ReturnType<typeof begin>>, log: Logger): Promise<AdaptiveCard> {
    const { context } = t;
    let card: AdaptiveCard;
    let effects: Effects | undefined;
    const scope = scopeOf(context);
    // A conversation of no known kind: only what works everywhere runs (as before scopes had names).
    if (scope ? !opts.scopes.includes(scope) : opts.scopes.length < ALL_SCOPES.length) {
      card = buildNoticeCard(elsewhere(opts.scopes));
      log.info({ outcome: "not-here", scope }, "command");
    } else if (!t.actor) {
      card = buildNoticeCard(strings.generic.notRegistered, { tone: "error" });
      log.info({ outcome: "not-registered" }, "command");
    } else if (!deps.actionLimit.allow(t.actor.id, Date.now())) {
      card = buildNoticeCard(strings.generic.tooMany, { tone: "error" });
      log.warn({ outcome: "rate-limited" }, "command");
    } else {
      try {
        const result = await handler({ ...t, actor: t.actor, log });
        ({ card, effects } = isAnswer(result) ? result : { card: result, effects: undefined });
        log.info({ outcome: "ok" }, "command");
      } catch (err) {
        card = isAppError(err) ? buildNoticeCard(err.text, { tone: "error" }) : unexpected(log, err);
        if (isAppError(err)) log.info({ outcome: err.code }, "command");
      }
    }
    let posted;
    try {
      posted = await context.sendActivity(cardActivity(card));
    } catch (err) {
      // Teams refuses the bot's reply in some conversations (a private channel): nothing more to do
      // here, and nothing to retry; the handler has already told the person elsewhere if it could.
      const status = (err as { statusCode?: number }).statusCode;
      if (inPersonalChat(context) || (status !== 403 && status !== 404)) throw err;
      log.warn({ outcome: "reply-refused", status }, "command");
    }
    if (t.actor && inPersonalChat(context)) await deps.cardCopies.remember(card, whereIn({ context, actor: t.actor }, posted?.id));
    if (effects) deps.cardCopies.apply(effects);
    return card;
  }
}

/** What is kept for an answered command: a redelivery sends nothing, so only the fact is needed. */
const COMMAND_ANSWERED = JSON.stringify({ answered: "command" });

/** Posts a card as a new message in the person's chat (used by "open" buttons on lists); the copy is tracked. */
export async function postCard(deps: TeamsDeps, turn: Turn, card: AdaptiveCard): Promise<string> {
  const res = await turn.context.sendActivity(cardActivity(card));
  if (inPersonalChat(turn.context)) await deps.cardCopies.remember(card, whereIn(turn, res?.id));
  return res?.id ?? "";
}

/**
 * Wraps a lifecycle handler (install, the bot added, every message's stored reference): the
 * effects it returns are applied the same way (a person who installs gets their waiting cards now).
 */
export function lifecycle(deps: TeamsDeps, handler: (context: TurnContext) => Promise<Effects | void>) {
  return async (context: TurnContext): Promise<void> => {
    const effects = await handler(context);
    if (effects) deps.cardCopies.apply(effects);
  };
}

