import type { FocusAreaEvaluations, FocusAreaRepository } from "../domain/ports.js";
import type { FocusArea, FocusAreaProposal, ProposedFocusArea } from "../domain/types.js";
import type { NewAuditEntry } from "../domain/audit.js";
import { appendAudit } from "./audit-log.js";
import { isUniqueViolation } from "./errors.js";
import { newId } from "../lib/ids.js";
import type { Db } from "./prisma-client.js";

function toFocusArea(f: {
  id: string;
  unitId: string;
  loopId: string;
  themeId: string;
  title: string;
  status: string;
  evaluateOn: string | null;
  evaluateAtNextMeeting: boolean;
  meetingId: string;
  position: number;
  version: number;
  proposedById: string | null;
  approvedById: string | null;
}): FocusArea {
  return { ...f, status: f.status as FocusArea["status"], evaluateOn: f.evaluateOn ?? undefined, proposedById: f.proposedById ?? undefined, approvedById: f.approvedById ?? undefined };
}

function toProposal(p: { id: string; unitId: string; loopId: string; meetingId: string; proposedById: string; rows: string; status: string; approvedById: string | null; approvedAt: Date | null; version: number; updatedAt: Date }): FocusAreaProposal {
  return {
    ...p,
    rows: JSON.parse(p.rows) as ProposedFocusArea[],
    status: p.status === "approved" ? "approved" : "pending",
    approvedById: p.approvedById ?? undefined,
    approvedAt: p.approvedAt ?? undefined,
  };
}

class VersionMoved extends Error {}

