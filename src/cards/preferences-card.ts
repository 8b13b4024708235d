import { strings } from "../lib/strings.da.js";
import { REMINDER_GROUP_NAMES, type Preferences, type ReminderGroup } from "../domain/reminder-preferences.js";
import { fieldError, type CardFeedback } from "./feedback.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface PreferencesCardInput {
  prefs: Preferences;
  /** The hours a weekly overview may come (inside the working window). */
  digestTimes: string[];
  /** The chief's own overview is offered to chiefs only. */
  isChief: boolean;
  today: string;
  feedback?: CardFeedback;
  /** What the person sent, shown again with the errors. */
  typed?: { muted: ReminderGroup[]; digestTime?: string; absentUntil?: string };
}

/** The toggle that turns a reminder group on (checked) or off. */
export const groupInput = (g: ReminderGroup) => `remind_${g}`;

/** The person's reminder settings: one toggle per group, the overviews' hour, absence. */
export function preferencesCardData({ prefs, digestTimes, isChief, today, feedback, typed }: PreferencesCardInput) {
  const s = strings.preferences;
  const shown = typed ?? prefs;
  return {
    title: s.title,
    notice: feedback?.notice ?? "",
    error: feedback?.error ?? "",
    intro: s.intro,
    groups: REMINDER_GROUP_NAMES.filter((g) => g !== "areaDigest" || isChief).map((g) => ({
      id: groupInput(g),
      label: s.groups[g],
      value: shown.muted.includes(g) ? "off" : "on",
    })),
    digestTimeLabel: s.digestTimeLabel,
    digestTime: shown.digestTime ?? digestTimes[0] ?? "",
    digestTimes: digestTimes.map((time) => ({ time })),
    digestTimeError: fieldError(feedback, "digestTime"),
    absentLabel: s.absentLabel,
    // An absence that has ended is not offered again.
    absentUntil: typed ? (typed.absentUntil ?? "") : prefs.absentUntil && prefs.absentUntil > today ? prefs.absentUntil : "",
    absentError: fieldError(feedback, "absentUntil"),
    minDate: today,
    datePlaceholder: strings.generic.datePlaceholder,
    saveButton: s.save,
  };
}

export const buildPreferencesCard = (input: PreferencesCardInput): AdaptiveCard => expand("preferences", preferencesCardData(input));
