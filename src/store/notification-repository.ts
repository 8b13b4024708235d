import type { CancelPendingOptions, NotificationRepository } from "../domain/ports.js";
import type { Notification } from "../domain/types.js";
import type { Db, Dialect } from "./prisma-client.js";
import { isUniqueViolation } from "./errors.js";
import { Prisma } from "../generated/prisma/client.js";
import { rawDate } from "./mappers.js";
import type { RawSql } from "./raw-sql.js";

type Row = {
  id: string; key: string; kind: string; personId: string; subjectId: string; dueAt: Date | string | number; notAfter: Date | string | number | null; status: string;
  attempts: number | bigint; createdAt: Date | string | number; leaseUntil: Date | string | number | null; immediate: boolean | number | bigint; postStartedAt: Date | string | number | null;
  waitingSince: Date | string | number | null;
  lastError: string | null;
  sentAt: Date | string | number | null;
};

/** Raw queries may give dates as numbers or strings and booleans as 0/1, depending on the driver. */
const date = rawDate;
const optDate = (v: Date | string | number | null): Date | undefined => (v === null ? undefined : date(v));

function toNotification(r: Row): Notification {
  return {
    id: r.id,
    key: r.key,
    kind: r.kind as Notification["kind"],
    personId: r.personId,
    subjectId: r.subjectId,
    dueAt: date(r.dueAt),
    notAfter: optDate(r.notAfter),
    status: r.status as Notification["status"],
    attempts: Number(r.attempts),
    createdAt: date(r.createdAt),
    leaseUntil: optDate(r.leaseUntil),
    immediate: Boolean(Number(r.immediate)),
    postStartedAt: optDate(r.postStartedAt),
    waitingSince: optDate(r.waitingSince),
    lastError: r.lastError ?? undefined,
    sentAt: optDate(r.sentAt),
  };
}

/** The row as claimed: still being sent under this very lease. */
const held = (n: Pick<Notification, "id" | "leaseUntil">) => ({ id: n.id, status: "sending", leaseUntil: n.leaseUntil ?? null });

/**
 * Why a cancelled row may be planned again under the same key: it was replaced (a date or owner
 * moved and came back, a follow-up reopened), or a «cannot be reached» notice found nothing waiting
 * any more and something waits again. Not when the person muted it, or it came too late.
 */
const PLAN_CHUNK = 400;
const REVIVABLE = ["superseded", "due-date-changed", "owner-changed", "evaluation-date-changed", "followup-not-open", "meeting-not-planned", "nothing-waiting"];

/**
 * The pending reminders of `kinds` (all kinds when not given) cancelled, in the caller's
 * transaction: a follow-up's change cancels its reminders with it (the writing click's path,
 * decision 0031). One raw statement, which SQLite and PostgreSQL both run.
 */
export async function cancelPendingOfKinds(tx: Pick<RawSql, "$executeRaw">, subjectId: string, kinds?: readonly string[]): Promise<number> {
  if (kinds?.length === 0) return 0;
  const only = kinds ? Prisma.sql` AND "kind" IN (${Prisma.join(kinds)})` : Prisma.empty;
  return tx.$executeRaw`UPDATE "Notification" SET "status" = 'cancelled', "lastError" = 'superseded' WHERE "subjectId" = ${subjectId} AND "status" = 'pending'${only}`;
}

/**
 * `NotificationRepository.cancelPending`, in the caller's transaction when given one (a change
 * and the reminders it ends commit together).
 */
export async function cancelPendingIn(tx: Pick<Db, "notification" | "$executeRaw">, subjectId: string, opts: CancelPendingOptions = {}): Promise<number> {
  if (!opts.exceptKeys?.length) return cancelPendingOfKinds(tx, subjectId, opts.kinds);
  const res = await tx.notification.updateMany({
    where: {
      subjectId,
      status: "pending",
      ...(opts.kinds ? { kind: { in: opts.kinds } } : {}),
      // A kept key keeps its snoozed copies too ("<key>|snooze@…").
      ...(opts.exceptKeys?.length ? { NOT: { OR: [{ key: { in: opts.exceptKeys } }, ...opts.exceptKeys.map((k) => ({ key: { startsWith: `${k}|` } }))] } } : {}),
    },
    data: { status: "cancelled", lastError: "superseded" },
  });
  return res.count;
}

