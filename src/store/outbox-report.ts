import { UNCONFIRMED, UNCONFIRMED_TIMEOUT } from "../domain/delivery-service.js";
import { WAIT } from "../domain/wait-reasons.js";
import type { Db } from "./prisma-client.js";

export interface OutboxReport {
  /** Rows per status and kind. */
  counts: { status: string; kind: string; count: number }[];
  /** Sends that failed for good, newest first: what, to whom, why. */
  failed: { kind: string; person: string; reason: string; dueAt: Date; attempts: number }[];
  /** Rows whose worker died while posting them: they may or may not have arrived. */
  unconfirmed: { kind: string; person: string; sentAt: Date }[];
  /** Pending rows waiting on the person (not installed, absent) or on working hours. */
  waiting: { reason: string; count: number }[];
  /** Pending rows due more than an hour ago that nobody is working on: the bot may not be running. */
  late: number;
  /** People Teams refused sends to (the bot was removed, the user is gone). */
  inactive: { person: string; reason: string; since?: Date }[];
}

const LATE_MS = 3_600_000;

/** What an administrator needs to see about the outbox (`npm run status`). */
export async function outboxReport(db: Db, now: Date, limit = 20): Promise<OutboxReport> {
  const [groups, failed, unconfirmed, waiting, late, inactive] = await Promise.all([
    db.notification.groupBy({ by: ["status", "kind"], _count: { _all: true }, orderBy: [{ status: "asc" }, { kind: "asc" }] }),
    db.notification.findMany({ where: { status: "failed" }, orderBy: { dueAt: "desc" }, take: limit }),
    db.notification.findMany({ where: { status: "sent", lastError: { in: [UNCONFIRMED, UNCONFIRMED_TIMEOUT] } }, orderBy: { sentAt: "desc" }, take: limit }),
    db.notification.groupBy({ by: ["lastError"], where: { status: "pending", lastError: { in: Object.values(WAIT) } }, _count: { _all: true } }),
    db.notification.count({ where: { status: "pending", dueAt: { lt: new Date(now.getTime() - LATE_MS) } } }),
    db.conversationRef.findMany({ where: { active: false }, orderBy: { inactiveSince: "desc" }, take: limit }),
  ]);
  const ids = [...new Set([...failed, ...unconfirmed].map((r) => r.personId).concat(inactive.map((c) => c.personId)))];
  const names = new Map((await db.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  const person = (id: string) => `${names.get(id) ?? "(ukendt)"} (${id})`;
  return {
    counts: groups.map((g) => ({ status: g.status, kind: g.kind, count: g._count._all })),
    failed: failed.map((r) => ({ kind: r.kind, person: person(r.personId), reason: r.lastError ?? "", dueAt: r.dueAt, attempts: r.attempts })),
    unconfirmed: unconfirmed.map((r) => ({ kind: r.kind, person: person(r.personId), sentAt: r.sentAt ?? r.dueAt })),
    waiting: waiting.map((w) => ({ reason: w.lastError ?? "", count: w._count._all })),
    late,
    inactive: inactive.map((c) => ({ person: person(c.personId), reason: c.inactiveReason ?? "", since: c.inactiveSince ?? undefined })),
  };
}
