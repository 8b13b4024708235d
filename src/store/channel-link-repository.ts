import type { ChannelLinkRepository } from "../domain/ports.js";
import type { ChannelLink } from "../domain/types.js";
import { STATUS_POSTING } from "../domain/channel-service.js";
import type { Db } from "./prisma-client.js";
import { isUniqueViolation } from "./errors.js";

type Row = {
  id: string; conversationId: string; teamId: string | null; areaId: string; serviceUrl: string; tenantId: string | null; reference: string; linkedById: string;
  statusActivityId: string | null; statusFingerprint: string | null; lastDigestDate: string | null;
};

const toLink = (r: Row): ChannelLink => ({
  id: r.id,
  conversationId: r.conversationId,
  teamId: r.teamId ?? undefined,
  areaId: r.areaId,
  serviceUrl: r.serviceUrl,
  tenantId: r.tenantId ?? undefined,
  reference: JSON.parse(r.reference) as Record<string, unknown>,
  linkedById: r.linkedById,
  statusActivityId: r.statusActivityId ?? undefined,
  statusFingerprint: r.statusFingerprint ?? undefined,
  lastDigestDate: r.lastDigestDate ?? undefined,
});


export function createChannelLinkRepository(db: Db): ChannelLinkRepository {
  const find = (conversationId: string, areaId: string) => db.channelLink.findUnique({ where: { conversationId_areaId: { conversationId, areaId } } });
  return {
    async upsert(link) {
      const existing = await find(link.conversationId, link.areaId);
      // The reference is refreshed (Teams may move a channel to another service URL).
      const data = { serviceUrl: link.serviceUrl, tenantId: link.tenantId ?? null, teamId: link.teamId ?? null, reference: JSON.stringify(link.reference) };
      if (existing) return { link: toLink(await db.channelLink.update({ where: { id: existing.id }, data })), created: false };
      try {
        return { link: toLink(await db.channelLink.create({ data: { id: link.id, conversationId: link.conversationId, areaId: link.areaId, linkedById: link.linkedById, ...data } })), created: true };
      } catch (e) {
        if (!isUniqueViolation(e)) throw e; // linked by a double click at the same moment
        return { link: toLink((await find(link.conversationId, link.areaId))!), created: false };
      }
    },
    async remove(conversationId, areaId) {
      const res = await db.channelLink.deleteMany({ where: { conversationId, areaId } });
      return res.count > 0;
    },
    async removeTeam(teamId) {
      return (await db.channelLink.deleteMany({ where: { teamId } })).count;
    },
    async removeById(id) {
      await db.channelLink.deleteMany({ where: { id } });
    },
    async get(conversationId, areaId) {
      const r = await find(conversationId, areaId);
      return r ? toLink(r) : undefined;
    },
    async clearFingerprint(id) {
      await db.channelLink.updateMany({ where: { id }, data: { statusFingerprint: null } });
    },
    async claimFirstPost(id, replacing) {
      const res = await db.channelLink.updateMany({ where: { id, statusActivityId: replacing ?? null }, data: { statusActivityId: STATUS_POSTING, statusFingerprint: null } });
      return res.count === 1;
    },
    async releaseFirstPost(id) {
      await db.channelLink.updateMany({ where: { id, statusActivityId: STATUS_POSTING }, data: { statusActivityId: null } });
    },
    async listForConversation(conversationId) {
      return (await db.channelLink.findMany({ where: { conversationId }, orderBy: { createdAt: "asc" } })).map(toLink);
    },
    async listAll() {
      return (await db.channelLink.findMany({ orderBy: { createdAt: "asc" } })).map(toLink);
    },
    async setStatus(id, activityId, fingerprint) {
      await db.channelLink.updateMany({ where: { id }, data: { statusActivityId: activityId, statusFingerprint: fingerprint } });
    },
    async claimDigest(id, date) {
      const res = await db.channelLink.updateMany({ where: { id, OR: [{ lastDigestDate: null }, { lastDigestDate: { lt: date } }] }, data: { lastDigestDate: date } });
      return res.count === 1;
    },
    async releaseDigest(id, date, previous) {
      await db.channelLink.updateMany({ where: { id, lastDigestDate: date }, data: { lastDigestDate: previous ?? null } });
    },
  };
}