export function createNotificationRepository(db: Db, dialect: Dialect = "sqlite"): NotificationRepository {
  // PostgreSQL: rows another instance is claiming right now are skipped, not waited for (its
  // UPDATE holds their row locks); SQLite runs the whole statement under its one write lock.
  // Rows due at the same moment are taken in the order they were planned (a meeting pack's agenda
  // before its reflection guide): SQLite's index gives them in rowid order, PostgreSQL is told so.
  /**
   * Every kind, only some kinds, or all but some (the Graph rows, the chairs' calendar events and
   * guest-link mails, are claimed apart from the cards). Parameters in order: lease, due, expired,
   * [kinds…,] limit.
   */
  const claimSqlFor = (kindFilter: "" | "only" | "except", kindCount: number) => {
    const p = (n: number) => (dialect === "postgresql" ? `$${n}` : "?");
    const list = Array.from({ length: kindCount }, (_v, i) => p(4 + i)).join(", ");
    const kindClause = kindFilter === "only" ? ` AND "kind" IN (${list})` : kindFilter === "except" ? ` AND "kind" NOT IN (${list})` : "";
    const limitP = p(4 + (kindFilter ? kindCount : 0));
    return `UPDATE "Notification" SET "status" = 'sending', "leaseUntil" = ${p(1)}, "attempts" = "attempts" + 1
         WHERE "id" IN (
           SELECT "id" FROM "Notification"
           WHERE "dueAt" <= ${p(2)} AND ("status" = 'pending' OR ("status" = 'sending' AND "leaseUntil" < ${p(3)}))${kindClause}
           ORDER BY "dueAt"${dialect === "postgresql" ? `, "createdAt", "id"` : ""} LIMIT ${limitP}${dialect === "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""}
         )
         RETURNING "id", "key", "kind", "personId", "subjectId", "dueAt", "notAfter", "status", "attempts", "createdAt", "leaseUntil", "immediate", "postStartedAt", "waitingSince", "lastError", "sentAt"`;
  };
  const claimSql = new Map<string, string>();
  const claimSqlOf = (kindFilter: "" | "only" | "except", kindCount: number) => {
    const k = `${kindFilter}:${kindCount}`;
    if (!claimSql.has(k)) claimSql.set(k, claimSqlFor(kindFilter, kindCount));
    return claimSql.get(k)!;
  };
  return {
    async plan(rows, now) {
      // Keys already there are looked up together, so planning every open follow-up at start
      // costs a query per few hundred rows, not one per row.
      const wanted = [...new Map(rows.map((r) => [r.key, r])).values()];
      let added = 0;
      for (let i = 0; i < wanted.length; i += PLAN_CHUNK) {
        const chunk = wanted.slice(i, i + PLAN_CHUNK);
        const existing = new Map(
          (await db.notification.findMany({ where: { key: { in: chunk.map((r) => r.key) } }, select: { key: true, status: true, lastError: true } })).map((e) => [e.key, e]),
        );
        const row = (r: (typeof chunk)[number]) => ({ key: r.key, kind: r.kind, personId: r.personId, subjectId: r.subjectId, dueAt: r.dueAt, notAfter: r.notAfter ?? null, immediate: r.immediate ?? false, createdAt: now });
        // New keys in one statement (a first start plans every open follow-up: npm run bench).
        const fresh = chunk.filter((r) => !existing.has(r.key)).map(row);
        if (fresh.length > 0) {
          try {
            added += (await db.notification.createMany({ data: fresh })).count;
          } catch (err) {
            if (!isUniqueViolation(err)) throw err;
            // Another process planned some of them meanwhile: the same sends. The rest one by one.
            for (const data of fresh) {
              try {
                await db.notification.create({ data });
                added += 1;
              } catch (e) {
                if (!isUniqueViolation(e)) throw e;
              }
            }
          }
        }
        for (const r of chunk) {
          const e = existing.get(r.key);
          const data = { dueAt: r.dueAt, notAfter: r.notAfter ?? null, immediate: r.immediate ?? false, createdAt: now };
          if (e?.status === "cancelled" && REVIVABLE.includes(e.lastError ?? "")) {
            // This exact send was replaced and is wanted again (a date moved back, a follow-up reopened).
            added += (await db.notification.updateMany({ where: { key: r.key, status: "cancelled", lastError: { in: REVIVABLE } }, data: { ...data, status: "pending", attempts: 0, lastError: null, waitingSince: null } })).count;
          }
        }
      }
      return added;
    },

    async get(id) {
      const r = await db.notification.findUnique({ where: { id } });
      return r ? toNotification(r) : undefined;
    },

    async cancelPending(subjectId, opts = {}) {
      return cancelPendingIn(db, subjectId, opts);
    },

    async claimDue(now, leaseMs, limit, kinds) {
      // One statement claims due rows (and rows whose holder's lease ran out: a crashed worker),
      // so two workers on one database can never take the same row. SQLite runs it under its
      // write lock; the subquery is evaluated after the lock is taken.
      const filter = kinds?.only?.length ? "only" : kinds?.except?.length ? "except" : "";
      const listed = (filter === "only" ? kinds!.only : filter === "except" ? kinds!.except : undefined) ?? [];
      const params: unknown[] = [new Date(now.getTime() + leaseMs), now, now, ...listed, limit];
      const rows = await db.$queryRawUnsafe<Row[]>(claimSqlOf(filter, listed.length), ...params);
      // RETURNING gives no order (PostgreSQL returns rows as it updated them): sorted here, so one
      // person's rows are sent in the order they are due, then planned (ids grow with time).
      // Rows that waited for their person and were brought forward together go in the order they
      // fell due (waitingSince), the others in the order they were planned.
      const fellDue = (n: Notification) => (n.waitingSince ?? n.dueAt).getTime();
      return rows
        .map(toNotification)
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || fellDue(a) - fellDue(b) || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },

    // The note, its clearing and the sent mark are written for every post (the delivery's hot
    // path, decision 0007): one raw statement each, where the model API's updateMany wraps its
    // UPDATE in a transaction of its own (BEGIN, UPDATE, COMMIT). Same rows as `held(n)`.
    async markPostStarted(n, at) {
      const count = n.leaseUntil
        ? await db.$executeRaw`UPDATE "Notification" SET "postStartedAt" = ${at} WHERE "id" = ${n.id} AND "status" = 'sending' AND "leaseUntil" = ${n.leaseUntil}`
        : await db.$executeRaw`UPDATE "Notification" SET "postStartedAt" = ${at} WHERE "id" = ${n.id} AND "status" = 'sending' AND "leaseUntil" IS NULL`;
      return count === 1;
    },
    async clearPostStarted(n) {
      if (n.leaseUntil) await db.$executeRaw`UPDATE "Notification" SET "postStartedAt" = NULL WHERE "id" = ${n.id} AND "status" = 'sending' AND "leaseUntil" = ${n.leaseUntil}`;
      else await db.$executeRaw`UPDATE "Notification" SET "postStartedAt" = NULL WHERE "id" = ${n.id} AND "status" = 'sending' AND "leaseUntil" IS NULL`;
    },
    async markSent(n, at, note) {
      const lastError = note ?? null;
      const count = n.leaseUntil
        ? await db.$executeRaw`UPDATE "Notification" SET "status" = 'sent', "sentAt" = ${at}, "leaseUntil" = NULL, "postStartedAt" = NULL, "lastError" = ${lastError} WHERE "id" = ${n.id} AND "status" = 'sending' AND "leaseUntil" = ${n.leaseUntil}`
        : await db.$executeRaw`UPDATE "Notification" SET "status" = 'sent', "sentAt" = ${at}, "leaseUntil" = NULL, "postStartedAt" = NULL, "lastError" = ${lastError} WHERE "id" = ${n.id} AND "status" = 'sending' AND "leaseUntil" IS NULL`;
      return count === 1;
    },
    async markFailed(n, reason) {
      await db.notification.updateMany({ where: held(n), data: { status: "failed", lastError: reason, leaseUntil: null, postStartedAt: null } });
    },
    async markCancelled(n, reason) {
      await db.notification.updateMany({ where: held(n), data: { status: "cancelled", lastError: reason, leaseUntil: null, postStartedAt: null } });
    },
    async wakeWaitingFor(personId, at, reason) {
      const res = await db.notification.updateMany({
        where: { personId, status: "pending", lastError: reason, dueAt: { gt: at } },
        data: { dueAt: at },
      });
      return res.count;
    },
    async pendingPeople(dueBefore) {
      const rows = await db.notification.findMany({ where: { status: "pending", dueAt: { lte: dueBefore } }, distinct: ["personId"], select: { personId: true } });
      return rows.map((r) => r.personId);
    },
    async waitingFor(personId, reason) {
      // Also those being looked at again right now (claimed: they keep their reason until they go).
      const rows = await db.notification.findMany({ where: { personId, status: { in: ["pending", "sending"] }, lastError: reason }, orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }, { id: "asc" }] });
      return rows.map(toNotification);
    },
    async ofSubject(subjectId, kinds) {
      const rows = await db.notification.findMany({ where: { subjectId, kind: { in: kinds } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
      return rows.map(toNotification);
    },
    async bringForwardKey(key, at) {
      const res = await db.notification.updateMany({ where: { key, status: "pending", dueAt: { gt: at } }, data: { dueAt: at } });
      return res.count === 1;
    },
    async bringForward({ dueBefore, to, exceptPersonIds }) {
      const res = await db.notification.updateMany({
        where: { status: "pending", dueAt: { lte: dueBefore }, ...(exceptPersonIds.length ? { personId: { notIn: exceptPersonIds } } : {}) },
        data: { dueAt: to, immediate: true },
      });
      return res.count;
    },
    async retryLater(n, at, reason, opts = { countAttempt: true }) {
      await db.notification.updateMany({
        where: held(n),
        data: {
          status: "pending",
          dueAt: at,
          lastError: reason,
          leaseUntil: null,
          postStartedAt: null,
          ...(opts.countAttempt ? {} : { attempts: { decrement: 1 } }),
          ...(opts.waitingSince ? { waitingSince: opts.waitingSince } : {}),
        },
      });
    },
  };
}
