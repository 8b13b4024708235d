import { strings } from "../lib/strings.da.js";
import { SNOOZE_CHOICES } from "../domain/reminder-preferences.js";
import type { CardFeedback } from "./feedback.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface ReminderPartsInput {
  /** A line above the card saying why it came now. */
  heading?: string;
  /** The outbox row behind the card: «Mind mig igen» needs it. None: no such button. */
  notificationId?: string;
  feedback?: CardFeedback;
}

/** What a reminder adds to the card it is about: a heading, «Mind mig igen», a notice. */
export function reminderPartsData({ heading, notificationId, feedback }: ReminderPartsInput) {
  const s = strings.reminders;
  return {
    heading: heading ?? "",
    notice: feedback?.notice ?? "",
    error: feedback?.error ?? "",
    notificationId: notificationId ?? "",
    snoozeButton: s.snoozeButton,
    snoozeLabel: s.snoozeLabel,
    choices: SNOOZE_CHOICES.map((d) => ({ title: s.snoozeChoices[d]!, value: String(d) })),
    snoozeSubmit: s.snoozeSubmit,
  };
}

/** The card with the reminder's parts: heading and notice on top, «Mind mig igen» after its own buttons. */
export function withReminder(card: AdaptiveCard, input: ReminderPartsInput): AdaptiveCard {
  const parts = expand("reminder", reminderPartsData(input));
  const list = (c: AdaptiveCard, key: "body" | "actions") => (Array.isArray(c[key]) ? (c[key] as unknown[]) : []);
  const actions = [...list(card, "actions"), ...list(parts, "actions")];
  return { ...card, body: [...list(parts, "body"), ...list(card, "body")], ...(actions.length ? { actions } : {}) };
}
