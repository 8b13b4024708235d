import { z } from "zod";
import type { TeamsDeps } from "../../deps.js";
import { channelTarget, isPrivateChannel } from "../../channel-target.js";
import { execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { strings } from "../../../lib/strings.da.js";
import { AppError } from "../../../lib/errors.js";
import { pickedId } from "./schemas.js";

const schema = z.object({ areaId: pickedId }).passthrough();
const chosen = (areaId: string | undefined): string => {
  if (!areaId) throw new AppError("invalid-input", strings.channel.chooseArea);
  return areaId;
};

/**
 * «Følg området»: only a chief of the area links the channel; its status card is posted at once.
 * Not in a private channel (Teams lets no bot post there); where Teams did not say the channel is
 * one, its refusal of the first post does: the link is removed again and the chief is told.
 */
export const channelLink = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.channelLink,
    schema,
    async (t, data) => {
      const target = channelTarget(t.context);
      if (isPrivateChannel(t.context)) throw new AppError("invalid-input", strings.channel.privateChannel);
      const { link, area, created } = await deps.channels.link(t.actor, chosen(data.areaId), target);
      if (created && (await deps.publishChannelStatus(link)) === "gone") {
        t.log.warn({ linkId: link.id, outcome: "channel-refused-first-post" }, "action");
        throw new AppError("invalid-input", strings.channel.firstPostRefused);
      }
      return views.channelLink(t.actor, target.conversationId, { feedback: { notice: created ? strings.channel.linked(area.name) : strings.channel.alreadyLinked(area.name) } });
    },
    (t, _data, err) => views.channelLink(t.actor, channelTarget(t.context).conversationId, { feedback: { error: err.text } }),
    { where: "channel" },
  );

/** «Stop med at følge»: the chief unlinks one of their areas from this channel. */
export const channelUnlink = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.channelUnlink,
    schema,
    async (t, data) => {
      const target = channelTarget(t.context);
      const { area, link } = await deps.channels.unlink(t.actor, chosen(data.areaId), target.conversationId);
      if (link) await deps.retireChannelStatus(link, area.name);
      return views.channelLink(t.actor, target.conversationId, { feedback: { notice: strings.channel.unlinked(area.name) } });
    },
    (t, _data, err) => views.channelLink(t.actor, channelTarget(t.context).conversationId, { feedback: { error: err.text } }),
    { where: "channel" },
  );
