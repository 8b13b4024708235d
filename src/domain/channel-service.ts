import { AppError } from "../lib/errors.js";
import { strings } from "../lib/strings.da.js";
import { addDays, localDateOf, localWeekday, zonedToUtc } from "../lib/zoned-time.js";
import { expectedReflectionAuthors } from "./access.js";
import type { AreaStatusRepository, ChannelLinkRepository, Clock, PeopleRepository, UnitStatusRow } from "./ports.js";
import type { DomainSettings } from "./settings.js";
import type { Area, ChannelLink, MeetingKind, Person } from "./types.js";
import { newId } from "../lib/ids.js";

export interface ChannelServiceDeps {
  people: PeopleRepository;
  channelLinks: ChannelLinkRepository;
  areaStatus: AreaStatusRepository;
  clock: Clock;
  settings: DomainSettings;
}

export interface UnitStatus extends Omit<UnitStatusRow, "nextMeeting"> {
  congested: boolean;
  /** The unit's next meeting, and how many of the reflections it expects (a required question) are in. */
  nextMeeting?: { kind: MeetingKind; firstOfLoop: boolean; startsAt: Date; reflectionsSent: number; reflectionsExpected: number };
}

export interface AreaStatus {
  area: Area;
  /** Units needing attention first: over the ceiling, then most overdue, then most due this week. */
  units: UnitStatus[];
  /** The area's follow-ups with a frist in each of the last six months: share done. */
  completion: { month: string; total: number; done: number }[];
  today: string;
}

export interface ChannelTarget {
  conversationId: string;
  teamId?: string;
  serviceUrl: string;
  tenantId?: string;
  reference: Record<string, unknown>;
}

export type ChannelService = ReturnType<typeof createChannelService>;

const DAY = 24 * 3_600_000;
/** A link's status card while its first post is under way (a claim), until its activity id is known. */
export const STATUS_POSTING = "posting";
const MONTHS = 6;
/** Units by name as a Danish reader orders them (æ, ø, å last); one collator, not one per comparison. */
const danishOrder = new Intl.Collator("da").compare;

