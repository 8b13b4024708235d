import { strings } from "../lib/strings.da.js";
import type { BusyPeriod } from "./meeting-clash.js";
import type { BusyTimes, CalendarGateway, Logger, PeopleRepository } from "./ports.js";

/**
 * What the bot knows of people's time, with their Outlook calendars (CALENDAR_SYNC=graph; decision
 * 0018): the bot's own meetings (`base`), plus the busy, tentative and out-of-office times of
 * those with an e-mail address, from Graph's free/busy (getSchedule). The bot's own events are in
 * Outlook too: a busy time that is exactly one of the person's meetings of the bot is that meeting,
 * not a second one. Graph unreachable or refusing: the bot's own meetings only (logged), so
 * planning never waits for Graph.
 */
export interface OutlookBusyTimesDeps {
  base: BusyTimes;
  gateway?: CalendarGateway;
  people: Pick<PeopleRepository, "byId">;
  log?: Logger;
  /**
   * The longest the bot waits for Graph's free/busy on a click (default 3 s: a click is answered
   * within Teams' 5 s) and for a proposal (default 8 s: a message within Teams' 15 s). A slow or
   * unreachable Graph means planning with the bot's own meetings.
   */
  deadlineMs?: { click: number; proposal: number };
}

export type OutlookBusyTimes = ReturnType<typeof createOutlookBusyTimes>;

export function createOutlookBusyTimes(deps: OutlookBusyTimesDeps) {
  const { base, gateway, people, log } = deps;
  const deadlines = deps.deadlineMs ?? { click: 3_000, proposal: 8_000 };

  /** Outlook's answer within the deadline, or nothing (the call may still finish in the background). */
  async function inTime(work: Promise<BusyPeriod[]>, deadlineMs: number): Promise<BusyPeriod[]> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<BusyPeriod[]>((ok) => {
      timer = setTimeout(() => {
        log?.warn({ deadlineMs }, "free/busy from Outlook took too long: planning with the bot's own meetings");
        ok([]);
      }, deadlineMs);
    });
    try {
      return await Promise.race([work.catch(() => []), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Outlook's busy times of these people that are not the bot's own meetings. */
  async function outlookOnly(personIds: readonly string[], from: Date, to: Date, own: readonly BusyPeriod[]): Promise<BusyPeriod[]> {
    if (!gateway || personIds.length === 0) return [];
    const persons = (await Promise.all([...new Set(personIds)].map((id) => people.byId(id)))).filter((p) => p?.active && p.email);
    if (persons.length === 0) return [];
    const byAddress = new Map(persons.map((p) => [p!.email!.toLowerCase(), p!]));
    // Asked as one of them (the application access policy must include the mailbox asked as);
    // refused as the first, the next is tried.
    let answer: Awaited<ReturnType<CalendarGateway["schedule"]>> | undefined;
    // Only someone with a mailbox in the tenant can be asked as (a person outside Teams is only asked about).
    for (const asker of persons.filter((p) => p!.aadObjectId).slice(0, 2)) {
      answer = await gateway.schedule(asker!.aadObjectId!, [...byAddress.keys()], from, to);
      if (answer.ok || answer.failure !== "refused") break;
    }
    if (!answer?.ok) {
      log?.warn({ reason: answer?.reason }, "free/busy from Outlook could not be read: planning with the bot's own meetings");
      return [];
    }
    const ownSpans = new Set(own.map((b) => `${b.personId}|${b.meeting.startsAt.getTime()}|${b.meeting.startsAt.getTime() + b.meeting.durationMinutes * 60_000}`));
    return answer.value.flatMap((item) => {
      const person = byAddress.get(item.address);
      if (!person) return [];
      if (ownSpans.has(`${person.id}|${item.start.getTime()}|${item.end.getTime()}`)) return [];
      return [
        {
          personId: person.id,
          meeting: { id: `outlook:${person.id}:${item.start.toISOString()}`, kind: "one_on_one", firstOfLoop: false, unitName: "Outlook", startsAt: item.start, durationMinutes: Math.max(1, Math.round((item.end.getTime() - item.start.getTime()) / 60_000)), outlook: true },
        } satisfies BusyPeriod,
      ];
    });
  }

  /** Who of these people is busy in Outlook (not with the bot's own meetings) between `from` and `to`. */
  async function busyInOutlook(personIds: readonly string[], from: Date, to: Date): Promise<string[]> {
    const own = await base.busy(personIds, new Date(from.getTime() - 8 * 3_600_000), to);
    const found = await inTime(outlookOnly(personIds, from, to, own), deadlines.click);
    return [...new Set(found.filter((b) => b.meeting.startsAt < to && b.meeting.startsAt.getTime() + b.meeting.durationMinutes * 60_000 > from.getTime()).map((b) => b.personId))];
  }

  return {
    /** BusyTimes: the bot's meetings and the people's Outlook. */
    async busy(personIds: readonly string[], from: Date, to: Date): Promise<BusyPeriod[]> {
      const own = await base.busy(personIds, from, to);
      return [...own, ...(await inTime(outlookOnly(personIds, from, to, own), deadlines.proposal))];
    },
    busyInOutlook,
    /**
     * A time chosen by hand (planlæg 1:1, a move in the årshjul) at which someone is busy in Outlook:
     * the warning naming them («du» for the one choosing), or undefined when all are free. The
     * meeting is planned all the same: the person chose the time (0018).
     */
    async warning(participants: readonly { id: string; name: string }[], from: Date, to: Date, actorId: string): Promise<string | undefined> {
      const busy = new Set(await busyInOutlook(participants.map((p) => p.id), from, to));
      if (busy.size === 0) return undefined;
      return strings.planning.busyInOutlook(participants.filter((p) => busy.has(p.id)).map((p) => (p.id === actorId ? strings.meeting.busyYou : p.name)));
    },
  };
}
