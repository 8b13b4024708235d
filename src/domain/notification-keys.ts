import type { WorkingCalendar } from "../lib/working-calendar.js";
import type { FollowUp, Meeting, PlannedNotification } from "./types.js";
import { localDateOf } from "../lib/zoned-time.js";

/**
 * The outbox rows the domain plans. A key names what, for whom and for which version of the
 * subject, so planning the same thing twice is harmless and a change makes a new key.
 */

export function meetingPackRows(meeting: Meeting, leadDays: number, calendar: WorkingCalendar, now: Date): PlannedNotification[] {
  const meetingDate = localDateOf(meeting.startsAt, calendar.tz);
  const packDate = calendar.addWorkingDays(meetingDate, -leadDays);
  const planned = calendar.workingDayStart(packDate);
  // Scheduled inside the lead time: send now (still only inside working hours).
  const dueAt = planned < now ? calendar.nextWindowStart(now) : planned;
  // One row per card, so a failure sending the second never repeats the first.
  return meeting.participants.flatMap((p) =>
    (["meeting_agenda", "meeting_reflection"] as const).map((kind) => ({
      key: `${kind}:${meeting.id}:${p.person.id}:${meeting.startsAt.toISOString()}`,
      kind,
      personId: p.person.id,
      subjectId: meeting.id,
      // If the working window opens only after the meeting began, send right away instead.
      dueAt: dueAt < meeting.startsAt ? dueAt : now,
      notAfter: meeting.startsAt,
    })),
  );
}

/** Sent at once to the person who acted; to anyone else in working hours. */
const sendAt = (personId: string, actorId: string, calendar: WorkingCalendar, now: Date): Date =>
  personId === actorId ? now : calendar.nextWindowStart(now);

export function followUpAssignedRow(f: Pick<FollowUp, "id" | "ownerId">, actorId: string, calendar: WorkingCalendar, now: Date): PlannedNotification {
  return {
    key: `followup_assigned:${f.id}:${f.ownerId}`,
    kind: "followup_assigned",
    personId: f.ownerId,
    subjectId: f.id,
    dueAt: sendAt(f.ownerId, actorId, calendar, now),
  };
}

/** One reminder on the due date (or the first working day after it), at the window start. */
export function followUpDueRow(f: Pick<FollowUp, "id" | "ownerId" | "dueDate">, calendar: WorkingCalendar, now: Date): PlannedNotification {
  const at = calendar.workingDayStart(calendar.nextWorkingDay(f.dueDate));
  return {
    key: dueKey(f),
    kind: "followup_due",
    personId: f.ownerId,
    subjectId: f.id,
    dueAt: at < now ? calendar.nextWindowStart(now) : at,
  };
}

export const dueKey = (f: Pick<FollowUp, "id" | "ownerId" | "dueDate">): string => `followup_due:${f.id}:${f.ownerId}:${f.dueDate}`;

export function referatRows(meeting: Meeting, actorId: string, calendar: WorkingCalendar, now: Date): PlannedNotification[] {
  return meeting.participants.map((p) => ({
    key: `referat:${meeting.id}:${p.person.id}`,
    kind: "referat" as const,
    personId: p.person.id,
    subjectId: meeting.id,
    dueAt: sendAt(p.person.id, actorId, calendar, now),
  }));
}

/**
 * The board's request for its statement before a later læringssamtale, to representatives who
 * do not take part, some working days ahead so the board can meet first.
 */
export function boardStatementRows(meeting: Meeting, authorIds: string[], leadDays: number, calendar: WorkingCalendar, now: Date): PlannedNotification[] {
  const planned = calendar.workingDayStart(calendar.addWorkingDays(localDateOf(meeting.startsAt, calendar.tz), -leadDays));
  const dueAt = planned < now ? calendar.nextWindowStart(now) : planned;
  return authorIds.map((personId) => ({
    key: `board_statement:${meeting.id}:${personId}:${meeting.startsAt.toISOString()}`,
    kind: "board_statement" as const,
    personId,
    subjectId: meeting.id,
    dueAt: dueAt < meeting.startsAt ? dueAt : now,
    notAfter: meeting.startsAt,
  }));
}

/** On the evaluation date (solnedgangsklausul): one card each to the owner and the chief. */
export function expiryRows(kind: "followup_expiry" | "focus_expiry", subjectId: string, evaluateOn: string, personIds: string[], calendar: WorkingCalendar, now: Date): PlannedNotification[] {
  const at = calendar.workingDayStart(calendar.nextWorkingDay(evaluateOn));
  return [...new Set(personIds)].map((personId) => ({
    key: `${kind}:${subjectId}:${personId}:${evaluateOn}`,
    kind,
    personId,
    subjectId,
    dueAt: at < now ? calendar.nextWindowStart(now) : at,
  }));
}

/** The chief is told once each time a unit goes over its ceiling. */
export function congestionRows(unitId: string, since: Date, chiefIds: string[], calendar: WorkingCalendar, now: Date): PlannedNotification[] {
  return chiefIds.map((personId) => ({
    key: `unit_congested:${unitId}:${personId}:${since.toISOString()}`,
    kind: "unit_congested" as const,
    personId,
    subjectId: unitId,
    dueAt: calendar.nextWindowStart(now),
  }));
}

/** FNV-1a: a short, stable fingerprint of a set of ids for a notification key. */
const fingerprint = (ids: string[]): string => {
  let h = 0x811c9dc5;
  for (const ch of [...ids].sort().join(",")) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
};

/** The chief's card about follow-ups whose owner has left: once per set of follow-ups. */
export function orphanedRows(chiefId: string, followUpIds: string[], calendar: WorkingCalendar, now: Date): PlannedNotification {
  return {
    key: `followups_orphaned:${chiefId}:${followUpIds.length}:${fingerprint(followUpIds)}`,
    kind: "followups_orphaned",
    personId: chiefId,
    subjectId: chiefId,
    dueAt: calendar.nextWindowStart(now),
  };
}
