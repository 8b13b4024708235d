import { UNCONFIRMED, UNCONFIRMED_TIMEOUT } from "../domain/delivery-service.js";
import { ABOUT_REACHING } from "../domain/reach-service.js";
import type { NotificationKind } from "../domain/types.js";
import { WAIT, whyWaiting, type WaitingReason } from "../domain/wait-reasons.js";
import type { Db } from "./prisma-client.js";
import { toPreferences } from "./preference-repository.js";

/** A send that has not gone yet: when it is due, and why it has not gone (ids only, no names). */
export type WaitingSend = {
  id: string;
  kind: string;
  personId: string;
  /** The meeting, follow-up, … it is about (`npm run audit -- <id>`). */
  subjectId: string;
  dueAt: Date;
  attempts: number;
} & WaitingReason;

export interface OutboxReport {
  /** Rows per status and kind. */
  counts: { status: string; kind: string; count: number }[];
  /** Sends that failed for good, newest first: what, to whom, why. */
  failed: { kind: string; person: string; reason: string; dueAt: Date; attempts: number }[];
  /** Rows whose worker died while posting them: they may or may not have arrived. */
  unconfirmed: { kind: string; person: string; sentAt: Date }[];
  /** Every send not gone yet (up to `waitingLimit`), soonest due first, with the reason it waits. */
  waiting: WaitingSend[];
  /** How many sends have not gone yet (pending or being sent), listed or not. */
  waitingTotal: number;
  /** Pending rows due more than an hour ago that nobody is working on: the bot may not be running. */
  late: number;
  /** People Teams refused sends to (the bot was removed, the user is gone). */
  inactive: { person: string; reason: string; since?: Date }[];
  /** People cards wait for because the bot cannot reach them (ids only), longest waiting first. */
  unreachable: UnreachablePerson[];
}

/** Someone cards wait for: how many, since when, the proactive installation, and who was told. */
export interface UnreachablePerson {
  personId: string;
  /** Cards waiting for them. */
  waiting: number;
  /** When the first of them began to wait. */
  since?: Date;
  /** Never reached (no conversation), why Teams refuses their chat, or back just now (their cards go at the next tick). */
  conversation: { state: "never" } | { state: "refused"; reason: string; since?: Date } | { state: "back" };
  /** The latest proactive installation for them (PROACTIVE_INSTALL=on). */
  install?: { status: string; reason?: string; attempts: number; at: Date };
  /** The notices about them: to whom (id), sent (when) or still to go (when due), or dropped (why). */
  told: { to: string; status: string; at: Date; reason?: string }[];
}

const LATE_MS = 3_600_000;
const NOT_GONE = ["pending", "sending"];

/**
 * What an administrator needs to see about the outbox (`npm run status`). `limit` caps the lists
 * of failures, unconfirmed sends and inactive people; `waitingLimit` the sends not gone yet
 * (undefined: all). `tz` is the time zone of working days and absences.
 */
