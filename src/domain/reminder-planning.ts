import { FOLLOWUP_REMINDER_KINDS, followUpReminderRows } from "./notification-keys.js";
import type { NotificationRepository } from "./ports.js";
import type { DomainSettings } from "./settings.js";
import type { FollowUp } from "./types.js";

/**
 * Plans a follow-up's due-date reminders for its current owner and frist, and cancels pending
 * ones planned for an earlier owner or frist (snoozed ones included).
 */
export async function planFollowUpReminders(
  notifications: NotificationRepository,
  f: Pick<FollowUp, "id" | "ownerId" | "dueDate">,
  settings: Pick<DomainSettings, "calendar" | "followUpDueSoonDays">,
  now: Date,
): Promise<void> {
  const rows = followUpReminderRows(f, settings.followUpDueSoonDays, settings.calendar, now);
  await notifications.cancelPending(f.id, { kinds: [...FOLLOWUP_REMINDER_KINDS], exceptKeys: rows.map((r) => r.key) });
  await notifications.plan(rows, now);
}
