import type { WorkingCalendar } from "../lib/working-calendar.js";
import { localDateOf } from "../lib/zoned-time.js";
import { isAbsent, isMuted, type Preferences } from "./reminder-preferences.js";
import type { NotificationKind } from "./types.js";

/** Why a pending outbox row waits (its `lastError` while it waits); none of them counts as a send attempt. */
export const WAIT = {
  /** The person has not installed the bot (yet), or Teams refused their conversation (403/404). */
  noConversation: "no-conversation",
  /** The person said `fraværende til …`. */
  absent: "absent",
  /** Due outside the working window (after downtime, or a snooze's hour). */
  outsideHours: "outside-working-hours",
} as const;

/**
 * A person who cannot be reached (the bot not installed yet, or Teams answered 403/404) may still
 * come: their due cards are looked at again hourly, and go at once when they are back, for this
 * many working days after the day the card fell due (to the end of that working day).
 */
export const WAIT_FOR_PERSON_WORKING_DAYS = 2;

/** The end of the wait for an unreachable person that began at `since` (WAIT_FOR_PERSON_WORKING_DAYS). */
export function waitForPersonEnds(calendar: WorkingCalendar, since: Date): Date {
  const first = calendar.nextWorkingDay(localDateOf(since, calendar.tz));
  return calendar.workingDayEnd(calendar.addWorkingDays(first, WAIT_FOR_PERSON_WORKING_DAYS));
}

/**
 * Why a send that has not gone yet has not gone, for the administrator (`npm run status`): the
 * first that applies, in the order the outbox checks them when the row falls due.
 */
export type WaitingReason =
  /** Being sent right now (claimed by a worker). */
  | { reason: "sending" }
  /** The person turned this kind of reminder off: it is cancelled when it falls due. */
  | { reason: "muted" }
  /** The person is away; it arrives at the start of the working day of `until` (YYYY-MM-DD). */
  | { reason: "absent"; until: string }
  /** Due outside working hours: it goes at the next working-hours moment (`until`, the row's due time). */
  | { reason: "outside-working-hours"; until: Date }
  /** The person has no conversation with the bot yet (not installed); looked for hourly. */
  | { reason: "no-conversation"; since?: Date }
  /** The person could not be reached (`error`: http-403/404 from Teams, connection-refused from a local Playground not running): it waits for them to be back. */
  | { reason: "unreachable"; error: string; since?: Date }
  /** A send failed (`error`) and is tried again at the row's due time. */
  | { reason: "retrying"; error: string }
  /** Planned for later. */
  | { reason: "not-due" }
  /** Due: it goes at the next tick of the outbox. */
  | { reason: "due" };

export interface WaitingRow {
  kind: NotificationKind;
  status: string;
  dueAt: Date;
  lastError?: string;
  attempts: number;
  waitingSince?: Date;
}

/** What the outbox knows about the person when it decides. */
export interface WaitingContext {
  preferences: Preferences;
  /** Their stored conversation, if any: whether Teams may be asked, and why not. */
  conversation?: { active: boolean; inactiveReason?: string };
}

const WAIT_REASONS: readonly string[] = Object.values(WAIT);

/** Why `row` has not been sent at `now` (see WaitingReason). */
export function whyWaiting(row: WaitingRow, ctx: WaitingContext, now: Date, tz: string): WaitingReason {
  if (row.status === "sending") return { reason: "sending" };
  if (isMuted(ctx.preferences, row.kind)) return { reason: "muted" };
  // Absent on the day it falls due (or today, when that has passed).
  const day = localDateOf(row.dueAt > now ? row.dueAt : now, tz);
  if (isAbsent(ctx.preferences, day)) return { reason: "absent", until: ctx.preferences.absentUntil! };
  if (row.lastError === WAIT.outsideHours && row.dueAt > now) return { reason: "outside-working-hours", until: row.dueAt };
  const reachable = ctx.conversation?.active === true;
  if (row.lastError === WAIT.noConversation && !reachable) {
    const refused = ctx.conversation?.inactiveReason;
    return refused ? { reason: "unreachable", error: refused, since: row.waitingSince } : { reason: "no-conversation", since: row.waitingSince };
  }
  if (row.lastError && !WAIT_REASONS.includes(row.lastError)) return { reason: "retrying", error: row.lastError };
  return row.dueAt > now ? { reason: "not-due" } : { reason: "due" };
}
