import { AppError } from "../lib/errors.js";
import { strings } from "../lib/strings.da.js";
import { loopSummaryRows } from "./notification-keys.js";
import type { Clock, FocusAreaEvaluations, FocusAreaRepository, FormRepository, LoopRepository, MeetingRepository, UnitRepository } from "./ports.js";
import type { DomainSettings } from "./settings.js";
import type { FocusArea, FollowUpStatus, Loop, Meeting, Person, PlannedNotification, Unit } from "./types.js";

/** A loop has four læringssamtaler (seed 002); closing the fourth ends it with what was learned. */
export const LAERINGSSAMTALER_PER_LOOP = 4;

export interface FollowUpTally {
  done: number;
  open: number;
  /** Ended without being done (cancelled in the form, or ended at an evaluation). */
  ended: number;
}

/** What the loop learned in one unit, per focus area, for the chief and the kvalitetsrapport. */
export interface LoopSummary {
  unit: Unit;
  loop: Loop;
  /** The loop's læringssamtaler closed so far, in order. */
  samtaler: { meeting: Meeting; decisions: { text: string; followUps: FollowUpTally }[] }[];
  focusAreas: { area: FocusArea; themeTitle: string; evaluations: FocusAreaEvaluations }[];
  followUps: FollowUpTally;
}

export type LoopSummaryService = ReturnType<typeof createLoopSummaryService>;

const tally = (statuses: (FollowUpStatus | undefined)[]): FollowUpTally => ({
  done: statuses.filter((s) => s === "done").length,
  open: statuses.filter((s) => s === "open").length,
  ended: statuses.filter((s) => s === "cancelled").length,
});

/**
 * The loop ends with what was learned (seed 002: «Ved afslutning på den to-årige periode samles der
 * systematisk op på det lokale arbejde med fokusområderne»). When a unit's fourth læringssamtale
 * of the loop is closed, its chiefs get the summary as a card, once (the outbox key is per unit,
 * loop and chief: a repeated closing, a reopening and closing again, or a restart plans nothing new).
 */
export function createLoopSummaryService(deps: {
  meetings: MeetingRepository;
  forms: FormRepository;
  focusAreas: FocusAreaRepository;
  loops: LoopRepository;
  units: UnitRepository;
  clock: Clock;
  settings: DomainSettings;
}) {
  const { meetings, forms, focusAreas, loops, units, settings } = deps;

  /** The loop's læringssamtaler of the unit that have been closed (at least once), oldest first. */
  async function closedSamtaler(unitId: string, loopId: string): Promise<Meeting[]> {
    const all = await meetings.getMany(await meetings.idsOfUnit(unitId, { kind: "laeringssamtale", loopId }));
    return all.filter((m) => m.referatVersion > 0 && m.status !== "cancelled").sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  }

  async function summarise(unit: Unit, loop: Loop): Promise<LoopSummary> {
    const samtaler = [];
    const statuses: (FollowUpStatus | undefined)[] = [];
    for (const meeting of await closedSamtaler(unit.id, loop.id)) {
      const rows = await forms.rows(meeting.id);
      const byDecision = new Map<string, { text: string; statuses: (FollowUpStatus | undefined)[] }>();
      for (const r of rows) {
        const key = r.decisionId ?? r.decision;
        const d = byDecision.get(key) ?? { text: r.decision, statuses: [] };
        if (r.followUpId) {
          d.statuses.push(r.followUpStatus);
          statuses.push(r.followUpStatus);
        }
        byDecision.set(key, d);
      }
      samtaler.push({ meeting, decisions: [...byDecision.values()].map((d) => ({ text: d.text, followUps: tally(d.statuses) })) });
    }
    const areas = await focusAreas.list(unit.id, loop.id);
    const evaluations = await focusAreas.evaluations(areas.map((a) => a.id));
    const themeTitle = (id: string) => loop.themes.find((t) => t.id === id)?.title ?? "";
    return {
      unit,
      loop,
      samtaler,
      focusAreas: [...areas]
        .sort((a, b) => a.position - b.position)
        .map((area) => ({ area, themeTitle: themeTitle(area.themeId), evaluations: evaluations.get(area.id) ?? { extended: 0, evaluateNext: false } })),
      followUps: tally(statuses),
    };
  }

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

    /** The summary of the loop the meeting belongs to, for a chief of its unit. */
    async view(actor: Person, meetingId: string): Promise<LoopSummary> {
      const meeting = await meetings.get(meetingId);
      const loop = meeting?.loopId ? await loops.get(meeting.loopId) : undefined;
      if (!meeting || !loop) throw new AppError("not-found", strings.generic.notFound);
      const roster = await units.roster(meeting.unit.id);
      if (!roster?.chiefIds.includes(actor.id)) throw new AppError("not-authorised", strings.loopSummary.notChief);
      return summarise(meeting.unit, loop);
    },

    /** The summaries of these units in the loops they took part in (for the export). */
    summarise,
  };
}
