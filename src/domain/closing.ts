import { addDays, localDateOf, localTimeOf, zonedToUtc } from "../lib/zoned-time.js";
import type { Meeting } from "./types.js";

/**
 * The rules of closing a meeting and reopening it (docs/decisions/0013-closing-and-reopening.md).
 * Closing sends the referat; the chair may reopen a closed meeting for a while to correct the
 * opfølgningsskema, and closing it again sends a corrected referat («Rettet referat»).
 */

/** Reopened for corrections: planned again, with a referat behind it. */
export const isReopened = (m: Pick<Meeting, "status" | "referatVersion">): boolean => m.status === "planned" && m.referatVersion > 0;

/**
 * Until when the chair may reopen a closed meeting: `days` calendar days after its latest
 * closing, at the same time of day in `tz`. Undefined when it cannot be reopened at all (not
 * closed, or reopening is turned off).
 */
export function reopenDeadline(m: Pick<Meeting, "status" | "closedAt">, days: number, tz: string): Date | undefined {
  if (m.status !== "closed" || !m.closedAt || days <= 0) return undefined;
  return zonedToUtc(addDays(localDateOf(m.closedAt, tz), days), localTimeOf(m.closedAt, tz), tz);
}

/** Whether the meeting can be reopened now (by its chair: the service checks who asks). */
export function mayReopen(m: Pick<Meeting, "status" | "closedAt">, days: number, tz: string, now: Date): boolean {
  const deadline = reopenDeadline(m, days, tz);
  return deadline !== undefined && now < deadline;
}

/**
 * Reopened before it began, the meeting is planned again as if never closed: the follow-ups
 * frozen onto its agenda are let go (the agenda carries what is open when it is held) and its
 * pack goes at its time. Reopened after it began, what it followed up on stays as it was.
 */
export const reopensBeforeStart = (m: Pick<Meeting, "startsAt">, now: Date): boolean => now < m.startsAt;
