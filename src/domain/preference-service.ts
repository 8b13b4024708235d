import { AppError } from "../lib/errors.js";
import { strings } from "../lib/strings.da.js";
import { addDays, isValidLocalDate, isValidLocalTime, localDateOf } from "../lib/zoned-time.js";
import type { DigestService } from "./digest-service.js";
import { snoozedKey } from "./notification-keys.js";
import type { Clock, NotificationRepository, PreferenceRepository } from "./ports.js";
import { REMINDER_GROUP_NAMES, SNOOZABLE_KINDS, SNOOZE_CHOICES, type Preferences, type ReminderGroup } from "./reminder-preferences.js";
import type { DomainSettings } from "./settings.js";
import type { Notification, Person } from "./types.js";
import { WAIT } from "./wait-reasons.js";
import { effectsOf, type Effects } from "./effects.js";

export interface PreferenceServiceDeps {
  preferences: PreferenceRepository;
  notifications: NotificationRepository;
  digests: DigestService;
  clock: Clock;
  settings: DomainSettings;
}

export type PreferenceService = ReturnType<typeof createPreferenceService>;

/** Absence may be set up to a year ahead. */
const MAX_ABSENCE_DAYS = 366;

export interface PreferenceInput {
  muted: ReminderGroup[];
  digestTime?: string;
  absentUntil?: string;
}

/**
 * A person's own reminder settings: absence, reminder groups turned off, the hour of the weekly
 * overviews, and «Mind mig igen» on a reminder. Everything here acts on the actor only.
 */
export function createPreferenceService(deps: PreferenceServiceDeps) {
  const { preferences, notifications, digests, clock, settings } = deps;
  const { calendar } = settings;
  const today = () => localDateOf(clock.now(), calendar.tz);

  /** When reminders come again for someone back on `date`: the start of that (working) day. */
  const resumesAt = (date: string): Date => calendar.workingDayStart(calendar.nextWorkingDay(date));

  function checkAbsence(date: string): string | undefined {
    if (!isValidLocalDate(date)) return strings.generic.invalidDate;
    if (date <= today()) return strings.preferences.absenceInPast;
    if (date > addDays(today(), MAX_ABSENCE_DAYS)) return strings.preferences.absenceTooFar;
    return undefined;
  }

  /** The hours a weekly overview may come: every whole hour inside the working window. */
  function digestTimes(): string[] {
    const out: string[] = [];
    for (let h = Number(calendar.dayStart.slice(0, 2)); `${String(h).padStart(2, "0")}:00` < calendar.dayEnd; h++) {
      const t = `${String(h).padStart(2, "0")}:00`;
      if (t >= calendar.dayStart) out.push(t);
    }
    return out.length > 0 ? out : [calendar.dayStart];
  }

  /** What a change of settings means for the outbox; its effects (the rows offered). */
  async function afterChange(actor: Person, before: Preferences, after: Preferences): Promise<Effects> {
    let planned = 0;
    // Back earlier than planned (or no longer away): reminders held for the absence come now.
    if (before.absentUntil && before.absentUntil !== after.absentUntil) {
      const from = after.absentUntil && after.absentUntil > today() ? resumesAt(after.absentUntil) : calendar.nextWindowStart(clock.now());
      planned += await notifications.wakeWaitingFor(actor.id, from, WAIT.absent);
    }
    planned += await digests.replanFor(actor.id);
    return effectsOf([], planned);
  }

  return {
    digestTimes,
    resumesAt,

    async get(actor: Person): Promise<Preferences> {
      return preferences.get(actor.id);
    },

    /** `fraværende til <dato>`; without a date, absence ends. Returns when reminders come again. */
    async setAbsence(actor: Person, until: string | undefined): Promise<{ prefs: Preferences; resumesAt?: Date; effects: Effects }> {
      if (until !== undefined) {
        const problem = checkAbsence(until);
        if (problem) throw new AppError("invalid-input", problem);
      }
      const before = await preferences.get(actor.id);
      const prefs = await preferences.save(actor.id, { absentUntil: until ?? null });
      const effects = await afterChange(actor, before, prefs);
      return { prefs, resumesAt: until ? resumesAt(until) : undefined, effects };
    },

    /** The settings card: every field at once, checked before anything is written. */
    async save(actor: Person, input: PreferenceInput): Promise<{ view: Preferences; effects: Effects }> {
      const errors: Record<string, string> = {};
      if (input.digestTime !== undefined && (!isValidLocalTime(input.digestTime) || !digestTimes().includes(input.digestTime))) {
        errors.digestTime = strings.preferences.digestTimeInvalid(calendar.dayStart, calendar.dayEnd);
      }
      const before = await preferences.get(actor.id);
      // An absence that has ended, sent back unchanged from an older card, is simply over.
      const absentUntil = input.absentUntil !== undefined && input.absentUntil === before.absentUntil && input.absentUntil <= today() ? undefined : input.absentUntil;
      if (absentUntil !== undefined) {
        const problem = checkAbsence(absentUntil);
        if (problem) errors.absentUntil = problem;
      }
      const muted = input.muted.filter((g) => REMINDER_GROUP_NAMES.includes(g));
      if (Object.keys(errors).length > 0) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, errors);
      const after = await preferences.save(actor.id, { muted, digestTime: input.digestTime ?? null, absentUntil: absentUntil ?? null });
      return { view: after, effects: await afterChange(actor, before, after) };
    },

    /** «Mind mig igen» on a reminder the actor received: the same reminder again in `days` working days. */
    async snooze(actor: Person, notificationId: string, days: number): Promise<{ at: Date; reminder: Notification; effects: Effects }> {
      const n = await notifications.get(notificationId);
      if (!n || n.personId !== actor.id) throw new AppError("not-authorised", strings.preferences.snoozeNotYours);
      if (!SNOOZABLE_KINDS.includes(n.kind) || !(SNOOZE_CHOICES as readonly number[]).includes(days)) throw new AppError("invalid-input", strings.generic.invalidCard);
      const at = calendar.workingDayStart(calendar.addWorkingDays(today(), days));
      if (n.notAfter && at >= n.notAfter) throw new AppError("invalid-input", strings.preferences.snoozePastMeeting);
      await notifications.plan([{ key: snoozedKey(n.key, at), kind: n.kind, personId: n.personId, subjectId: n.subjectId, dueAt: at, notAfter: n.notAfter }], clock.now());
      return { at, reminder: n, effects: effectsOf([], 1) };
    },
  };
}
