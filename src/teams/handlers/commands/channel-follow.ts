import type { TeamsDeps } from "../../deps.js";
import { channelTarget, isPrivateChannel } from "../../channel-target.js";
import { command, type CommandScope } from "../../turn.js";
import type { Views } from "../../views.js";
import { buildNoticeCard } from "../../../cards/notice-card.js";
import { AppError } from "../../../lib/errors.js";
import { strings } from "../../../lib/strings.da.js";

/**
 * `@Læringsloop følg område` (or `overblik`) in a team channel: the card that links it to an area.
 * In a private channel, where Teams lets no bot post, the advice to use a standard channel in a
 * team of the chiefs instead; also in the person's own chat, since Teams may refuse the reply here too.
 */
export const channelFollow = (deps: TeamsDeps, views: Views, scopes: readonly CommandScope[]) =>
  command(
    deps,
    "channel-follow",
    async (t) => {
      if (!isPrivateChannel(t.context)) return views.channelLink(t.actor, channelTarget(t.context).conversationId);
      t.log.info({ outcome: "private-channel" }, "command");
      const inChat = await deps.sendToPerson(t.actor.id, async () => views.notice(strings.channel.privateChannel)).then(
        () => true,
        (err: unknown) => {
          // No chat with the bot yet: the reply here is all there is. Anything else is logged too.
          if (!(err instanceof AppError)) t.log.warn({ err: err instanceof Error ? err.name : "error" }, "could not send the private-channel advice to the person's chat");
          return false;
        },
      );
      return buildNoticeCard(inChat ? `${strings.channel.privateChannel} ${strings.channel.alsoInYourChat}` : strings.channel.privateChannel);
    },
    { scopes },
  );
