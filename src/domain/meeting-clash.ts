import type { MeetingKind } from "./types.js";

/**
 * Nobody is booked into two meetings at once by the bot. A meeting occupies [start, start + its
 * length); a participant of a new (or moved) meeting must not be in another meeting, not
 * cancelled, that overlaps it. Pure: the repository loads who is busy when, and applies this in
 * the same transaction as the write (src/store/meeting-repository.ts).
 *
 * Busy periods are the one thing the rule looks at, so what the «calendar» work adds (buffers
 * between meetings, free/busy from the person's Outlook) grows this function, not its callers.
 */

/** The longest a meeting lasts (a template's `durationMinutes` is at most this). */
export const MAX_MEETING_MINUTES = 480;

/** The meeting that keeps a person busy, as a clash names it. */
export interface BusyMeeting {
  id: string;
  /** The form or year-wheel entry it was made from: the same request is the same meeting, not a clash. */
  requestId?: string;
  kind: MeetingKind;
  firstOfLoop: boolean;
  unitName: string;
  startsAt: Date;
  durationMinutes: number;
  /** Busy in the person's Outlook calendar (free/busy), not a meeting of the bot's. */
  outlook?: boolean;
}

/** A time a person is taken. */
export interface BusyPeriod {
  personId: string;
  meeting: BusyMeeting;
}

/** The meeting to be booked (or moved). */
export interface MeetingSlot {
  /** A meeting being moved: its own time is not a clash. */
  meetingId?: string;
  requestId?: string;
  participantIds: readonly string[];
  startsAt: Date;
  durationMinutes: number;
}

/** A participant who is already in another meeting at that time. */
export interface Clash {
  personId: string;
  meeting: BusyMeeting;
}

export const endOf = (startsAt: Date, durationMinutes: number): Date => new Date(startsAt.getTime() + durationMinutes * 60_000);

/**
 * The window in which a meeting that overlaps `slot` can start: before the slot ends, and no
 * earlier than the longest meeting before it starts (what the repository reads).
 */
export function clashWindow(slot: Pick<MeetingSlot, "startsAt" | "durationMinutes">): { from: Date; to: Date } {
  return { from: new Date(slot.startsAt.getTime() - MAX_MEETING_MINUTES * 60_000 + 1), to: endOf(slot.startsAt, slot.durationMinutes) };
}

/**
 * Every participant of `slot` who is busy during it, with the meeting that keeps them busy,
 * earliest first. Meetings back to back (one ends as the other starts) do not clash: a booking
 * is refused only for an overlap (the buffer between meetings is the planner's, meeting-planner.ts).
 */
export function findClashes(slot: MeetingSlot, busy: readonly BusyPeriod[]): Clash[] {
  const who = new Set(slot.participantIds);
  const start = slot.startsAt.getTime();
  const end = endOf(slot.startsAt, slot.durationMinutes).getTime();
  const seen = new Set<string>();
  const clashes: Clash[] = [];
  for (const b of busy) {
    const m = b.meeting;
    if (!who.has(b.personId)) continue;
    if (slot.meetingId !== undefined && m.id === slot.meetingId) continue;
    if (slot.requestId !== undefined && m.requestId === slot.requestId) continue;
    if (!(m.startsAt.getTime() < end && start < endOf(m.startsAt, m.durationMinutes).getTime())) continue;
    const key = `${b.personId}\u0000${m.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    clashes.push({ personId: b.personId, meeting: m });
  }
  const order = [...who];
  return clashes.sort((a, b) => a.meeting.startsAt.getTime() - b.meeting.startsAt.getTime() || order.indexOf(a.personId) - order.indexOf(b.personId));
}
