import type { RawSql } from "./raw-sql.js";
import type { toFollowUpView } from "./mappers.js";

/** A follow-up row as `followUpViewInclude` loads it (its meeting, its decision's text, its comments). */
export type FollowUpViewRow = Parameters<typeof toFollowUpView>[0];

/** One row of the join: the follow-up, its meeting and decision, and one of its comments (or none). */
interface JoinedRow {
  id: string;
  meetingId: string;
  decisionId: string | null;
  text: string;
  ownerId: string;
  dueDate: string;
  evaluateOn: string | null;
  evaluateAtNextMeeting: boolean | number | bigint;
  status: string;
  version: number | bigint;
  createdAt: Date | string | number;
  doneAt: Date | string | number | null;
  meetingKind: string;
  meetingStartsAt: Date | string | number;
  meetingChairId: string;
  meetingUnitId: string;
  decisionText: string | null;
  commentActorId: string | null;
  commentAt: Date | string | number | null;
  commentData: string | null;
}

/** A timestamp as either driver returns it from a raw query (PostgreSQL: Date; SQLite: its stored text or number). */
const asDate = (v: Date | string | number): Date => (v instanceof Date ? v : new Date(v));

/**
 * The follow-up as shown (its meeting, its decision's text and its comments, oldest first) in ONE
 * statement: Prisma's `include` runs a query per relation (4 on the writing click's path, each
 * through the query compiler). Plain SQL that SQLite and PostgreSQL both run; a follow-up with n
 * comments comes back as n rows (one with no comments as one). Undefined when there is no such follow-up.
 */
export async function readFollowUpView(db: Pick<RawSql, "$queryRaw">, id: string): Promise<FollowUpViewRow | undefined> {
  const rows = await db.$queryRaw<JoinedRow[]>`
    SELECT f."id", f."meetingId", f."decisionId", f."text", f."ownerId", f."dueDate", f."evaluateOn",
           f."evaluateAtNextMeeting", f."status", f."version", f."createdAt", f."doneAt",
           m."kind" AS "meetingKind", m."startsAt" AS "meetingStartsAt", m."chairId" AS "meetingChairId", m."unitId" AS "meetingUnitId",
           d."text" AS "decisionText",
           e."actorId" AS "commentActorId", e."at" AS "commentAt", e."data" AS "commentData"
    FROM "FollowUp" f
    JOIN "Meeting" m ON m."id" = f."meetingId"
    LEFT JOIN "Decision" d ON d."id" = f."decisionId"
    LEFT JOIN "FollowUpEvent" e ON e."followUpId" = f."id" AND e."kind" = 'commented'
    WHERE f."id" = ${id}
    ORDER BY e."at" ASC, e."id" ASC`;
  const f = rows[0];
  if (!f) return undefined;
  return {
    id: f.id,
    meetingId: f.meetingId,
    decisionId: f.decisionId,
    text: f.text,
    ownerId: f.ownerId,
    dueDate: f.dueDate,
    evaluateOn: f.evaluateOn,
    evaluateAtNextMeeting: Boolean(Number(f.evaluateAtNextMeeting)),
    status: f.status,
    version: Number(f.version),
    createdAt: asDate(f.createdAt),
    doneAt: f.doneAt === null ? null : asDate(f.doneAt),
    meeting: { id: f.meetingId, kind: f.meetingKind, startsAt: asDate(f.meetingStartsAt), chairId: f.meetingChairId, unitId: f.meetingUnitId },
    decision: f.decisionText === null ? null : { text: f.decisionText },
    events: rows.flatMap((r) => (r.commentActorId !== null && r.commentAt !== null && r.commentData !== null ? [{ actorId: r.commentActorId, at: asDate(r.commentAt), data: r.commentData }] : [])),
  };
}
