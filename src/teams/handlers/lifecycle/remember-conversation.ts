import { TurnContext } from "botbuilder";
import { buildNoticeCard } from "../../../cards/notice-card.js";
import { buildWelcomeCard } from "../../../cards/welcome-card.js";
import { strings } from "../../../lib/strings.da.js";
import type { TeamsDeps } from "../../deps.js";
import { actorOf, cardActivity, turnLogger } from "../../turn.js";
import { noEffects, type Effects } from "../../../domain/effects.js";

export const isPersonal = (context: TurnContext): boolean => context.activity.conversation?.conversationType === "personal";

/**
 * Stores how to reach the person in their personal chat, and greets them the first time.
 * Used on install, when the bot is added to the chat, and on every message (the first message
 * may come before any install event reaches us). Its effects (the cards that waited for the
 * person, brought forward) are applied by the `lifecycle` wrapper.
 */
export async function rememberConversation(deps: TeamsDeps, context: TurnContext, opts: { greetUnknown: boolean }): Promise<Effects> {
  if (!isPersonal(context)) return noEffects;
  const log = turnLogger(deps, context);
  const person = await actorOf(deps, context);
  if (!person) {
    log.info({ outcome: "not-registered" }, "conversation");
    if (opts.greetUnknown) await context.sendActivity(cardActivity(buildNoticeCard(strings.generic.notRegistered, { tone: "error" })));
    return noEffects;
  }
  const reference = TurnContext.getConversationReference(context.activity);
  const { greet, effects } = await deps.people.rememberConversation(person, {
    conversationId: context.activity.conversation.id,
    serviceUrl: context.activity.serviceUrl,
    tenantId: context.activity.conversation.tenantId ?? (context.activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id,
    reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
  });
  log.debug({ personId: person.id }, "conversation stored");
  log.info({ greeted: greet }, "conversation stored");
  if (greet) await context.sendActivity(cardActivity(buildWelcomeCard()));
  return effects;
}
