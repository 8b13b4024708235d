import type { TurnContext } from "botbuilder";
import type { TeamsDeps } from "../../deps.js";
import { rememberConversation } from "./remember-conversation.js";
import type { Effects } from "../../../domain/effects.js";

/** conversationUpdate/membersAdded: when the bot joins a personal chat, the same as an install. */
export const membersAdded = (deps: TeamsDeps) => async (context: TurnContext): Promise<Effects | void> => {
  const botId = context.activity.recipient?.id;
  const added = context.activity.membersAdded ?? [];
  if (added.some((m) => m.id === botId)) return rememberConversation(deps, context, { greetUnknown: true });
};
