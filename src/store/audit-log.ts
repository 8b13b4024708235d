import type { AuditDetail, AuditEntry, AuditStamp, AuditSubjectKind, NewAuditEntry } from "../domain/audit.js";
import type { Db } from "./prisma-client.js";
import type { RawSql } from "./raw-sql.js";

/** A transaction client (or the client itself) that can write audit entries. */
type AuditWriter = Pick<Db, "auditEntry">;

/** One entry's row, as both writers below store it. */
function auditRow(stamp: AuditStamp, e: NewAuditEntry) {
  return {
    at: stamp.at,
    actorId: stamp.actorId,
    action: e.action,
    subjectKind: e.subjectKind,
    subjectId: e.subjectId,
    meetingId: e.meetingId ?? null,
    personId: e.personId ?? null,
    formerPersonId: e.formerPersonId ?? null,
    detail: JSON.stringify(e.detail ?? {}),
  };
}

/**
 * Appends entries in the caller's transaction: the change and its record commit together.
 * The table's triggers refuse every later delete and rewrite.
 */
export async function appendAudit(tx: AuditWriter, stamp: AuditStamp, entries: NewAuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.auditEntry.createMany({ data: entries.map((e) => auditRow(stamp, e)) });
}

/**
 * One entry as one raw statement, the same row `appendAudit` writes: for the writing click's path,
 * where a model query costs more than the SQL (decision 0031). Plain SQL both databases run.
 */
export async function appendAuditEntry(tx: Pick<RawSql, "$executeRaw">, stamp: AuditStamp, entry: NewAuditEntry): Promise<void> {
  const r = auditRow(stamp, entry);
  await tx.$executeRaw`
    INSERT INTO "AuditEntry" ("at", "actorId", "action", "subjectKind", "subjectId", "meetingId", "personId", "formerPersonId", "detail")
    VALUES (${r.at}, ${r.actorId}, ${r.action}, ${r.subjectKind}, ${r.subjectId}, ${r.meetingId}, ${r.personId}, ${r.formerPersonId}, ${r.detail})`;
}

type AuditRow = {
  seq: number;
  at: Date;
  actorId: string;
  action: string;
  subjectKind: string;
  subjectId: string;
  meetingId: string | null;
  personId: string | null;
  formerPersonId: string | null;
  detail: string;
};

export function toAuditEntry(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actorId: r.actorId,
    action: r.action as AuditEntry["action"],
    subjectKind: r.subjectKind as AuditSubjectKind,
    subjectId: r.subjectId,
    meetingId: r.meetingId ?? undefined,
    personId: r.personId ?? undefined,
    formerPersonId: r.formerPersonId ?? undefined,
    detail: JSON.parse(r.detail) as AuditDetail,
  };
}

export interface AuditQuery {
  /** Entries about this subject, or about anything in this meeting when it is a meeting id. */
  subjectId?: string;
  /** Entries made by this person, or about them (owner before or after). */
  personId?: string;
  limit?: number;
}

/** Reads the log for the administrator's `npm run audit` and for gdpr:export. */
export function createAuditLog(db: Db) {
  return {
    async list(q: AuditQuery): Promise<AuditEntry[]> {
      const or = [
        ...(q.subjectId ? [{ subjectId: q.subjectId }, { meetingId: q.subjectId }] : []),
        ...(q.personId ? [{ actorId: q.personId }, { personId: q.personId }, { formerPersonId: q.personId }, { subjectId: q.personId }] : []),
      ];
      const rows = await db.auditEntry.findMany({ where: or.length ? { OR: or } : {}, orderBy: { seq: "asc" }, ...(q.limit ? { take: q.limit } : {}) });
      return rows.map(toAuditEntry);
    },
  };
}

export type AuditLogReader = ReturnType<typeof createAuditLog>;
