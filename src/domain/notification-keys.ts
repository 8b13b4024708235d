import type { WorkingCalendar } from "../lib/working-calendar.js";
import type { FollowUp, Meeting, PlannedNotification } from "./types.js";
import { addDays, localDateOf, zonedToUtc } from "../lib/zoned-time.js";

/**
 * The outbox rows the domain plans. A key names what, for whom and for which version of the
 * subject, so planning the same thing twice is harmless and a change makes a new key.
 */

/**
 * When something planned for `planned` before a meeting goes: then, or in the next working
 * window if that moment has passed; at once if the window opens only after the meeting began.
 */
function beforeMeeting(meeting: Meeting, planned: Date, calendar: WorkingCalendar, now: Date): { dueAt: Date; immediate?: boolean } {
  const dueAt = planned < now ? calendar.nextWindowStart(now) : planned;
  return dueAt < meeting.startsAt ? { dueAt } : { dueAt: now, immediate: true };
}

/**
 * The pack: the dagsorden to every participant, the refleksionsguide only to `guideTo` (those asked
 * for a reflection, and the 1:1's chair, who gets the leader's).
 */
export function meetingPackRows(meeting: Meeting, guideTo: readonly string[], leadDays: number, calendar: WorkingCalendar, now: Date): PlannedNotification[] {
  const meetingDate = localDateOf(meeting.startsAt, calendar.tz);
  const packAt = beforeMeeting(meeting, calendar.workingDayStart(calendar.addWorkingDays(meetingDate, -leadDays)), calendar, now);
  // The chair gets the links of the participants outside Teams with the pack, to pass on (decision 0025).
  const external = meeting.participants.some((p) => p.person.aadObjectId === null);
  const links: PlannedNotification[] = external
    ? [{ key: `guest_links:${meeting.id}:${meeting.chairId}:${meeting.startsAt.toISOString()}`, kind: "guest_links", personId: meeting.chairId, subjectId: meeting.id, ...packAt, notAfter: meeting.startsAt }]
    : [];
  // One row per card, so a failure sending the second never repeats the first.
  return [...links, ...meeting.participants.flatMap((p) =>
    (guideTo.includes(p.person.id) ? (["meeting_agenda", "meeting_reflection"] as const) : (["meeting_agenda"] as const)).map((kind) => ({
      key: `${kind}:${meeting.id}:${p.person.id}:${meeting.startsAt.toISOString()}`,
      kind,
      personId: p.person.id,
      subjectId: meeting.id,
      ...packAt,
      notAfter: meeting.startsAt,
    })),
  )];
}

/**
 * At the start of the working day before the meeting, a nudge to those asked for a reflection who
 * have not sent it (the delivery checks that when it is due). None when that moment has passed.
 */
export function reflectionReminderRows(meeting: Meeting, authorIds: string[], calendar: WorkingCalendar, now: Date): PlannedNotification[] {
  const at = calendar.workingDayStart(calendar.addWorkingDays(localDateOf(meeting.startsAt, calendar.tz), -1));
  if (at <= now || at >= meeting.startsAt) return [];
  return authorIds.map((personId) => ({
    key: reflectionReminderKey(meeting, personId),
    kind: "reflection_reminder" as const,
    personId,
    subjectId: meeting.id,
    dueAt: at,
    notAfter: meeting.startsAt,
  }));
}

/** The rows a planned meeting has before it starts: moved with it, cancelled when it closes. */
export const MEETING_ROW_KINDS = ["meeting_agenda", "meeting_reflection", "reflection_reminder", "board_statement", "board_statement_reminder"] as const;

export const reflectionReminderKey = (meeting: Pick<Meeting, "id" | "startsAt">, personId: string): string =>
  `reflection_reminder:${meeting.id}:${personId}:${meeting.startsAt.toISOString()}`;

/** Sent at once to the person who acted; to anyone else in working hours. */
const sendAt = (personId: string, actorId: string, calendar: WorkingCalendar, now: Date): { dueAt: Date; immediate?: boolean } =>
  personId === actorId ? { dueAt: now, immediate: true } : { dueAt: calendar.nextWindowStart(now) };

export function followUpAssignedRow(f: Pick<FollowUp, "id" | "ownerId">, actorId: string, calendar: WorkingCalendar, now: Date): PlannedNotification {
  return {
    key: `followup_assigned:${f.id}:${f.ownerId}`,
    kind: "followup_assigned",
    personId: f.ownerId,
    subjectId: f.id,
    ...sendAt(f.ownerId, actorId, calendar, now),
  };
}

type DueFields = Pick<FollowUp, "id" | "ownerId" | "dueDate">;

