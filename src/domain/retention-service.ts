/**
 * Retention: reflections and minutes are kept while the læringsloop they belong to runs, and
 * for `monthsAfterLoop` after it ends; then a daily job deletes the reflections and board
 * statements and replaces what people wrote in the minutes (decisions, indstillinger, topics,
 * follow-ups, comments, form revisions) by a fixed text. What remains are ids, dates and
 * statuses, so the chief's counts and the audit log stay true.
 *
 * A follow-up that is still open keeps its text (its owner is still working on it); the meeting
 * is looked at again every run and finished when the last one is done or cancelled.
 */
import { addMonths, compareDates, localDateOf } from "../lib/zoned-time.js";
import { strings } from "../lib/strings.da.js";
import { SYSTEM_ACTORS, type AuditStamp } from "./audit.js";
import type { Clock, Logger } from "./ports.js";
import type { Loop, UnitType } from "./types.js";

export interface RetentionCandidate {
  meetingId: string;
  unitType: UnitType;
  loopId?: string;
  startsAt: Date;
}

/** What one run (or one meeting) erased. */
export interface RetentionCounts {
  meetings: number;
  reflections: number;
  boardStatements: number;
  /** Selvejende boards' afrapporteringer whose text was replaced. */
  boardReports: number;
  /** Remarks to the referat whose text was replaced (who remarked on which version, and when, stay). */
  referatRemarks: number;
  decisions: number;
  agendaItems: number;
  followUps: number;
  followUpEvents: number;
  formRevisions: number;
  /** Follow-ups left as they are because they are still open. */
  followUpsKeptOpen: number;
}

export const noRetentionCounts = (): RetentionCounts => ({
  meetings: 0,
  reflections: 0,
  boardStatements: 0,
  boardReports: 0,
  referatRemarks: 0,
  decisions: 0,
  agendaItems: 0,
  followUps: 0,
  followUpEvents: 0,
  formRevisions: 0,
  followUpsKeptOpen: 0,
});

export interface RetentionRepository {
  /** Meetings not yet finished by retention that started before `before`, oldest first, after the cursor. */
  candidates(before: Date, after: Pick<RetentionCandidate, "meetingId" | "startsAt"> | undefined, limit: number): Promise<RetentionCandidate[]>;
  /**
   * Meetings already finished by retention that a person has written to since `since` (a form
   * saved, a comment, a close): their new texts are erased too. Found through the audit log.
   */
  writtenToAfterErasure(since: Date): Promise<RetentionCandidate[]>;
  allLoops(): Promise<Loop[]>;
  /**
   * In one transaction: deletes the meeting's reflections and board statements, replaces the
   * texts of its minutes by `placeholder` (open follow-ups excepted), records the audit entry,
   * and marks the meeting finished when nothing is left open. Counts only what changed.
   */
  eraseMinutes(meetingId: string, placeholder: string, by: AuditStamp): Promise<Omit<RetentionCounts, "meetings">>;
}

/**
 * The day a meeting's loop ends: its own loop's end, else the end of the loop for its unit type
 * that ran on its date, else (no loops configured) the meeting's own date.
 */
export function loopEndOf(c: RetentionCandidate, loops: Loop[], timezone: string): string {
  const own = c.loopId ? loops.find((l) => l.id === c.loopId) : undefined;
  if (own) return own.endDate;
  const date = localDateOf(c.startsAt, timezone);
  const running = loops.find((l) => l.unitTypes.includes(c.unitType) && l.startDate <= date && date < l.endDate);
  return running?.endDate ?? date;
}

const BATCH = 200;
const REVISIT_MS = 8 * 24 * 3_600_000;

export function createRetentionService(deps: { retention: RetentionRepository; clock: Clock; log: Logger; settings: { timezone: string; retentionMonthsAfterLoop: number } }) {
  const { retention, clock, log, settings } = deps;

  return {
    /** One run: every meeting whose loop ended more than the retention time ago. Safe to repeat. */
    async run(): Promise<RetentionCounts> {
      const now = clock.now();
      const today = localDateOf(now, settings.timezone);
      // A loop ends on or after each of its meetings, so only meetings before the cutoff can be due.
      const cutoff = addMonths(today, -settings.retentionMonthsAfterLoop);
      const loops = await retention.allLoops();
      const total = noRetentionCounts();
      const before = new Date(`${cutoff}T23:59:59Z`);
      const erase = async (c: RetentionCandidate) => {
        // A meeting that has not taken place keeps everything (with 0 months, a loop-less meeting later today).
        if (c.startsAt > now) return;
        const end = loopEndOf(c, loops, settings.timezone);
        if (compareDates(addMonths(end, settings.retentionMonthsAfterLoop), today) > 0) return;
        const { followUpsKeptOpen, ...erased } = await retention.eraseMinutes(c.meetingId, strings.retention.erasedText, { actorId: SYSTEM_ACTORS.retention, at: now });
        if (Object.values(erased).some((n) => n > 0)) total.meetings += 1;
        total.followUpsKeptOpen += followUpsKeptOpen;
        for (const k of Object.keys(erased) as (keyof typeof erased)[]) total[k] += erased[k];
      };
      for (let after: RetentionCandidate | undefined, batch: RetentionCandidate[]; (batch = await retention.candidates(before, after, BATCH)).length > 0; after = batch[batch.length - 1]) {
        for (const c of batch) await erase(c);
      }
      // Runs can be missed (the bot down for a while): a week back is looked at every night.
      for (const c of await retention.writtenToAfterErasure(new Date(now.getTime() - REVISIT_MS))) await erase(c);
      log.info({ ...total, monthsAfterLoop: settings.retentionMonthsAfterLoop }, "retention");
      return total;
    },
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
