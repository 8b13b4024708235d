import type { GuestLinkRecord, GuestLinkRepository } from "../domain/ports.js";
import { appendAudit } from "./audit-log.js";
import { isUniqueViolation } from "./errors.js";
import type { Db } from "./prisma-client.js";

const select = { id: true, meetingId: true, personId: true, expiresAt: true, revokedAt: true, createdAt: true, lastUsedAt: true } as const;

function toRecord(r: { id: string; meetingId: string; personId: string; expiresAt: Date; revokedAt: Date | null; createdAt: Date; lastUsedAt: Date | null }): GuestLinkRecord {
  return { id: r.id, meetingId: r.meetingId, personId: r.personId, expiresAt: r.expiresAt, revokedAt: r.revokedAt ?? undefined, createdAt: r.createdAt, lastUsedAt: r.lastUsedAt ?? undefined };
}

/** A live link's key: unique while live, null once revoked (so one live link per meeting and person). */
const liveKeyOf = (meetingId: string, personId: string) => `${meetingId}:${personId}`;

/** People outside Teams' links to a meeting's page (docs/decisions/0025). Only the token's hash is stored. */
export function createGuestLinkRepository(db: Db): GuestLinkRepository {
  const live = async (meetingId: string, personId: string) => {
    const r = await db.guestLink.findUnique({ where: { liveKey: liveKeyOf(meetingId, personId) }, select });
    return r ? toRecord(r) : undefined;
  };
  return {
    live,

    async createLive(link, by) {
      try {
        const r = await db.$transaction(async (tx) => {
          const made = await tx.guestLink.create({ data: { ...link, liveKey: liveKeyOf(link.meetingId, link.personId), createdAt: by.at }, select });
          await appendAudit(tx, by, [{ action: "guest_link.created", subjectKind: "guest_link", subjectId: link.id, meetingId: link.meetingId, personId: link.personId }]);
          return made;
        });
        return toRecord(r);
      } catch (err) {
        // Made by someone else meanwhile: theirs is the one live link.
        if (!isUniqueViolation(err)) throw err;
        const other = await live(link.meetingId, link.personId);
        if (!other) throw err;
        return other;
      }
    },

    async byTokenHash(tokenHash) {
      const r = await db.guestLink.findUnique({ where: { tokenHash }, select });
      return r ? toRecord(r) : undefined;
    },

    async byId(id) {
      const r = await db.guestLink.findUnique({ where: { id }, select });
      return r ? toRecord(r) : undefined;
    },

    async revoke(id, by) {
      return db.$transaction(async (tx) => {
        const r = await tx.guestLink.findUnique({ where: { id }, select: { meetingId: true, personId: true } });
        if (!r) return "gone" as const;
        const res = await tx.guestLink.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: by.at, liveKey: null } });
        if (res.count === 0) return "already-revoked" as const;
        await appendAudit(tx, by, [{ action: "guest_link.revoked", subjectKind: "guest_link", subjectId: id, meetingId: r.meetingId, personId: r.personId }]);
        return "revoked" as const;
      });
    },

    async setExpiry(id, expiresAt) {
      await db.guestLink.update({ where: { id }, data: { expiresAt } });
    },

    async touch(id, at) {
      await db.guestLink.updateMany({ where: { id }, data: { lastUsedAt: at } });
    },

    async latestOfMeeting(meetingId) {
      // Per person: the live link, else the one revoked last.
      const rows = (await db.guestLink.findMany({ where: { meetingId }, select })).map(toRecord);
      const rank = (l: GuestLinkRecord) => (l.revokedAt ? l.revokedAt.getTime() : Infinity);
      const best = new Map<string, GuestLinkRecord>();
      for (const l of rows) {
        const was = best.get(l.personId);
        if (!was || rank(l) > rank(was) || (rank(l) === rank(was) && l.createdAt > was.createdAt)) best.set(l.personId, l);
      }
      return [...best.values()];
    },
  };
}
