import type { FollowUpRepository } from "../domain/ports.js";
import type { FollowUpEvent, Person } from "../domain/types.js";
import { followUpAuditEntry } from "../domain/audit.js";
import { appendAudit } from "./audit-log.js";
import { chunked } from "./chunked.js";
import type { Db } from "./prisma-client.js";
import { followUpViewInclude, toEvent, toFollowUp, toFollowUpViews } from "./mappers.js";

type LoadPeople = (ids: Iterable<string>) => Promise<Map<string, Person>>;

export function createFollowUpRepository(db: Db, loadPeople: LoadPeople): FollowUpRepository {
  const toViews = (rows: Parameters<typeof toFollowUpViews>[0], known?: readonly Person[]) => toFollowUpViews(rows, loadPeople, known);

  /** The follow-up's own history and the audit log, in the change's transaction. */
  async function record(tx: Pick<Db, "followUp" | "followUpEvent" | "auditEntry">, id: string, event: FollowUpEvent): Promise<void> {
    await tx.followUpEvent.create({ data: { followUpId: id, kind: event.kind, actorId: event.actorId, at: event.at, data: JSON.stringify(event.data) } });
    const row = await tx.followUp.findUniqueOrThrow({ where: { id }, select: { meetingId: true, ownerId: true } });
    await appendAudit(tx, event, [followUpAuditEntry(id, row.meetingId, event, row.ownerId)]);
  }

  return {
    async get(id, known) {
      const r = await db.followUp.findUnique({ where: { id }, include: followUpViewInclude });
      if (!r) return undefined;
      return (await toViews([r], known))[0];
    },

    async listOpenByOwner(ownerId, limit, known) {
      const where = { ownerId, status: "open" };
      const [rows, total] = await Promise.all([
        db.followUp.findMany({ where, include: followUpViewInclude, orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }], take: limit }),
        db.followUp.count({ where }),
      ]);
      return { items: await toViews(rows, known), total };
    },

    async listOpenOfInactiveOwners(unitIds) {
      const left = (await db.person.findMany({ where: { active: false }, select: { id: true } })).map((p) => p.id);
      if (left.length === 0) return [];
      const rows = [];
      for (const owners of chunked(left)) {
        rows.push(
          ...(await db.followUp.findMany({
            where: { status: "open", ownerId: { in: owners }, ...(unitIds ? { meeting: { unitId: { in: unitIds } } } : {}) },
            include: followUpViewInclude,
          })),
        );
      }
      rows.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.createdAt.getTime() - b.createdAt.getTime());
      return toViews(rows);
    },

    async listByMeeting(meetingId) {
      const rows = await db.followUp.findMany({ where: { meetingId }, orderBy: { createdAt: "asc" } });
      return rows.map(toFollowUp);
    },

    async listOpen() {
      const rows = await db.followUp.findMany({ where: { status: "open" }, orderBy: { dueDate: "asc" } });
      return rows.map(toFollowUp);
    },

    async update(id, expectedVersion, patch, event) {
      return db.$transaction(async (tx) => {
        const res = await tx.followUp.updateMany({
          where: { id, version: expectedVersion },
          data: { ...patch, ...(patch.status === "open" ? { doneAt: null } : {}), version: { increment: 1 } },
        });
        if (res.count !== 1) return false;
        await record(tx, id, event);
        return true;
      });
    },

    async addComment(id, expectedVersion, event) {
      // A comment changes what the card shows, so it moves the version on like any other change.
      return db.$transaction(async (tx) => {
        const res = await tx.followUp.updateMany({ where: { id, version: expectedVersion }, data: { version: { increment: 1 } } });
        if (res.count !== 1) return false;
        await record(tx, id, event);
        return true;
      });
    },

    async history(id) {
      const rows = await db.followUpEvent.findMany({ where: { followUpId: id }, orderBy: { at: "asc" } });
      return rows.map(toEvent);
    },
  };
}
