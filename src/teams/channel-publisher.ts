import { createHash } from "node:crypto";
import type { Logger } from "pino";
import { STATUS_POSTING as POSTING, type AreaStatus, type ChannelService } from "../domain/channel-service.js";
import { strings } from "../lib/strings.da.js";
import type { ChannelLinkRepository } from "../domain/ports.js";
import type { ChannelLink } from "../domain/types.js";
import { logError } from "../lib/log-safe.js";
import { BotConnectorTimeoutError } from "./connector-timeout.js";
import type { createProactive } from "./proactive.js";
import type { Views } from "./views.js";

export interface ChannelPublisherDeps {
  channels: ChannelService;
  channelLinks: ChannelLinkRepository;
  proactive: Pick<ReturnType<typeof createProactive>, "postCard" | "updateCard" | "statusOf">;
  views: Views;
  log: Logger;
  now: () => Date;
}

export type ChannelPublisher = ReturnType<typeof createChannelPublisher>;

const fingerprint = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 32);

/**
 * Keeps the chiefs' channels current: one status card per linked area, replaced in place when
 * what it shows changes (never a new post per change), and the weekly digest once a week.
 */
export function createChannelPublisher(deps: ChannelPublisherDeps) {
  const { channels, channelLinks, proactive, views, log, now } = deps;

  /** Teams refuses the channel for good (the bot was removed, the channel deleted): the link goes. */
  async function gone(link: ChannelLink, err: unknown): Promise<boolean> {
    const status = proactive.statusOf(err);
    if (status !== 403 && status !== 404) return false;
    await channelLinks.removeById(link.id);
    log.warn({ linkId: link.id, status }, "channel no longer reachable: link removed");
    return true;
  }

  /**
   * Posts the status card, or updates the posted one if what it shows changed. The first post is
   * claimed, so two ticks (or two bot processes) never both post one.
   */
  async function publishStatus(link: ChannelLink, opts: { force?: boolean; status?: AreaStatus } = {}): Promise<"posted" | "updated" | "unchanged" | "busy" | "gone"> {
    const status = opts.status ?? (await channels.status(link.areaId));
    const print = fingerprint(status);
    const posted = link.statusActivityId && link.statusActivityId !== POSTING ? link.statusActivityId : undefined;
    if (!opts.force && posted && link.statusFingerprint === print) return "unchanged";
    const card = views.areaStatus(status, now());
    if (posted) {
      try {
        await proactive.updateCard(link, posted, card);
        await channelLinks.setStatus(link.id, posted, print);
        return "updated";
      } catch (err) {
        // Deleted in Teams: a new one is posted below; anything else is tried again next tick.
        if (proactive.statusOf(err) !== 404) throw err;
      }
    }
    if (!(await channelLinks.claimFirstPost(link.id, posted))) return "busy";
    try {
      const id = await proactive.postCard(link, card);
      await channelLinks.setStatus(link.id, id, print);
      return "posted";
    } catch (err) {
      if (await gone(link, err)) return "gone";
      await channelLinks.releaseFirstPost(link.id); // the next tick tries again
      throw err;
    }
  }

  return {
    publishStatus,

    /** A link just removed: its status card says so, instead of showing the area on. */
    async retire(link: ChannelLink, areaName: string): Promise<void> {
      if (!link.statusActivityId || link.statusActivityId === POSTING) return;
      await proactive.updateCard(link, link.statusActivityId, views.notice(strings.channel.noLongerFollowed(areaName))).catch((err: unknown) => logError(log, err, "old status card not replaced", { linkId: link.id }));
    },

    /** Every linked channel's status card, as the scheduler's tick runs it (each area computed once). */
    async refreshAll(): Promise<Record<string, number>> {
      const counts: Record<string, number> = {};
      const byArea = new Map<string, Promise<AreaStatus>>();
      for (const link of await channelLinks.listAll()) {
        if (!byArea.has(link.areaId)) byArea.set(link.areaId, channels.status(link.areaId));
        const outcome = await byArea.get(link.areaId)!.then((status) => publishStatus(link, { status })).catch((err: unknown) => {
          logError(log, err, "channel status not published", { linkId: link.id });
          return "failed";
        });
        counts[outcome] = (counts[outcome] ?? 0) + 1;
      }
      return counts;
    },

    /**
     * The weekly digest to every linked channel once its moment this week has come: claimed
     * first (so two bot processes never both post it), given back if the post fails.
     */
    async postDigests(): Promise<Record<string, number>> {
      const counts: Record<string, number> = {};
      const day = channels.digestDue(now());
      if (!day) return counts;
      for (const link of await channelLinks.listAll()) {
        if (link.lastDigestDate && link.lastDigestDate >= day) continue;
        if (!(await channelLinks.claimDigest(link.id, day))) continue;
        try {
          await proactive.postCard(link, await views.channelDigest(link.areaId));
          counts.posted = (counts.posted ?? 0) + 1;
        } catch (err) {
          if (await gone(link, err)) {
            counts.gone = (counts.gone ?? 0) + 1;
            continue;
          }
          // No answer in time: it may be in the channel, and a second digest is worse than none.
          if (err instanceof BotConnectorTimeoutError) {
            log.warn({ linkId: link.id }, "no answer from Teams in time; digest may have arrived, not posted again");
            counts.unconfirmed = (counts.unconfirmed ?? 0) + 1;
            continue;
          }
          await channelLinks.releaseDigest(link.id, day, link.lastDigestDate);
          logError(log, err, "channel digest not posted", { linkId: link.id });
          counts.failed = (counts.failed ?? 0) + 1;
        }
      }
      return counts;
    },
  };
}
