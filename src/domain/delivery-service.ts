import { dueKey } from "./notification-keys.js";
import type { Clock, ConversationRepository, FollowUpRepository, Logger, MeetingRepository, Messenger, NotificationRepository } from "./ports.js";
import type { Notification } from "./types.js";

export interface DeliveryServiceDeps {
  notifications: NotificationRepository;
  conversations: ConversationRepository;
  followUps: FollowUpRepository;
  meetings: MeetingRepository;
  messenger: Messenger;
  clock: Clock;
  log: Logger;
  leaseMs?: number;
  batchSize?: number;
}

const HOUR = 3_600_000;
/** The reason a row waits: the person has not installed the bot (yet). */
export const NO_CONVERSATION = "no-conversation";
const MAX_SEND_ATTEMPTS = 5;
/** A person who has not installed the bot yet may still do so: we look again hourly for two days. */
const MAX_WAIT_FOR_INSTALL_MS = 48 * HOUR;

export type DeliveryService = ReturnType<typeof createDeliveryService>;

/**
 * Works the outbox: claim due rows (with a lease, so a crashed worker's rows come back and two
 * workers never hold the same row), check the row still means something, send, mark.
 */
export function createDeliveryService(deps: DeliveryServiceDeps) {
  const { notifications, conversations, followUps, meetings, messenger, clock, log } = deps;
  // Small batches and a lease far longer than a batch takes, so a live worker never loses its rows.
  const leaseMs = deps.leaseMs ?? 5 * 60_000;
  const batchSize = deps.batchSize ?? 10;

  /** Why a row should no longer be sent, or undefined when it should. */
  async function staleReason(n: Notification, now: Date): Promise<string | undefined> {
    if (n.notAfter && now >= n.notAfter) return "too-late";
    switch (n.kind) {
      case "followup_due":
      case "followup_assigned": {
        const view = await followUps.get(n.subjectId);
        if (!view || view.followUp.status !== "open") return "followup-not-open";
        if (view.followUp.ownerId !== n.personId) return "owner-changed";
        if (n.kind === "followup_due" && dueKey(view.followUp) !== n.key) return "due-date-changed";
        return undefined;
      }
      case "followup_expiry": {
        const view = await followUps.get(n.subjectId);
        if (!view || view.followUp.status !== "open") return "followup-not-open";
        if (!view.followUp.evaluateOn || !n.key.endsWith(`:${view.followUp.evaluateOn}`)) return "evaluation-date-changed";
        return undefined;
      }
      case "focus_expiry":
      case "unit_congested":
      case "followups_orphaned": // the card shows the list as it is when it is sent
        return undefined; // changes cancel these rows where they happen
      case "meeting_agenda":
      case "meeting_reflection":
      case "board_statement": {
        const m = await meetings.get(n.subjectId);
        if (!m || m.status !== "planned") return "meeting-not-planned";
        return undefined;
      }
      case "referat": {
        const m = await meetings.get(n.subjectId);
        return m?.status === "closed" ? undefined : "meeting-not-closed";
      }
    }
  }

  async function deliverOne(n: Notification): Promise<string> {
    const now = clock.now();
    const stale = await staleReason(n, now);
    if (stale) {
      await notifications.markCancelled(n.id, stale);
      return "cancelled";
    }
    // From the first pack on, the meeting keeps the template its participants received.
    if (n.kind === "meeting_agenda") await meetings.freezeTemplate(n.subjectId);
    const ref = await conversations.get(n.personId);
    if (!ref || !ref.active) {
      if (now.getTime() - n.createdAt.getTime() >= MAX_WAIT_FOR_INSTALL_MS) {
        await notifications.markFailed(n.id, NO_CONVERSATION);
        return "failed";
      }
      await notifications.retryLater(n.id, new Date(now.getTime() + HOUR), NO_CONVERSATION, { countAttempt: false });
      return "waiting";
    }
    let result;
    try {
      result = await messenger.deliver(n, ref);
    } catch (err) {
      result = { outcome: "retry" as const, reason: err instanceof Error ? err.name : "error" };
    }
    if (result.outcome === "sent") {
      if (!(await notifications.markSent(n, clock.now()))) log.warn({ notificationId: n.id }, "lease lost before marking sent");
      return "sent";
    }
    if (result.outcome === "gone") {
      await conversations.markInactive(n.personId);
      await notifications.markFailed(n.id, result.reason);
      return "failed";
    }
    if (n.attempts >= MAX_SEND_ATTEMPTS) {
      await notifications.markFailed(n.id, result.reason);
      return "failed";
    }
    const backoff = result.retryAfterMs ?? Math.min(HOUR, 30_000 * 2 ** (n.attempts - 1));
    await notifications.retryLater(n.id, new Date(clock.now().getTime() + backoff), result.reason);
    return "retry";
  }

  return {
    /** One pass over the due rows. Returns counts per outcome. */
    async runOnce(): Promise<Record<string, number>> {
      const counts: Record<string, number> = {};
      for (;;) {
        const batch = await notifications.claimDue(clock.now(), leaseMs, batchSize);
        for (const n of batch) {
          const outcome = await deliverOne(n);
          counts[outcome] = (counts[outcome] ?? 0) + 1;
          log.info({ notificationId: n.id, kind: n.kind, outcome }, "notification");
        }
        if (batch.length < batchSize) return counts;
      }
    },
  };
}
