/** Why a pending outbox row waits (its `lastError` while it waits); none of them counts as a send attempt. */
export const WAIT = {
  /** The person has not installed the bot (yet). */
  noConversation: "no-conversation",
  /** The person said `fraværende til …`. */
  absent: "absent",
  /** Due outside the working window (after downtime, or a snooze's hour). */
  outsideHours: "outside-working-hours",
} as const;
