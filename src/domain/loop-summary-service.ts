import { AppError } from "../lib/errors.js";
import { strings } from "../lib/strings.da.js";
import { addDays, compareDates, localDateOf } from "../lib/zoned-time.js";
import { loopSummaryRows } from "./notification-keys.js";
import type { Clock, FocusAreaEvaluations, FocusAreaRepository, FollowUpRepository, FormRepository, LoopRepository, MeetingRepository, NotificationRepository, UnitRepository } from "./ports.js";
import type { DomainSettings } from "./settings.js";
import type { FocusArea, FollowUpStatus, Loop, Meeting, Person, PlannedNotification, Unit } from "./types.js";

/** A loop has four læringssamtaler (seed 002); closing the fourth ends it with what was learned. */
export const LAERINGSSAMTALER_PER_LOOP = 4;

/**
 * The summary is also planned on the loop's last day, for a unit that has not closed four
 * læringssamtaler by then; for this many days after it, so a bot that was down that day still
 * sends it (the key is the same as after the fourth closing: whichever comes first, once).
 */
export const LAST_DAY_CATCH_UP_DAYS = 14;

export interface FollowUpTally {
  done: number;
  open: number;
  /** Ended without being done (cancelled in the form, or ended at an evaluation). */
  ended: number;
}

/** A decision of a læringssamtale, with its agreements by status. */
export interface SummaryDecision {
  text: string;
  /** When the læringssamtale it was made at began. */
  at: Date;
  followUps: FollowUpTally;
}

/** What the loop learned in one unit, per focus area, for the chief and the kvalitetsrapport. */
export interface LoopSummary {
  unit: Unit;
  loop: Loop;
  /** Per focus area: what became of it, and the decisions made about it. */
  focusAreas: { area: FocusArea; themeTitle: string; evaluations: FocusAreaEvaluations; decisions: SummaryDecision[] }[];
  /** The loop's læringssamtaler closed so far, in order, with their decisions about no one focus area. */
  samtaler: { meeting: Meeting; decisions: SummaryDecision[] }[];
  /** Every agreement of the loop's læringssamtaler. */
  followUps: FollowUpTally;
}

export type LoopSummaryService = ReturnType<typeof createLoopSummaryService>;

const tally = (statuses: FollowUpStatus[]): FollowUpTally => ({
  done: statuses.filter((s) => s === "done").length,
  open: statuses.filter((s) => s === "open").length,
  ended: statuses.filter((s) => s === "cancelled").length,
});

/** The instants a summary may be limited to: læringssamtaler starting from `start` (included) to `end` (excluded). */
export interface SummaryWindow {
  start: Date;
  end: Date;
}

export type LoopSummariser = ReturnType<typeof createLoopSummariser>;

/**
 * The one place a unit's loop is summed up: the chief's card and the export's «Opsamling» both read
 * it, so their figures agree by construction. Reads only; needs no clock or settings (the
 * `npm run export` command uses it on a read-only database).
 */
export function createLoopSummariser(deps: {
  meetings: MeetingRepository;
  forms: FormRepository;
  followUps: FollowUpRepository;
  focusAreas: FocusAreaRepository;
  loops: LoopRepository;
  units: UnitRepository;
}) {
  const { meetings, forms, followUps, focusAreas, loops, units } = deps;

  /**
   * The loop's læringssamtaler of the unit that have been closed (at least once), oldest first;
   * with a window, only those that started in it. Never a 1:1 (its agreements stay between its two people).
   */
  async function closedSamtaler(unitId: string, loopId: string, window?: SummaryWindow): Promise<Meeting[]> {
    const all = await meetings.getMany(await meetings.idsOfUnit(unitId, { kind: "laeringssamtale", loopId }));
    return all
      .filter((m) => m.kind === "laeringssamtale" && m.referatVersion > 0 && m.status !== "cancelled")
      .filter((m) => !window || (m.startsAt >= window.start && m.startsAt < window.end))
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  }

  /** What the loop learned in the unit; with a window (the export's period), from the læringssamtaler in it only. */
  async function summarise(unit: Unit, loop: Loop, window?: SummaryWindow): Promise<LoopSummary> {
    const areas = await focusAreas.list(unit.id, loop.id);
    const about = new Map<string, SummaryDecision[]>(areas.map((a) => [a.id, []]));
    const samtaler = [];
    const statuses: FollowUpStatus[] = [];
    for (const meeting of await closedSamtaler(unit.id, loop.id, window)) {
      // Every agreement, also one ended without being done (the form shows only those not cancelled).
      const [rows, agreements] = await Promise.all([forms.rows(meeting.id), followUps.listByMeeting(meeting.id)]);
      const other: SummaryDecision[] = [];
      for (const r of rows) {
        const mine = agreements.filter((f) => f.decisionId === r.decisionId).map((f) => f.status);
        statuses.push(...mine);
        const d = { text: r.decision, at: meeting.startsAt, followUps: tally(mine) };
        (about.get(r.focusAreaId ?? "") ?? other).push(d);
      }
      samtaler.push({ meeting, decisions: other });
    }
    const evaluations = await focusAreas.evaluations(areas.map((a) => a.id));
    const themeTitle = (id: string) => loop.themes.find((t) => t.id === id)?.title ?? "";
    return {
      unit,
      loop,
      focusAreas: [...areas]
        .sort((a, b) => a.position - b.position)
        .map((area) => ({ area, themeTitle: themeTitle(area.themeId), evaluations: evaluations.get(area.id) ?? { extended: 0, evaluateNext: false }, decisions: about.get(area.id) ?? [] })),
      samtaler,
      followUps: tally(statuses),
    };
  }

  return {
    closedSamtaler,
    summarise,
    /** The summary of a unit's loop by their ids (for the export); undefined if either is unknown. */
    async ofUnit(unitId: string, loopId: string, window?: SummaryWindow): Promise<LoopSummary | undefined> {
      const [unit, loop] = await Promise.all([units.get(unitId), loops.get(loopId)]);
      return unit && loop ? summarise(unit, loop, window) : undefined;
    },
  };
}