/**
 * A follow-up's two reminders: «fristen nærmer sig» `soonDays` working days before the frist
 * (none if that moment has passed, or `soonDays` is 0), and «fristen er overskredet» once, on
 * the first working day after it (none if that day has passed: the follow-up is then in the
 * owner's weekly overview, and a late card per item is what the overview replaces).
 */
export function followUpReminderRows(f: DueFields, soonDays: number, calendar: WorkingCalendar, now: Date): PlannedNotification[] {
  const keys = reminderKeys(f);
  const rows: PlannedNotification[] = [];
  const noticeDate = overdueNoticeDate(f.dueDate, calendar);
  const overdueAt = calendar.workingDayStart(noticeDate);
  if (soonDays > 0) {
    const soonAt = calendar.workingDayStart(calendar.addWorkingDays(f.dueDate, -soonDays));
    // Never after the frist has passed (a snooze included): then «overskredet» says it.
    if (soonAt > now) rows.push({ key: keys.dueSoon, kind: "followup_due_soon", personId: f.ownerId, subjectId: f.id, dueAt: soonAt, notAfter: overdueAt });
  }
  if (noticeDate >= localDateOf(now, calendar.tz)) {
    rows.push({ key: keys.overdue, kind: "followup_overdue", personId: f.ownerId, subjectId: f.id, dueAt: overdueAt < now ? calendar.nextWindowStart(now) : overdueAt });
  }
  return rows;
}

/** The first working day after the frist: the day its owner hears it has passed. */
export const overdueNoticeDate = (dueDate: string, calendar: WorkingCalendar): string => calendar.nextWorkingDay(addDays(dueDate, 1));

/** The keys of a follow-up's reminders for its current owner and frist. */
export const reminderKeys = (f: DueFields) => ({
  dueSoon: `followup_due_soon:${f.id}:${f.ownerId}:${f.dueDate}`,
  overdue: `followup_overdue:${f.id}:${f.ownerId}:${f.dueDate}`,
});

/** The kinds of a follow-up's due-date reminders. */
export const FOLLOWUP_REMINDER_KINDS = ["followup_due_soon", "followup_overdue"] as const;

/** A snoozed reminder's key: the original key, and when it comes again. */
export const snoozedKey = (key: string, at: Date): string => `${baseKey(key)}|snooze@${at.toISOString()}`;
/** The key a row was planned under before any snoozing. */
export const baseKey = (key: string): string => key.split("|")[0]!;

/**
 * A weekly overview on `date` (the first working day of the week) at the person's hour, kept
 * inside the working window: the owner's overdue follow-ups, or the chief's view of the area.
 */
export function digestRow(kind: "overdue_digest" | "chief_digest", personId: string, date: string, time: string | undefined, calendar: WorkingCalendar, now: Date): PlannedNotification {
  const start = calendar.workingDayStart(date);
  const wanted = time ? zonedToUtc(date, time, calendar.tz) : start;
  const at = calendar.isWithinWorkingHours(wanted) ? wanted : start;
  // After downtime a late overview still goes, but not once the next week's is due.
  const notAfter = calendar.workingDayStart(calendar.nextWorkingDay(addDays(date, 7)));
  return { key: `${kind}:${personId}:${date}`, kind, personId, subjectId: personId, dueAt: at < now ? calendar.nextWindowStart(now) : at, notAfter };
}

/** A person removed ad hoc after the pack reached them hears so, before the meeting would have begun (once per meeting). */
export function adHocRemovedRow(meeting: Meeting, personId: string, calendar: WorkingCalendar, now: Date): PlannedNotification {
  const at = beforeMeeting(meeting, now, calendar, now);
  return { key: `ad_hoc_removed:${meeting.id}:${personId}`, kind: "ad_hoc_removed", personId, subjectId: meeting.id, ...at, notAfter: meeting.startsAt };
}

/** The other participants hear that the meeting is cancelled, before it would have begun. */
export function meetingCancelledRows(meeting: Meeting, actorId: string, calendar: WorkingCalendar, now: Date): PlannedNotification[] {
  const at = beforeMeeting(meeting, now, calendar, now);
  return meeting.participants
    .filter((p) => p.person.id !== actorId)
    .map((p) => ({ key: `meeting_cancelled:${meeting.id}:${p.person.id}`, kind: "meeting_cancelled" as const, personId: p.person.id, subjectId: meeting.id, ...at, notAfter: meeting.startsAt }));
}

/**
 * The referat to every participant when the meeting is closed: once per referat. The first is
 * `referat:<meeting>:<person>`; a corrected one (the meeting reopened and closed again) has a key
 * of its own, `…:v<n>`, so each correction is sent exactly once.
 */
export function referatRows(meeting: Meeting, actorId: string, calendar: WorkingCalendar, now: Date, version = 1): PlannedNotification[] {
  return meeting.participants.map((p) => ({
    key: `referat:${meeting.id}:${p.person.id}${version > 1 ? `:v${version}` : ""}`,
    kind: "referat" as const,
    personId: p.person.id,
    subjectId: meeting.id,
    ...sendAt(p.person.id, actorId, calendar, now),
  }));
}