/** The chief's channel: which areas it follows, and what it shows about them (never reflections). */
export function createChannelService(deps: ChannelServiceDeps) {
  const { people, channelLinks, areaStatus, clock, settings } = deps;
  const { calendar } = settings;
  const today = () => localDateOf(clock.now(), calendar.tz);

  async function chiefsArea(actor: Person, areaId: string): Promise<Area> {
    const area = (await people.areasForChief(actor.id)).find((a) => a.id === areaId);
    if (!area) throw new AppError("not-authorised", strings.channel.notChiefOfArea);
    return area;
  }

  /** A unit's next meeting with how many of its expected reflections (a required question) are in. */
  function nextMeeting(row: UnitStatusRow): UnitStatus["nextMeeting"] {
    const m = row.nextMeeting;
    if (!m) return undefined;
    const expected = expectedReflectionAuthors({ ...m, unit: row.unit }, settings.templates);
    const sent = new Set(m.participants.flatMap((p) => (p.reflectionSent ? [p.person.id] : [])));
    return { kind: m.kind, firstOfLoop: m.firstOfLoop, startsAt: m.startsAt, reflectionsSent: expected.filter((p) => sent.has(p.id)).length, reflectionsExpected: expected.length };
  }

  const attention = (u: UnitStatus) => [u.congested ? 1 : 0, u.overdue, u.dueThisWeek];

  return {
    /** The areas the person may link a channel to (where they are chef). */
    linkableAreas: (actor: Person) => people.areasForChief(actor.id),

    /** The areas a channel follows, by name. */
    async followedAreas(conversationId: string): Promise<Area[]> {
      const out: Area[] = [];
      for (const l of await channelLinks.listForConversation(conversationId)) {
        const a = await areaStatus.area(l.areaId);
        if (a) out.push(a);
      }
      return out;
    },

    /** A card in a channel may show an area only while the channel follows it. */
    async assertFollowed(conversationId: string, areaId: string): Promise<ChannelLink> {
      const link = await channelLinks.get(conversationId, areaId);
      if (!link) throw new AppError("not-authorised", strings.channel.notFollowed);
      return link;
    },

    /** A click's answer put a message on the shared status card: the next tick paints it clean. */
    repaintLater: (link: ChannelLink) => channelLinks.clearFingerprint(link.id),

    /** The bot was removed from a team: the team's channels follow nothing any more. */
    forgetTeam: (teamId: string) => channelLinks.removeTeam(teamId),

    /** Only a chief of the area links a channel to it; linking again is harmless. */
    async link(actor: Person, areaId: string, channel: ChannelTarget): Promise<{ link: ChannelLink; area: Area; created: boolean }> {
      const area = await chiefsArea(actor, areaId);
      const { link, created } = await channelLinks.upsert({ id: newId(), areaId, linkedById: actor.id, ...channel });
      return { link, area, created };
    },

    async unlink(actor: Person, areaId: string, conversationId: string): Promise<{ area: Area; link?: ChannelLink }> {
      const area = await chiefsArea(actor, areaId);
      const link = await channelLinks.get(conversationId, areaId);
      await channelLinks.remove(conversationId, areaId);
      return { area, link };
    },

    async status(areaId: string): Promise<AreaStatus> {
      const now = clock.now();
      const date = today();
      const weekEnd = addDays(date, 7 - localWeekday(date));
      const firstMonth = `${monthsBack(date, MONTHS - 1)}-01`;
      // Read side by side (PostgreSQL answers them on separate connections): the area, its units'
      // counts with their next meetings, and the completion do not depend on each other; an
      // unknown area has no units.
      const [area, rows, months] = await Promise.all([
        areaStatus.area(areaId),
        areaStatus.unitRows(areaId, date, weekEnd, new Date(now.getTime() - 30 * DAY), now),
        areaStatus.completionByMonth(areaId, firstMonth, date),
      ]);
      if (!area) throw new AppError("not-found", strings.generic.notFound);
      const units: UnitStatus[] = rows.map((r) => ({ ...r, congested: Boolean(r.unit.congestedSince), nextMeeting: nextMeeting(r) }));
      units.sort((a, b) => {
        const [x, y] = [attention(a), attention(b)];
        for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return y[i]! - x[i]!;
        return danishOrder(a.unit.name, b.unit.name);
      });
      const byMonth = new Map(months.map((m) => [m.month, m]));
      const completion = Array.from({ length: MONTHS }, (_, i) => monthsBack(date, MONTHS - 1 - i)).map((month) => byMonth.get(month) ?? { month, total: 0, done: 0 });
      return { area, units, completion, today: date };
    },

    /** One unit for the channel: open follow-ups with owners and frister, recent decisions, coming meetings. */
    async unitDetail(unitId: string) {
      const now = clock.now();
      const [open, decisions, upcoming] = await Promise.all([
        areaStatus.openFollowUps(unitId, 15),
        areaStatus.recentDecisions(unitId, 8),
        areaStatus.plannedMeetings({ unitId }, now, new Date(now.getTime() + 400 * DAY), 4),
      ]);
      return { open, decisions, upcoming, today: today() };
    },

    /** The weekly digest for the area: the last seven days and the next fourteen. */
    async digest(areaId: string) {
      const now = clock.now();
      const area = await areaStatus.area(areaId);
      if (!area) throw new AppError("not-found", strings.generic.notFound);
      const since = new Date(now.getTime() - 7 * DAY);
      const changes = await areaStatus.weekChanges(areaId, since, localDateOf(since, calendar.tz), today());
      const upcoming = await areaStatus.plannedMeetings({ areaId }, now, new Date(now.getTime() + 14 * DAY), 20);
      return { area, ...changes, upcoming };
    },

    /**
     * This week's digest moment: the configured weekday (or the first working day after it, if it
     * is a holiday) at the configured time. Undefined before that moment.
     */
    digestDue(now: Date): string | undefined {
      const date = localDateOf(now, calendar.tz);
      const monday = addDays(date, 1 - localWeekday(date));
      const sunday = addDays(monday, 6);
      const wanted = addDays(monday, settings.channelDigest.weekday - 1);
      // A holiday moves it to the next working day of the same week, else to the last one before.
      let day: string | undefined = calendar.nextWorkingDay(wanted);
      if (day > sunday) {
        day = undefined;
        for (let d = addDays(wanted, -1); d >= monday; d = addDays(d, -1)) {
          if (calendar.isWorkingDay(d)) {
            day = d;
            break;
          }
        }
      }
      return day && now >= zonedToUtc(day, settings.channelDigest.time, calendar.tz) ? day : undefined;
    },
  };
}

/** "YYYY-MM" `n` months before the month of `date`. */
function monthsBack(date: string, n: number): string {
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  const total = y * 12 + (m - 1) - n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`;
}
