import type { DeliveryService } from "../../domain/delivery-service.js";
import type { Job } from "../scheduler.js";

export const DELIVER_NOTIFICATIONS = "deliver-notifications";

/** Works the outbox: meeting packs, follow-up cards, due reminders, referater. */
export function deliverNotificationsJob(delivery: DeliveryService): Job {
  return { name: DELIVER_NOTIFICATIONS, run: () => delivery.runOnce() };
}

export const SYNC_CALENDARS = "sync-calendars";

/** The chairs' calendar events (CALENDAR_SYNC=graph), on the outbox's cron, apart from the cards. */
export function syncCalendarsJob(delivery: DeliveryService): Job {
  return { name: SYNC_CALENDARS, run: () => delivery.runCalendar() };
}
