import type { ReferatApprovalRepository } from "../domain/ports.js";
import { appendAudit } from "./audit-log.js";
import { isUniqueViolation } from "./errors.js";
import type { Db } from "./prisma-client.js";

/** Approvals of and remarks to referat versions; each written with its audit entry (ids only, never the remark's text). */
export function createReferatApprovalRepository(db: Db): ReferatApprovalRepository {
  return {
    async approve(a) {
      try {
        await db.$transaction(async (tx) => {
          await tx.referatApproval.create({ data: a });
          await appendAudit(tx, { actorId: a.personId, at: a.approvedAt }, [
            { action: "referat.approved", subjectKind: "meeting", subjectId: a.meetingId, meetingId: a.meetingId, personId: a.personId, detail: { referatVersion: a.version } },
          ]);
        });
        return true;
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        return false;
      }
    },

    async addRemark(r, textHash) {
      try {
        await db.$transaction(async (tx) => {
          await tx.referatRemark.create({ data: { ...r, textHash } });
          await appendAudit(tx, { actorId: r.personId, at: r.at }, [
            { action: "referat.remarked", subjectKind: "meeting", subjectId: r.meetingId, meetingId: r.meetingId, personId: r.personId, detail: { referatVersion: r.version, remarkId: r.id } },
          ]);
        });
        return { fresh: true, remark: r };
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        // The same text from the same person to the same version is there already (a repeated or simultaneous click).
        const earlier = await db.referatRemark.findUniqueOrThrow({
          where: { meetingId_version_personId_textHash: { meetingId: r.meetingId, version: r.version, personId: r.personId, textHash } },
          omit: { textHash: true },
        });
        return { fresh: false, remark: earlier };
      }
    },

    async remark(id) {
      return (await db.referatRemark.findUnique({ where: { id }, omit: { textHash: true } })) ?? undefined;
    },

    async askable(meetingId) {
      const [meeting, start] = await Promise.all([
        db.meeting.findUnique({ where: { id: meetingId }, select: { minutesErasedAt: true } }),
        db.referatApprovalStart.findUnique({ where: { meetingId } }),
      ]);
      return { minutesErased: !!meeting?.minutesErasedAt, fromVersion: start?.fromVersion ?? 1 };
    },

    async approvals(meetingId, version) {
      return db.referatApproval.findMany({ where: { meetingId, ...(version === undefined ? {} : { version }) }, orderBy: [{ version: "asc" }, { approvedAt: "asc" }, { personId: "asc" }] });
    },

    async remarks(meetingId, version) {
      return db.referatRemark.findMany({ where: { meetingId, ...(version === undefined ? {} : { version }) }, omit: { textHash: true }, orderBy: [{ version: "asc" }, { at: "asc" }, { id: "asc" }] });
    },
  };
}
