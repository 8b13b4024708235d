/**
 * The audit log: who changed which meeting, decision or follow-up, and when. It is written by
 * the repositories in the same transaction as the change, so a change without its entry (or an
 * entry without its change) cannot happen. Entries hold ids, dates, statuses and field names,
 * never texts; the store refuses to delete or rewrite them (only gdpr:erase may replace a
 * person's id by an anonymous one).
 */
import type { FollowUpEvent } from "./types.js";

export type AuditSubjectKind =
  | "meeting"
  | "agenda_item"
  | "decision"
  | "followup"
  | "focus_area"
  | "focus_area_proposal"
  | "year_wheel"
  | "reflection"
  | "board_statement"
  | "board_report"
  | "initiative"
  | "person"
  | "guest_link";

export type AuditAction =
  | "meeting.scheduled"
  | "meeting.moved"
  | "meeting.cancelled"
  | "meeting.closed"
  | "meeting.reopened"
  | "meeting.minutes_erased"
  | "meeting.template_applied"
  /** The chair chose how the board takes part (udtalelse or deltagelse). */
  | "meeting.board_mode"
  | "meeting.ad_hoc_added"
  | "meeting.ad_hoc_removed"
  | "agenda.topic_added"
  | "agenda.indstilling_changed"
  | "decision.created"
  | "decision.edited"
  | "decision.deleted"
  | `followup.${FollowUpEvent["kind"]}`
  | "focus_area.created"
  | "focus_area.edited"
  | "focus_area.ended"
  | "focus_area.extended"
  | "focus_area.evaluate_next"
  | "focus_area.proposed"
  | "focus_area.proposal_approved"
  | "initiative.registered"
  | "initiative.extended"
  | "initiative.ended"
  | "year_wheel.proposed"
  | "year_wheel.moved"
  | "year_wheel.confirmed"
  | "reflection.sent"
  | "board_statement.sent"
  | "referat.approved"
  | "referat.remarked"
  | "board_report.sent"
  | "person.erased"
  /** A person outside Teams' link to a meeting was made, or revoked by the chair (decision 0025). */
  | "guest_link.created"
  | "guest_link.revoked";

/** Who made a change, and when. */
export interface AuditStamp {
  actorId: string;
  at: Date;
}

/** A detail value: never a text a person wrote, never a person's id (those have their own fields). */
export type AuditDetail = Record<string, string | number | boolean | null | string[]>;

export interface NewAuditEntry {
  action: AuditAction;
  subjectKind: AuditSubjectKind;
  subjectId: string;
  meetingId?: string;
  /** The person the change is about (a follow-up's owner after it). */
  personId?: string;
  /** The person before the change (a reassigned follow-up's earlier owner). */
  formerPersonId?: string;
  detail?: AuditDetail;
}

export interface AuditEntry extends NewAuditEntry {
  seq: number;
  at: Date;
  actorId: string;
  detail: AuditDetail;
}

/** Actors that are not people: the bot's own jobs and the administrator's command-line tools. */
export const SYSTEM_ACTORS = {
  retention: "system:retention",
  /** A changed meeting template applied at start-up to meetings whose pack is not sent yet. */
  templates: "system:templates",
  gdpr: "system:gdpr",
} as const;

/** The prefix of an erased person's id; the only new value the audit log accepts for a person field. */
export const ANONYMOUS_PREFIX = "anonym-";

const DATE_FIELDS = new Set(["dueDate", "evaluateOn"]);

/**
 * The audit entry for a follow-up event: the fields it changed (dates with their values, a text
 * only by name), and the owners as person fields, so nothing anyone wrote reaches the log.
 */
export function followUpAuditEntry(followUpId: string, meetingId: string, event: FollowUpEvent, ownerId?: string): NewAuditEntry {
  const data = event.data as Record<string, unknown>;
  const detail: AuditDetail = {};
  let personId = ownerId;
  let formerPersonId: string | undefined;
  if (event.kind === "reassigned") {
    personId = typeof data.to === "string" ? data.to : personId;
    formerPersonId = typeof data.from === "string" ? data.from : undefined;
  } else if (event.kind === "postponed" || event.kind === "extended") {
    const field = event.kind === "postponed" ? "dueDate" : "evaluateOn";
    detail[field] = dateOrNull((data as { to?: unknown }).to);
    detail[`former${field[0]!.toUpperCase()}${field.slice(1)}`] = dateOrNull((data as { from?: unknown }).from);
  } else if (event.kind === "created") {
    personId = typeof data.ownerId === "string" ? data.ownerId : personId;
    detail.dueDate = dateOrNull(data.dueDate);
  } else if (event.kind === "edited") {
    detail.fields = Object.keys(data).sort();
    for (const f of Object.keys(data)) {
      const change = data[f] as { from?: unknown; to?: unknown } | undefined;
      if (DATE_FIELDS.has(f)) detail[f] = dateOrNull(change?.to);
      if (f === "ownerId") {
        personId = typeof change?.to === "string" ? change.to : personId;
        formerPersonId = typeof change?.from === "string" ? change.from : undefined;
      }
    }
  }
  return { action: `followup.${event.kind}`, subjectKind: "followup", subjectId: followUpId, meetingId, personId, formerPersonId, detail };
}

function dateOrNull(v: unknown): string | null {
  return typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null;
}