export function createFocusAreaRepository(db: Db): FocusAreaRepository {
  return {
    async list(unitId, loopId, opts = {}) {
      const rows = await db.focusArea.findMany({
        where: { unitId, loopId, ...(opts.activeOnly ? { status: "active" } : {}) },
        orderBy: [{ status: "asc" }, { position: "asc" }, { createdAt: "asc" }],
      });
      return rows.map(toFocusArea);
    },

    async get(id) {
      const f = await db.focusArea.findUnique({ where: { id } });
      return f ? toFocusArea(f) : undefined;
    },

    async apply(unitId, loopId, meetingId, change, by) {
      const at = by.at;
      const audit: NewAuditEntry[] = [];
      const entry = (action: NewAuditEntry["action"], id: string, detail: NewAuditEntry["detail"] = {}) =>
        audit.push({ action, subjectKind: "focus_area", subjectId: id, meetingId, detail });
      try {
        await db.$transaction(async (tx) => {
          for (const u of change.update) {
            const res = await tx.focusArea.updateMany({
              where: { id: u.id, unitId, loopId, version: u.expectedVersion, status: "active" },
              data: { themeId: u.themeId, title: u.title, evaluateOn: u.evaluateOn ?? null, position: u.position, version: { increment: 1 } },
            });
            if (res.count !== 1) throw new VersionMoved();
            entry("focus_area.edited", u.id, { themeId: u.themeId, evaluateOn: u.evaluateOn ?? null });
          }
          for (const e of change.end) {
            const res = await tx.focusArea.updateMany({
              where: { id: e.id, unitId, loopId, version: e.expectedVersion, status: "active" },
              data: { status: "ended", endedAt: at, version: { increment: 1 } },
            });
            if (res.count !== 1) throw new VersionMoved();
            entry("focus_area.ended", e.id);
          }
          for (const c of change.create) {
            await tx.focusArea.create({ data: { ...c, evaluateOn: c.evaluateOn ?? null, proposedById: c.proposedById ?? null, approvedById: c.approvedById ?? null, unitId, loopId, meetingId } });
            entry("focus_area.created", c.id, { themeId: c.themeId, evaluateOn: c.evaluateOn ?? null, proposed: !!c.proposedById });
          }
          if (change.approve) {
            const res = await tx.focusAreaProposal.updateMany({
              where: { id: change.approve.id, unitId, loopId, version: change.approve.expectedVersion, status: "pending" },
              data: { status: "approved", approvedById: by.actorId, approvedAt: at, version: { increment: 1 } },
            });
            if (res.count !== 1) throw new VersionMoved();
            audit.push({ action: "focus_area.proposal_approved", subjectKind: "focus_area_proposal", subjectId: change.approve.id, meetingId, detail: { created: change.create.length } });
          }
          await appendAudit(tx, by, audit);
        });
        return true;
      } catch (e) {
        if (e instanceof VersionMoved) return false;
        throw e;
      }
    },

    async update(id, expectedVersion, patch, by) {
      return db.$transaction(async (tx) => {
        const res = await tx.focusArea.updateMany({
          where: { id, version: expectedVersion, status: "active" },
          data: {
            ...(patch.evaluateOn !== undefined ? { evaluateOn: patch.evaluateOn } : {}),
            ...(patch.status ? { status: patch.status, endedAt: by.at } : {}),
            ...(patch.evaluateAtNextMeeting !== undefined ? { evaluateAtNextMeeting: patch.evaluateAtNextMeeting } : {}),
            version: { increment: 1 },
          },
        });
        if (res.count !== 1) return false;
        const row = await tx.focusArea.findUniqueOrThrow({ where: { id }, select: { meetingId: true } });
        const action = patch.status === "ended" ? "focus_area.ended" : patch.evaluateOn !== undefined ? "focus_area.extended" : "focus_area.evaluate_next";
        await appendAudit(tx, by, [{ action, subjectKind: "focus_area", subjectId: id, meetingId: row.meetingId, detail: patch.evaluateOn !== undefined ? { evaluateOn: patch.evaluateOn } : {} }]);
        return true;
      });
    },

    async proposal(unitId, loopId) {
      const p = await db.focusAreaProposal.findUnique({ where: { unitId_loopId: { unitId, loopId } } });
      return p ? toProposal(p) : undefined;
    },

    async saveProposal(p, expectedVersion, by) {
      const rows = JSON.stringify(p.rows);
      try {
        return await db.$transaction(async (tx) => {
          let saved;
          if (expectedVersion === 0) {
            saved = await tx.focusAreaProposal.create({ data: { id: newId(), unitId: p.unitId, loopId: p.loopId, meetingId: p.meetingId, proposedById: by.actorId, rows } });
          } else {
            const res = await tx.focusAreaProposal.updateMany({
              where: { unitId: p.unitId, loopId: p.loopId, version: expectedVersion, status: "pending" },
              data: { rows, meetingId: p.meetingId, proposedById: by.actorId, version: { increment: 1 } },
            });
            if (res.count !== 1) return undefined;
            saved = await tx.focusAreaProposal.findUniqueOrThrow({ where: { unitId_loopId: { unitId: p.unitId, loopId: p.loopId } } });
          }
          await appendAudit(tx, by, [{ action: "focus_area.proposed", subjectKind: "focus_area_proposal", subjectId: saved.id, meetingId: p.meetingId, detail: { rows: p.rows.length } }]);
          return toProposal(saved);
        });
      } catch (e) {
        // Two first proposals at the same moment: the other one was stored.
        if (expectedVersion === 0 && isUniqueViolation(e)) return undefined;
        throw e;
      }
    },

    async countActive(unitId, upTo) {
      return db.focusArea.count({ where: { unitId, status: "active" }, ...(upTo !== undefined ? { take: upTo } : {}) });
    },

    async evaluations(ids) {
      const out = new Map<string, FocusAreaEvaluations>();
      if (ids.length === 0) return out;
      const [areas, entries] = await Promise.all([
        db.focusArea.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, endedAt: true, evaluateAtNextMeeting: true } }),
        db.auditEntry.groupBy({ by: ["subjectId"], where: { subjectKind: "focus_area", action: "focus_area.extended", subjectId: { in: ids } }, _count: { _all: true } }),
      ]);
      const extended = new Map(entries.map((e) => [e.subjectId, e._count._all]));
      for (const a of areas) {
        out.set(a.id, { extended: extended.get(a.id) ?? 0, evaluateNext: a.evaluateAtNextMeeting && a.status === "active", endedAt: a.status === "ended" ? (a.endedAt ?? undefined) : undefined });
      }
      return out;
    },
  };
}
