import { FOLLOWUP_REMINDER_KINDS, followUpReminderRows, reminderKeys } from "./notification-keys.js";
import type { NotificationRepository } from "./ports.js";
import type { DomainSettings } from "./settings.js";
import type { FollowUp } from "./types.js";

/**
 * Plans a follow-up's due-date reminders for its current owner and frist, and cancels pending
 * ones planned for an earlier owner or frist (snoozed ones included). Rows for the current owner
 * and frist are kept even when their moment has passed: a reminder waiting for working hours or
 * for the person's return still comes. Returns how many rows it offered the outbox.
 */
export async function planFollowUpReminders(
  notifications: NotificationRepository,
  f: Pick<FollowUp, "id" | "ownerId" | "dueDate">,
  settings: Pick<DomainSettings, "calendar" | "followUpDueSoonDays">,
  now: Date,
): Promise<number> {
  const rows = followUpReminderRows(f, settings.followUpDueSoonDays, settings.calendar, now);
  const keys = reminderKeys(f);
  await notifications.cancelPending(f.id, { kinds: [...FOLLOWUP_REMINDER_KINDS], exceptKeys: [keys.dueSoon, keys.overdue] });
  await notifications.plan(rows, now);
  return rows.length;
}
