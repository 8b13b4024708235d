import type { NotificationRepository } from "../domain/ports.js";
import type { Notification } from "../domain/types.js";
import type { Db } from "./prisma-client.js";
import { isUniqueViolation } from "./errors.js";
import { NO_CONVERSATION } from "../domain/delivery-service.js";

function toNotification(r: {
  id: string; key: string; kind: string; personId: string; subjectId: string; dueAt: Date; notAfter: Date | null; status: string; attempts: number; createdAt: Date; leaseUntil: Date | null;
}): Notification {
  return {
    id: r.id,
    key: r.key,
    kind: r.kind as Notification["kind"],
    personId: r.personId,
    subjectId: r.subjectId,
    dueAt: r.dueAt,
    notAfter: r.notAfter ?? undefined,
    status: r.status as Notification["status"],
    attempts: Number(r.attempts),
    createdAt: r.createdAt,
    leaseUntil: r.leaseUntil ?? undefined,
  };
}

export function createNotificationRepository(db: Db): NotificationRepository {
  return {
    async plan(rows, now) {
      for (const r of rows) {
        try {
          await db.notification.create({
            data: { key: r.key, kind: r.kind, personId: r.personId, subjectId: r.subjectId, dueAt: r.dueAt, notAfter: r.notAfter ?? null, createdAt: now },
          });
        } catch (e) {
          // The key exists: this exact send is already planned (or done). Planning is idempotent;
          // a cancelled row planned again (e.g. a date moved back) comes back to life.
          if (!isUniqueViolation(e)) throw e;
          await db.notification.updateMany({ where: { key: r.key, status: "cancelled" }, data: { status: "pending", dueAt: r.dueAt, lastError: null } });
        }
      }
    },

    async cancelPending(subjectId, opts = {}) {
      const res = await db.notification.updateMany({
        where: {
          subjectId,
          status: "pending",
          ...(opts.kinds ? { kind: { in: opts.kinds } } : {}),
          ...(opts.exceptKeys?.length ? { key: { notIn: opts.exceptKeys } } : {}),
        },
        data: { status: "cancelled", lastError: "superseded" },
      });
      return res.count;
    },

    async claimDue(now, leaseMs, limit) {
      // One statement claims due rows (and rows whose holder's lease ran out: a crashed worker),
      // so two workers on one database can never take the same row. SQLite runs it under its
      // write lock; the subquery is evaluated after the lock is taken.
      const rows = await db.$queryRawUnsafe<Parameters<typeof toNotification>[0][]>(
        `UPDATE "Notification" SET "status" = 'sending', "leaseUntil" = ?, "attempts" = "attempts" + 1
         WHERE "id" IN (
           SELECT "id" FROM "Notification"
           WHERE "dueAt" <= ? AND ("status" = 'pending' OR ("status" = 'sending' AND "leaseUntil" < ?))
           ORDER BY "dueAt" LIMIT ?
         )
         RETURNING "id", "key", "kind", "personId", "subjectId", "dueAt", "notAfter", "status", "attempts", "createdAt", "leaseUntil"`,
        new Date(now.getTime() + leaseMs),
        now,
        now,
        limit,
      );
      return rows.map(toNotification).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    },

    async markSent(n, at) {
      const res = await db.notification.updateMany({
        where: { id: n.id, status: "sending", leaseUntil: n.leaseUntil ?? null },
        data: { status: "sent", sentAt: at, leaseUntil: null },
      });
      return res.count === 1;
    },
    async markFailed(id, reason) {
      await db.notification.update({ where: { id }, data: { status: "failed", lastError: reason, leaseUntil: null } });
    },
    async markCancelled(id, reason) {
      await db.notification.update({ where: { id }, data: { status: "cancelled", lastError: reason, leaseUntil: null } });
    },
    async wakeWaitingFor(personId, at) {
      const res = await db.notification.updateMany({
        where: { personId, status: "pending", lastError: NO_CONVERSATION, dueAt: { gt: at } },
        data: { dueAt: at },
      });
      return res.count;
    },
    async retryLater(id, at, reason, opts = { countAttempt: true }) {
      await db.notification.update({
        where: { id },
        data: { status: "pending", dueAt: at, lastError: reason, leaseUntil: null, ...(opts.countAttempt ? {} : { attempts: { decrement: 1 } }) },
      });
    },
  };
}
