import type { NotificationKind } from "./types.js";

/**
 * The reminders a person may turn off for themselves. Meeting packs, new follow-ups, referater,
 * evaluation dates and the chief's notices are the work itself and always go.
 */
export const REMINDER_GROUPS = {
  reflection: ["reflection_reminder"],
  dueSoon: ["followup_due_soon"],
  overdue: ["followup_overdue", "overdue_digest"],
  areaDigest: ["chief_digest"],
} as const satisfies Record<string, readonly NotificationKind[]>;

export type ReminderGroup = keyof typeof REMINDER_GROUPS;
export const REMINDER_GROUP_NAMES = Object.keys(REMINDER_GROUPS) as ReminderGroup[];

/** Reminders whose card offers «Mind mig igen». */
export const SNOOZABLE_KINDS: readonly NotificationKind[] = ["reflection_reminder", "followup_due_soon", "followup_overdue"];

/** «Mind mig igen» in 1, 3 or 5 working days. */
export const SNOOZE_CHOICES = [1, 3, 5] as const;

export interface Preferences {
  /** Reminders wait until this date (YYYY-MM-DD): they arrive at the start of its working day. */
  absentUntil?: string;
  muted: ReminderGroup[];
  /** "HH:MM" for the weekly overviews; the start of the working day when unset. */
  digestTime?: string;
}

export const groupOf = (kind: NotificationKind): ReminderGroup | undefined =>
  REMINDER_GROUP_NAMES.find((g) => (REMINDER_GROUPS[g] as readonly NotificationKind[]).includes(kind));

export const isMuted = (prefs: Preferences, kind: NotificationKind): boolean => {
  const group = groupOf(kind);
  return group !== undefined && prefs.muted.includes(group);
};

/** Absent on `today` (reminders wait) when the return date lies after it. */
export const isAbsent = (prefs: Preferences, today: string): boolean => prefs.absentUntil !== undefined && prefs.absentUntil > today;