/** How many decisions a summary holds: those about a focus area and the rest. */
export function decisionCount(summary: LoopSummary): number {
  return summary.focusAreas.reduce((n, f) => n + f.decisions.length, 0) + summary.samtaler.reduce((n, s) => n + s.decisions.length, 0);
}

/**
 * The loop ends with what was learned (seed 002: «Ved afslutning på den to-årige periode samles der
 * systematisk op på det lokale arbejde med fokusområderne»). When a unit's fourth læringssamtale
 * of the loop is closed, or on the loop's last day if that comes first, its chiefs get the summary
 * as a card, once (the outbox key is per unit, loop and chief: a repeated closing, a reopening and
 * closing again, the last day after the fourth closing, or a restart plans nothing new).
 */
export function createLoopSummaryService(deps: {
  meetings: MeetingRepository;
  forms: FormRepository;
  followUps: FollowUpRepository;
  focusAreas: FocusAreaRepository;
  loops: LoopRepository;
  units: UnitRepository;
  notifications: NotificationRepository;
  clock: Clock;
  settings: DomainSettings;
}) {
  const { meetings, loops, units, notifications, clock, settings } = deps;
  const summariser = createLoopSummariser(deps);
  const { closedSamtaler, summarise } = summariser;

  return {
    /**
     * After a læringssamtale was closed (or a closing repeated): the summary's rows when it is the
     * loop's fourth (or later) closed læringssamtale of its unit; none otherwise.
     */
    async rowsAfterClosing(meeting: Meeting, now: Date): Promise<PlannedNotification[]> {
      if (meeting.kind !== "laeringssamtale" || !meeting.loopId) return [];
      const closed = await closedSamtaler(meeting.unit.id, meeting.loopId);
      if (closed.length < LAERINGSSAMTALER_PER_LOOP) return [];
      const roster = await units.roster(meeting.unit.id);
      return loopSummaryRows(meeting.unit.id, meeting.loopId, meeting.id, roster?.chiefIds ?? [], settings.calendar, now);
    },

    /**
     * Daily: on a loop's last day (and up to LAST_DAY_CATCH_UP_DAYS after), the summary for every
     * active unit with læringssamtaler in it, to its chiefs, with the key the fourth closing uses,
     * so a unit that closed fewer than four gets it too, and one that got it gets nothing new.
     * Its subject is the unit's latest læringssamtale of the loop. Gives how many rows were new.
     */
    async planLastDay(): Promise<number> {
      const now = clock.now();
      const today = localDateOf(now, settings.timezone);
      let planned = 0;
      for (const loop of await loops.all()) {
        const lastDay = addDays(loop.endDate, -1);
        if (compareDates(today, lastDay) < 0 || compareDates(today, addDays(lastDay, LAST_DAY_CATCH_UP_DAYS)) > 0) continue;
        for (const { unitId, meetingId } of await meetings.lastSamtalePerUnit(loop.id)) {
          const roster = await units.roster(unitId);
          planned += await notifications.plan(loopSummaryRows(unitId, loop.id, meetingId, roster?.chiefIds ?? [], settings.calendar, now), now);
        }
      }
      return planned;
    },

    /** The summary of the loop the meeting belongs to, for a chief of its unit. */
    async view(actor: Person, meetingId: string): Promise<LoopSummary> {
      const meeting = await meetings.get(meetingId);
      const loop = meeting?.loopId ? await loops.get(meeting.loopId) : undefined;
      if (!meeting || !loop) throw new AppError("not-found", strings.generic.notFound);
      const roster = await units.roster(meeting.unit.id);
      if (!roster?.chiefIds.includes(actor.id)) throw new AppError("not-authorised", strings.loopSummary.notChief);
      return summarise(meeting.unit, loop);
    },

    /** What the loop learned in a unit (the card's figures; with a window, the export's). */
    summarise,
    /** The same by ids, for the export's «Opsamling» (src/domain/export.ts). */
    ofUnit: summariser.ofUnit,
  };
}