/** Which referat a `referat` row sends (see referatRows). */
export const referatVersionOfKey = (key: string): number => Number(/:v(\d+)$/.exec(baseKey(key))?.[1] ?? 1);

/** The working day on or before `date`. */
const workingDayOnOrBefore = (date: string, calendar: WorkingCalendar): string => (calendar.isWorkingDay(date) ? date : calendar.addWorkingDays(date, -1));

/**
 * When the board is asked for its statement: `days` calendar days before the meeting (the
 * working day on or before), so a board that meets monthly can meet first; the next working
 * window if that has passed.
 */
export function boardStatementAskAt(meeting: Meeting, days: number, calendar: WorkingCalendar, now: Date): { dueAt: Date; immediate?: boolean } {
  const askDate = workingDayOnOrBefore(addDays(localDateOf(meeting.startsAt, calendar.tz), -days), calendar);
  return beforeMeeting(meeting, calendar.workingDayStart(askDate), calendar, now);
}

/**
 * The board's request for its statement before a later læringssamtale (the chair chose
 * «Udtalelse»), to the representatives who do not take part, `days` days ahead.
 */
export function boardStatementRows(meeting: Meeting, authorIds: string[], days: number, calendar: WorkingCalendar, now: Date): PlannedNotification[] {
  const at = boardStatementAskAt(meeting, days, calendar, now);
  return authorIds.map((personId) => ({
    key: `board_statement:${meeting.id}:${personId}:${meeting.startsAt.toISOString()}`,
    kind: "board_statement" as const,
    personId,
    subjectId: meeting.id,
    ...at,
    notAfter: meeting.startsAt,
  }));
}

/**
 * The chair's «Deltagere uden Teams» when the board's udtalelse is asked (decision 0025): board
 * representatives outside Teams get no card, so their chair is given their links to pass on at the
 * time the others are asked. None when every asked representative uses Teams.
 */
export function boardGuestLinksRows(meeting: Meeting, externalAuthorIds: readonly string[], days: number, calendar: WorkingCalendar, now: Date): PlannedNotification[] {
  if (externalAuthorIds.length === 0) return [];
  return [{ key: `guest_links:${meeting.id}:${meeting.chairId}:udtalelse:${meeting.startsAt.toISOString()}`, kind: "guest_links", personId: meeting.chairId, subjectId: meeting.id, ...boardStatementAskAt(meeting, days, calendar, now), notAfter: meeting.startsAt }];
}

/** Working days before the meeting that a board that has sent nothing is reminded: a week. */
export const BOARD_REMINDER_WORKING_DAYS = 5;

/**
 * One reminder to each asked representative a working week before the meeting, if the board has
 * sent nothing by then (the delivery checks that when it is due). None when that moment has
 * passed, or comes before the ask itself (a meeting planned at short notice: the ask is enough).
 */
export function boardStatementReminderRows(meeting: Meeting, authorIds: string[], days: number, calendar: WorkingCalendar, now: Date): PlannedNotification[] {
  const at = calendar.workingDayStart(calendar.addWorkingDays(localDateOf(meeting.startsAt, calendar.tz), -BOARD_REMINDER_WORKING_DAYS));
  if (at <= now || at >= meeting.startsAt || at <= boardStatementAskAt(meeting, days, calendar, now).dueAt) return [];
  return authorIds.map((personId) => ({
    key: `board_statement_reminder:${meeting.id}:${personId}:${meeting.startsAt.toISOString()}`,
    kind: "board_statement_reminder" as const,
    personId,
    subjectId: meeting.id,
    dueAt: at,
    notAfter: meeting.startsAt,
  }));
}


/** On the evaluation date (solnedgangsklausul): one card each to the owner and the chief. */
export function expiryRows(kind: "followup_expiry" | "focus_expiry" | "initiative_expiry", subjectId: string, evaluateOn: string, personIds: string[], calendar: WorkingCalendar, now: Date): PlannedNotification[] {
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

/**
 * What the loop learned, to a unit's chiefs after its fourth læringssamtale is closed: once per
 * unit, loop and chief (a closing repeated or done again after a reopening plans nothing new).
 * The subject is the closing meeting: the card finds the unit and the loop from it.
 */
export function loopSummaryRows(unitId: string, loopId: string, meetingId: string, chiefIds: string[], calendar: WorkingCalendar, now: Date): PlannedNotification[] {
  return [...new Set(chiefIds)].map((personId) => ({
    key: `loop_summary:${unitId}:${loopId}:${personId}`,
    kind: "loop_summary" as const,
    personId,
    subjectId: meetingId,
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