export async function outboxReport(db: Db, now: Date, opts: { limit?: number; waitingLimit?: number; tz?: string } = {}): Promise<OutboxReport> {
  const limit = opts.limit ?? 20;
  const tz = opts.tz ?? "Europe/Copenhagen";
  const [groups, failed, unconfirmed, waiting, waitingTotal, late, inactive] = await Promise.all([
    db.notification.groupBy({ by: ["status", "kind"], _count: { _all: true }, orderBy: [{ status: "asc" }, { kind: "asc" }] }),
    db.notification.findMany({ where: { status: "failed" }, orderBy: { dueAt: "desc" }, take: limit }),
    db.notification.findMany({ where: { status: "sent", lastError: { in: [UNCONFIRMED, UNCONFIRMED_TIMEOUT] } }, orderBy: { sentAt: "desc" }, take: limit }),
    db.notification.findMany({
      where: { status: { in: NOT_GONE } },
      orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      take: opts.waitingLimit,
      select: { id: true, kind: true, personId: true, subjectId: true, status: true, dueAt: true, lastError: true, attempts: true, waitingSince: true },
    }),
    db.notification.count({ where: { status: { in: NOT_GONE } } }),
    db.notification.count({ where: { status: "pending", dueAt: { lt: new Date(now.getTime() - LATE_MS) } } }),
    db.conversationRef.findMany({ where: { active: false }, orderBy: { inactiveSince: "desc" }, take: limit }),
  ]);
  const ids = [...new Set([...failed, ...unconfirmed].map((r) => r.personId).concat(inactive.map((c) => c.personId)))];
  const waitingFor = [...new Set(waiting.map((r) => r.personId))];
  const [people, preferences, conversations] = await Promise.all([
    db.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    db.preference.findMany({ where: { personId: { in: waitingFor } } }),
    db.conversationRef.findMany({ where: { personId: { in: waitingFor } }, select: { personId: true, active: true, inactiveReason: true } }),
  ]);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const prefsOf = new Map(preferences.map((p) => [p.personId, toPreferences(p)]));
  const conversationOf = new Map(conversations.map((c) => [c.personId, { active: c.active, inactiveReason: c.inactiveReason ?? undefined }]));
  const person = (id: string) => `${names.get(id) ?? "(ukendt)"} (${id})`;
  return {
    counts: groups.map((g) => ({ status: g.status, kind: g.kind, count: g._count._all })),
    failed: failed.map((r) => ({ kind: r.kind, person: person(r.personId), reason: r.lastError ?? "", dueAt: r.dueAt, attempts: r.attempts })),
    unconfirmed: unconfirmed.map((r) => ({ kind: r.kind, person: person(r.personId), sentAt: r.sentAt ?? r.dueAt })),
    waiting: waiting.map((r) => {
      const reason = whyWaiting(
        { kind: r.kind as NotificationKind, status: r.status, dueAt: r.dueAt, lastError: r.lastError ?? undefined, attempts: r.attempts, waitingSince: r.waitingSince ?? undefined },
        { preferences: prefsOf.get(r.personId) ?? toPreferences(null), conversation: conversationOf.get(r.personId) },
        now,
        tz,
      );
      return { id: r.id, kind: r.kind, personId: r.personId, subjectId: r.subjectId, dueAt: r.dueAt, attempts: r.attempts, ...reason };
    }),
    waitingTotal,
    late,
    inactive: inactive.map((c) => ({ person: person(c.personId), reason: c.inactiveReason ?? "", since: c.inactiveSince ?? undefined })),
    unreachable: await unreachablePeople(db, opts.waitingLimit),
  };
}

/** The people cards wait for because they cannot be reached (WAIT.noConversation), longest waiting first. */
async function unreachablePeople(db: Db, limit: number | undefined): Promise<UnreachablePerson[]> {
  const groups = await db.notification.groupBy({
    by: ["personId"],
    where: { status: { in: NOT_GONE }, lastError: WAIT.noConversation, kind: { notIn: [...ABOUT_REACHING] } },
    _count: { _all: true },
    _min: { waitingSince: true },
  });
  const people = groups.sort((a, b) => (a._min.waitingSince?.getTime() ?? 0) - (b._min.waitingSince?.getTime() ?? 0)).slice(0, limit);
  const ids = people.map((g) => g.personId);
  const [conversations, about] = await Promise.all([
    db.conversationRef.findMany({ where: { personId: { in: ids } }, select: { personId: true, active: true, inactiveReason: true, inactiveSince: true } }),
    db.notification.findMany({ where: { subjectId: { in: ids }, kind: { in: [...ABOUT_REACHING] } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
  ]);
  const conversationOf = new Map(conversations.map((c) => [c.personId, c]));
  return people.map((g) => {
    const c = conversationOf.get(g.personId);
    const rows = about.filter((r) => r.subjectId === g.personId);
    const install = rows.find((r) => r.kind === "app_install");
    return {
      personId: g.personId,
      waiting: g._count._all,
      since: g._min.waitingSince ?? undefined,
      conversation: !c ? { state: "never" } : c.active ? { state: "back" } : { state: "refused", reason: c.inactiveReason ?? "", since: c.inactiveSince ?? undefined },
      install: install ? { status: install.status, reason: install.lastError ?? undefined, attempts: install.attempts, at: install.sentAt ?? install.dueAt } : undefined,
      told: rows
        .filter((r) => r.kind === "person_unreachable")
        .map((r) => ({ to: r.personId, status: r.status, at: r.sentAt ?? r.dueAt, reason: r.status === "cancelled" || r.status === "failed" ? (r.lastError ?? undefined) : undefined })),
    };
  });
}
