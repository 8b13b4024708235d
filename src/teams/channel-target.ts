import { TurnContext } from "botbuilder";
import type { ChannelTarget } from "../domain/channel-service.js";

/**
 * The channel a turn happened in, as the place to post new top-level messages: the channel's own
 * id (not the thread of the message that was answered) and its conversation reference.
 */
export function channelTarget(context: TurnContext): ChannelTarget {
  const a = context.activity;
  const data = (a.channelData ?? {}) as { channel?: { id?: string }; team?: { id?: string }; tenant?: { id?: string } };
  const conversationId = data.channel?.id ?? a.conversation.id.split(";")[0]!;
  const reference = JSON.parse(JSON.stringify(TurnContext.getConversationReference(a))) as Record<string, unknown> & { conversation: Record<string, unknown> };
  reference.conversation = { ...reference.conversation, id: conversationId };
  delete reference.activityId;
  return { conversationId, teamId: data.team?.id, serviceUrl: a.serviceUrl, tenantId: a.conversation.tenantId ?? data.tenant?.id, reference };
}

/**
 * Bots cannot post in private channels (Microsoft Teams: «bots can't post messages or Adaptive
 * Cards in private channel conversations»), so a chief's status card could never arrive there.
 * Teams names the channel's type in `channelData.channel.type` (standard, shared, private) where
 * it sends it; where it does not, the first post's 403 says so (channel-link.ts).
 */
export function isPrivateChannel(context: TurnContext): boolean {
  const data = (context.activity.channelData ?? {}) as { channel?: { type?: unknown } };
  return typeof data.channel?.type === "string" && data.channel.type.toLowerCase() === "private";
}
