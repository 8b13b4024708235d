import type { DeliveryService } from "../../domain/delivery-service.js";
import type { Job } from "../scheduler.js";

export const DELIVER_NOTIFICATIONS = "deliver-notifications";

/** Works the outbox: meeting packs, follow-up cards, due reminders, referater. */
export function deliverNotificationsJob(delivery: DeliveryService): Job {
  return { name: DELIVER_NOTIFICATIONS, run: () => delivery.runOnce() };
}
