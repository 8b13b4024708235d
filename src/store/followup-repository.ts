import { randomUUID } from "node:crypto";
import type { FollowUpRepository } from "../domain/ports.js";
import type { FollowUp, FollowUpEvent, Person } from "../domain/types.js";
import { Prisma } from "../generated/prisma/client.js";
import { followUpAuditEntry } from "../domain/audit.js";
import { appendAuditEntry } from "./audit-log.js";
import { chunked } from "./chunked.js";
import { cancelPendingOfKinds } from "./notification-repository.js";
import type { Db } from "./prisma-client.js";
import { rawSqlOf, type RawSql } from "./raw-sql.js";
import { followUpViewInclude, toEvent, toFollowUp, toFollowUpViews } from "./mappers.js";
import { readFollowUpView } from "./followup-view-query.js";

type LoadPeople = (ids: Iterable<string>) => Promise<Map<string, Person>>;

/** What a change may set on a follow-up (besides its version). */
type Patch = Partial<Pick<FollowUp, "status" | "dueDate" | "evaluateAtNextMeeting" | "ownerId">> & { doneAt?: Date | null; evaluateOn?: string | null };
const PATCHABLE = ["status", "dueDate", "doneAt", "evaluateAtNextMeeting", "ownerId", "evaluateOn"] as const satisfies readonly (keyof Patch)[];

export function createFollowUpRepository(db: Db, loadPeople: LoadPeople): FollowUpRepository {
  const sql = rawSqlOf(db);
  const toViews = (rows: Parameters<typeof toFollowUpViews>[0], known?: readonly Person[]) => toFollowUpViews(rows, loadPeople, known);

  /**
   * The version-checked write: the row's meeting and (new) owner as it now is, or undefined when
   * the follow-up is gone or no longer at `expectedVersion`. One raw statement (UPDATE … RETURNING,
   * which SQLite and PostgreSQL both run): every change of a follow-up passes here, the writing
   * click among them (decision 0031), in a transaction on the driver (decision 0035). Only the
   * columns of `Patch` can be set.
   */
  async function bump(tx: RawSql, id: string, expectedVersion: number, patch: Patch) {
    const sets = PATCHABLE.filter((c) => patch[c] !== undefined).map((c) => Prisma.sql`${Prisma.raw(`"${c}"`)} = ${patch[c]}`);
    const rows = await tx.$queryRaw<{ meetingId: string; ownerId: string }[]>`
      UPDATE "FollowUp" SET ${Prisma.join([...sets, Prisma.sql`"version" = "version" + 1`], ", ")}
      WHERE "id" = ${id} AND "version" = ${expectedVersion}
      RETURNING "meetingId", "ownerId"`;
    return rows[0];
  }

  /**
   * The follow-up's own history and the audit log, in the change's transaction. Every change of a
   * follow-up passes here (the writing click's path, decision 0031), so both are raw statements:
   * plain SQL that SQLite and PostgreSQL both run (the audit row as `appendAudit` writes it).
   */
  async function record(tx: RawSql, id: string, row: { meetingId: string; ownerId: string }, event: FollowUpEvent): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO "FollowUpEvent" ("id", "followUpId", "kind", "actorId", "at", "data")
      VALUES (${randomUUID()}, ${id}, ${event.kind}, ${event.actorId}, ${event.at}, ${JSON.stringify(event.data)})`;
    await appendAuditEntry(tx, event, followUpAuditEntry(id, row.meetingId, event, row.ownerId));
  }

  return {
    async get(id, known) {
      // On every click's path (the command reads it, the answer shows it): one raw join.
      const r = await readFollowUpView(sql, id);
      if (!r) return undefined;
      return (await toViews([r], known))[0];
    },

    async listOpenByOwner(ownerId, limit, known) {
      const where = { ownerId, status: "open" };
      const rows = await db.followUp.findMany({ where, include: followUpViewInclude, orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }], take: limit });
      // Fewer than a page: that is all of them (most people), so they need no count of their own.
      const total = rows.length < limit ? rows.length : await db.followUp.count({ where });
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

    async update(id, expectedVersion, patch, event, also = {}) {
      return sql.$transaction(async (tx) => {
        const row = await bump(tx, id, expectedVersion, { ...patch, ...(patch.status === "open" ? { doneAt: null } : {}) });
        if (!row) return false;
        await record(tx, id, row, event);
        if (also.cancelPending) await cancelPendingOfKinds(tx, id, also.cancelPending.kinds);
        return true;
      });
    },

    async addComment(id, expectedVersion, event) {
      // A comment changes what the card shows, so it moves the version on like any other change.
      return sql.$transaction(async (tx) => {
        const row = await bump(tx, id, expectedVersion, {});
        if (!row) return false;
        await record(tx, id, row, event);
        return true;
      });
    },

    async history(id) {
      const rows = await db.followUpEvent.findMany({ where: { followUpId: id }, orderBy: { at: "asc" } });
      return rows.map(toEvent);
    },
  };
}
