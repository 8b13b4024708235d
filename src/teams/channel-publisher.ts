import { createHash } from "node:crypto";
import type { Logger } from "pino";
import type { ChannelService } from "../domain/channel-service.js";
import type { ChannelLinkRepository } from "../domain/ports.js";
import type { ChannelLink } from "../domain/types.js";
import { logError } from "../lib/log-safe.js";
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

  /** Posts the status card, or updates the posted one if its content changed. */
  async function publishStatus(link: ChannelLink, opts: { force?: boolean } = {}): Promise<"posted" | "updated" | "unchanged"> {
    const status = await channels.status(link.areaId);
    const print = fingerprint(status);
    if (!opts.force && link.statusActivityId && link.statusFingerprint === print) return "unchanged";
    const card = views.areaStatus(status, now());
    if (link.statusActivityId) {
      try {
        await proactive.updateCard(link, link.statusActivityId, card);
        await channelLinks.setStatus(link.id, link.statusActivityId, print);
        return "updated";
      } catch (err) {
        // Deleted in Teams (or never there): a new one is posted below; anything else is retried next tick.
        if (proactive.statusOf(err) !== 404) throw err;
      }
    }
    const id = await proactive.postCard(link, card);
    await channelLinks.setStatus(link.id, id, print);
    return "posted";
  }

  return {
    publishStatus,

    /** Every linked channel's status card, as the scheduler's tick runs it. */
    async refreshAll(): Promise<Record<string, number>> {
      const counts: Record<string, number> = {};
      for (const link of await channelLinks.listAll()) {
        const outcome = await publishStatus(link).catch((err: unknown) => {
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
          await channelLinks.releaseDigest(link.id, day, link.lastDigestDate);
          logError(log, err, "channel digest not posted", { linkId: link.id });
          counts.failed = (counts.failed ?? 0) + 1;
        }
      }
      return counts;
    },
  };
}
