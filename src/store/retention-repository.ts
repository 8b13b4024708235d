import type { RetentionCandidate, RetentionRepository } from "../domain/retention-service.js";
import type { UnitType } from "../domain/types.js";
import { appendAudit } from "./audit-log.js";
import { chunked } from "./chunked.js";
import type { Db } from "./prisma-client.js";
import { createLoopRepository } from "./loop-repository.js";

/** Keys whose values are what a person wrote, inside a follow-up event's data. */
const TEXT_KEYS = ["text"];

const candidateSelect = { id: true, loopId: true, startsAt: true, unit: { select: { type: true } } } as const;

const toCandidate = (r: { id: string; loopId: string | null; startsAt: Date; unit: { type: string } }): RetentionCandidate => ({
  meetingId: r.id,
  loopId: r.loopId ?? undefined,
  startsAt: r.startsAt,
  unitType: r.unit.type as UnitType,
});

export function createRetentionRepository(db: Db): RetentionRepository {
  const loops = createLoopRepository(db);
  return {
    allLoops: () => loops.all(),

    async candidates(before, after, limit) {
      const rows = await db.meeting.findMany({
        where: {
          minutesErasedAt: null,
          startsAt: { lt: before },
          ...(after ? { OR: [{ startsAt: { gt: after.startsAt } }, { startsAt: after.startsAt, id: { gt: after.meetingId } }] } : {}),
        },
        select: candidateSelect,
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
        take: limit,
      });
      return rows.map(toCandidate);
    },

    async writtenToAfterErasure(since) {
      const touched = await db.auditEntry.findMany({
        where: { at: { gt: since }, meetingId: { not: null }, NOT: { actorId: { startsWith: "system:" } } },
        select: { meetingId: true, at: true },
      });
      if (touched.length === 0) return [];
      const rows = [];
      for (const ids of chunked([...new Set(touched.map((t) => t.meetingId!))])) {
        rows.push(...(await db.meeting.findMany({ where: { id: { in: ids }, minutesErasedAt: { not: null } }, select: { ...candidateSelect, minutesErasedAt: true } })));
      }
      return rows.filter((r) => touched.some((t) => t.meetingId === r.id && t.at > r.minutesErasedAt!)).map(toCandidate);
    },

    async eraseMinutes(meetingId, placeholder, by) {
      return db.$transaction(async (tx) => {
        const reflections = (await tx.reflection.deleteMany({ where: { meetingId } })).count;
        const boardStatements = (await tx.boardStatement.deleteMany({ where: { meetingId } })).count;
        // A selvejende board's afrapportering follows the læringssamtale it was written after.
        const boardReports = (await tx.boardReport.updateMany({ where: { meetingId, followedUp: { not: placeholder } }, data: { followedUp: placeholder } })).count;
        // Remarks to the referat are people's text about the minutes: they go with them (decision 0027).
        const referatRemarks = (await tx.referatRemark.updateMany({ where: { meetingId, text: { not: placeholder } }, data: { text: placeholder } })).count;
        // The text's hash goes too (it would fingerprint the text); the id keeps the unique index unique.
        if (referatRemarks) await tx.$executeRaw`UPDATE "ReferatRemark" SET "textHash" = "id" WHERE "meetingId" = ${meetingId}`;
        // A referat whose texts are erased is asked for approval no more (even while an open follow-up keeps one decision's text).
        const { referatVersion } = await tx.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { referatVersion: true } });
        if (referatVersion > 0) {
          const fromVersion = referatVersion + 1;
          await tx.referatApprovalStart.upsert({ where: { meetingId }, create: { meetingId, fromVersion }, update: { fromVersion } });
        }
        // A guest's way to be reached goes with the minutes' texts; the name stays on the participant list.
        // (A guest is a person of their own, origin "guest", there for this one meeting: decision 0025.)
        const present = (await tx.meetingParticipant.findMany({ where: { meetingId, role: "ad_hoc" }, select: { personId: true } })).map((p) => p.personId);
        if (present.length) await tx.person.updateMany({ where: { id: { in: present }, origin: "guest" }, data: { email: null, phone: null } });
        // A decision whose follow-up is still open keeps its text with it.
        const decisions = (await tx.decision.updateMany({ where: { meetingId, text: { not: placeholder }, followUps: { none: { status: "open" } } }, data: { text: placeholder } })).count;
        // Standing items keep their titles (they come from the template); what people wrote goes.
        const titles = (await tx.agendaItem.updateMany({ where: { meetingId, kind: { in: ["topic", "carried"] }, title: { not: placeholder } }, data: { title: placeholder } })).count;
        const recommendations = await tx.agendaItem.findMany({ where: { meetingId, recommendation: { not: null } }, select: { id: true } });
        await tx.agendaItem.updateMany({ where: { meetingId, recommendation: { not: null } }, data: { recommendation: null } });
        const closed = await tx.followUp.findMany({ where: { meetingId, status: { not: "open" } }, select: { id: true, text: true } });
        const followUps = closed.filter((f) => f.text !== placeholder).length;
        await tx.followUp.updateMany({ where: { id: { in: closed.map((f) => f.id) }, text: { not: placeholder } }, data: { text: placeholder } });
        let followUpEvents = 0;
        const events = await tx.followUpEvent.findMany({ where: { followUpId: { in: closed.map((f) => f.id) }, data: { contains: '"text"' } }, select: { id: true, data: true } });
        for (const e of events) {
          const data = JSON.parse(e.data) as Record<string, unknown>;
          for (const k of TEXT_KEYS) delete data[k];
          await tx.followUpEvent.update({ where: { id: e.id }, data: { data: JSON.stringify(data) } });
          followUpEvents += 1;
        }
        const followUpsKeptOpen = await tx.followUp.count({ where: { meetingId, status: "open" } });
        // Revisions are full copies of the form: they go once no follow-up of the meeting is open.
        const formRevisions = followUpsKeptOpen === 0 ? (await tx.formRevision.updateMany({ where: { meetingId, snapshot: { not: "{}" } }, data: { snapshot: "{}" } })).count : 0;
        if (followUpsKeptOpen === 0) await tx.meeting.update({ where: { id: meetingId }, data: { minutesErasedAt: by.at } });
        const counts = { reflections, boardStatements, boardReports, referatRemarks, decisions, agendaItems: titles + recommendations.length, followUps, followUpEvents, formRevisions, followUpsKeptOpen };
        const changed = reflections + boardStatements + boardReports + referatRemarks + decisions + counts.agendaItems + followUps + followUpEvents + formRevisions > 0;
        if (changed || followUpsKeptOpen === 0) {
          await appendAudit(tx, by, [
            { action: "meeting.minutes_erased", subjectKind: "meeting", subjectId: meetingId, meetingId, detail: { ...counts, finished: followUpsKeptOpen === 0 } },
          ]);
        }
        return counts;
      });
    },
  };
}
