import { addDays, localDateOf, localWeekday } from "../lib/zoned-time.js";
import { digestRow, overdueNoticeDate } from "./notification-keys.js";
import type { Clock, FollowUpRepository, NotificationRepository, PeopleRepository, PreferenceRepository, UnitFollowUpCounts, UnitRepository } from "./ports.js";
import { isMuted } from "./reminder-preferences.js";
import type { DomainSettings } from "./settings.js";
import type { FollowUp, PlannedNotification, Unit } from "./types.js";

export interface DigestServiceDeps {
  followUps: FollowUpRepository;
  units: UnitRepository;
  people: PeopleRepository;
  preferences: PreferenceRepository;
  notifications: NotificationRepository;
  clock: Clock;
  settings: DomainSettings;
}

export type DigestService = ReturnType<typeof createDigestService>;

const DIGEST_KINDS = ["overdue_digest", "chief_digest"] as const;

/**
 * The weekly overviews: an owner's follow-ups past their frist (gathered, never one message per
 * item per day) and a chief's overview of the area. They go on the first working day of the week.
 */
export function createDigestService(deps: DigestServiceDeps) {
  const { followUps, units, people, preferences, notifications, clock, settings } = deps;
  const { calendar } = settings;

  /** The first working day of the week `date` is in, or of the next week if that day has passed. */
  function nextDigestDate(today: string): string {
    const monday = addDays(today, 1 - localWeekday(today));
    const thisWeek = calendar.nextWorkingDay(monday);
    return thisWeek >= today ? thisWeek : calendar.nextWorkingDay(addDays(monday, 7));
  }

  /** Follow-ups in an overview on `date`: open, and their «overskredet» notice went before that day. */
  const inDigest = (f: FollowUp, date: string): boolean => f.status === "open" && overdueNoticeDate(f.dueDate, calendar) < date;

  /** An overview with nothing in it is paperwork: only areas with open or recently done follow-ups get one. */
  async function hasNews(chiefId: string): Promise<boolean> {
    return (await withNews([chiefId], clock.now())).has(chiefId);
  }

  async function areaFor(chiefId: string): Promise<{ unit: Unit; counts: UnitFollowUpCounts }[]> {
    const now = clock.now();
    const mine = await units.unitsForChief(chiefId);
    const counts = await units.followUpCounts(mine.map((u) => u.id), localDateOf(now, calendar.tz), new Date(now.getTime() - 7 * 24 * 3_600_000));
    return mine.map((unit) => ({ unit, counts: counts.get(unit.id) ?? { open: 0, overdue: 0, doneRecently: 0 } }));
  }

  /**
   * `hasNews` for many chiefs in three statements, whatever their number: their units, and the
   * counts of all those units (a start plans every chief's overview).
   */
  async function withNews(chiefIds: string[], now: Date): Promise<Set<string>> {
    const unitsOf = await units.unitsForChiefs(chiefIds);
    const unitIds = [...new Set([...unitsOf.values()].flatMap((list) => list.map((u) => u.id)))];
    const counts = unitIds.length > 0 ? await units.followUpCounts(unitIds, localDateOf(now, calendar.tz), new Date(now.getTime() - 7 * 24 * 3_600_000)) : new Map<string, UnitFollowUpCounts>();
    const news = (unitId: string) => {
      const c = counts.get(unitId);
      return c !== undefined && c.open + c.doneRecently > 0;
    };
    return new Set(chiefIds.filter((id) => (unitsOf.get(id) ?? []).some((u) => news(u.id))));
  }

  async function rowsFor(personIds: Set<string> | undefined, now: Date): Promise<PlannedNotification[]> {
    const date = nextDigestDate(localDateOf(now, calendar.tz));
    // For one person (their settings changed) only their own follow-ups: every open one is a lot to read on a click.
    const open = personIds
      ? (await Promise.all([...personIds].map((id) => followUps.listOpenByOwner(id, 1000)))).flatMap((r) => r.items.map((v) => v.followUp))
      : await followUps.listOpen();
    const owners = new Set(open.filter((f) => inDigest(f, date)).map((f) => f.ownerId));
    const chiefs = await withNews((await people.chiefIds()).filter((id) => !personIds || personIds.has(id)), now);
    const rows: PlannedNotification[] = [];
    const those = [...new Set([...owners, ...chiefs])].filter((id) => !personIds || personIds.has(id));
    const prefsOf = await preferences.getMany(those);
    for (const personId of those) {
      const prefs = prefsOf.get(personId) ?? (await preferences.get(personId));
      if (owners.has(personId) && !isMuted(prefs, "overdue_digest")) rows.push(digestRow("overdue_digest", personId, date, prefs.digestTime, calendar, now));
      if (chiefs.has(personId) && !isMuted(prefs, "chief_digest")) rows.push(digestRow("chief_digest", personId, date, prefs.digestTime, calendar, now));
    }
    return rows;
  }

  return {
    nextDigestDate,

    /**
     * Plans the coming overviews (daily, and at start). The key names person and day, so running
     * it again plans nothing new, and a bot that was down on the day sends them once when it is back.
     */
    async planWeek(): Promise<number> {
      const now = clock.now();
      const rows = await rowsFor(undefined, now);
      await notifications.plan(rows, now);
      return rows.length;
    },

    /** After a person changed their settings: their coming overviews at the new hour, or none (how many rows it offered). */
    async replanFor(personId: string): Promise<number> {
      const now = clock.now();
      const rows = await rowsFor(new Set([personId]), now);
      // Planning a cancelled key again brings it back at the new hour.
      await notifications.cancelPending(personId, { kinds: [...DIGEST_KINDS] });
      await notifications.plan(rows, now);
      return rows.length;
    },

    async isChief(personId: string): Promise<boolean> {
      return (await units.unitsForChief(personId)).length > 0;
    },

    /** The owner's overview: their open follow-ups past the frist, oldest first. */
    async overdueFor(personId: string): Promise<FollowUp[]> {
      const date = localDateOf(clock.now(), calendar.tz);
      const { items } = await followUps.listOpenByOwner(personId, 1000);
      return items.map((v) => v.followUp).filter((f) => f.dueDate < date);
    },

    /** The chief's overview: per unit in the area, open, overdue and done in the last week. */
    areaFor,
    hasNews,
  };
}
