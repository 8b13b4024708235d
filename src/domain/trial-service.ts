import type { WorkingCalendar } from "../lib/working-calendar.js";
import { localDateOf } from "../lib/zoned-time.js";
import type { Clock, NotificationRepository, PreferenceRepository } from "./ports.js";
import { isAbsent } from "./reminder-preferences.js";
import { effectsOf, type Effects } from "./effects.js";

export interface TrialServiceDeps {
  notifications: NotificationRepository;
  preferences: PreferenceRepository;
  clock: Clock;
  calendar: WorkingCalendar;
}

export type TrialService = ReturnType<typeof createTrialService>;

/**
 * Trying the bot on an evening or a weekend, where meeting packs and reminders would wait for
 * the next working day. Only the local anonymous mode offers it (the Teams layer registers
 * «send nu» nowhere else; production never runs without credentials).
 */
export function createTrialService({ notifications, preferences, clock, calendar }: TrialServiceDeps) {
  return {
    /**
     * What the outbox would send by the end of the next working day is made due now, as the
     * answer to the person's own action (working hours do not hold it back). The rows of people
     * who are away stay as they are: their absence is theirs. When each row goes, the outbox
     * checks it as always (still meaningful, not muted, the bot installed).
     */
    async sendPlannedNow(): Promise<{ count: number; until: Date; away: number; effects: Effects }> {
      const now = clock.now();
      const today = localDateOf(now, calendar.tz);
      const until = calendar.workingDayEnd(calendar.addWorkingDays(today, 1));
      const away: string[] = [];
      for (const personId of await notifications.pendingPeople(until)) {
        if (isAbsent(await preferences.get(personId), today)) away.push(personId);
      }
      const count = await notifications.bringForward({ dueBefore: until, to: now, exceptPersonIds: away });
      return { count, until, away: away.length, effects: effectsOf([], count) };
    },
  };
}
