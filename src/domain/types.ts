import type { MeetingTemplate, Step, TemplateId } from "./meeting-template.js";

/** Domain entities. Instants are `Date` (UTC); calendar dates are "YYYY-MM-DD" strings. */

export type UnitType = "dagtilbud" | "skole" | "fu";
/** Roles from the organisation file: on an area (chef, konsulent) or on a unit (the rest). */
export type RoleName = "chef" | "konsulent" | "leder" | "paedagogisk_leder" | "medarbejderrepraesentant" | "bestyrelsesrepraesentant" | "ungerepraesentant" | "afdelingslederrepraesentant";

export interface Person {
  id: string;
  /** Entra object id; null: no Teams account, an "external" person (isExternal, docs/decisions/0025). */
  aadObjectId: string | null;
  name: string;
  email?: string;
  /** Normalised Danish phone number ("+45 12 34 56 78"), for people outside Teams. */
  phone?: string;
  active: boolean;
  /** "guest": added by a chair to one meeting, not in the organisation file (absent: "file"). */
  origin?: PersonOrigin;
}

export type PersonOrigin = "file" | "guest";

/** A person without a Teams account: never sent a card, reached through their guest link (decision 0025). */
export function isExternal(person: Pick<Person, "aadObjectId">): boolean {
  return person.aadObjectId === null;
}

export interface Unit {
  id: string;
  name: string;
  type: UnitType;
  selvejende: boolean;
  areaId: string;
  active: boolean;
  /** Own ceiling of what may weigh on the unit (decision 0020), if the organisation file sets one. */
  intentionCeiling?: number;
  /** Set while the unit carries more than its ceiling (intentionstrængsel). */
  congestedSince?: Date;
}

/** A two-year læringsloop with its politically chosen themes. */
export interface Loop {
  id: string;
  name: string;
  /** "YYYY-MM-DD", inclusive. */
  startDate: string;
  /** "YYYY-MM-DD", exclusive. */
  endDate: string;
  unitTypes: UnitType[];
  themes: Theme[];
}

export interface Theme {
  id: string;
  key: string;
  title: string;
  active: boolean;
}

/** A unit's local focus area within a theme of a loop. */
export interface FocusArea {
  id: string;
  unitId: string;
  loopId: string;
  themeId: string;
  title: string;
  status: "active" | "ended";
  evaluateOn?: string;
  evaluateAtNextMeeting: boolean;
  meetingId: string;
  position: number;
  version: number;
  /** The leader whose proposal it came from (none when the chair wrote it in the meeting). */
  proposedById?: string;
  /** The chair who approved it (none for areas stored before proposals). */
  approvedById?: string;
}

/** One focus area as the leader proposes it. */
export interface ProposedFocusArea {
  themeId: string;
  title: string;
  evaluateOn?: string;
}

/**
 * The unit's leader's proposal of focus areas for a loop (seed 002: «udvalgt med afsæt i de lokale
 * lederes egne anbefalinger»): editable by her until the chair approves it in the meeting.
 */
export interface FocusAreaProposal {
  id: string;
  unitId: string;
  loopId: string;
  meetingId: string;
  proposedById: string;
  rows: ProposedFocusArea[];
  status: "pending" | "approved";
  approvedById?: string;
  approvedAt?: Date;
  version: number;
  updatedAt: Date;
}

/**
 * A forvaltning initiative (seed 004: reducing intentionstrængsel is the forvaltning's duty). A
 * chief registers it for some units of their area, or the whole area; from `fromDate` it weighs
 * on each unit it applies to until it is ended.
 */
export interface Initiative {
  id: string;
  areaId: string;
  title: string;
  /** "YYYY-MM-DD": it counts from this day. */
  fromDate: string;
  /** Solnedgang: the day it is evaluated (the loop's end unless the chief chose another). */
  evaluateOn?: string;
  /** Every unit of the area (also units added later). */
  wholeArea: boolean;
  /** The units it applies to when not the whole area. */
  unitIds: string[];
  status: "active" | "ended";
  version: number;
}

/** How the board takes part in a later læringssamtale, chosen by the chair (seed 002). */
export type BoardMode = "statement" | "participation";

/** A selvejende dagtilbud's yearly written afrapportering from its board to the chief. */
export interface BoardReport {
  id: string;
  unitId: string;
  loopId: string;
  /** The year of the loop it is for (the calendar year). */
  year: number;
  /** The year's last læringssamtale: the afrapportering's follow-ups join its follow-ups. */
  meetingId: string;
  /** The decision its follow-ups hang under in that læringssamtale's opfølgningsskema. */
  decisionId?: string;
  authorId: string;
  /** What the board has followed up on (seed 002: the board's tilsyn). */
  followedUp: string;
  version: number;
  sentAt: Date;
}

/** The board's written statement before a later læringssamtale (input D). */
export interface BoardStatement {
  id: string;
  meetingId: string;
  authorId: string;
  text: string;
  version: number;
  sentAt: Date;
}

/** A leader the chief may hold 1:1s with, with the unit that links them. */
export interface LeaderOfUnit {
  leader: Person;
  unit: Unit;
}

/** one_on_one: chief and unit leader; laeringssamtale: the half-yearly learning conversation; leader_pl: unit leader and a pædagogisk leder. */
export type MeetingKind = "one_on_one" | "laeringssamtale" | "leader_pl";
export type MeetingStatus = "planned" | "closed" | "cancelled";
/**
 * chair holds the meeting; leader is the one whose reflection and follow-ups the meeting is about
 * (the unit leader, or the pædagogisk leder in a leader_pl 1:1); the rest join læringssamtaler.
 */
export type ParticipantRole =
  | "chair"
  | "leader"
  | "paedagogisk_leder"
  | "afdelingslederrepraesentant"
  | "medarbejderrepraesentant"
  | "bestyrelsesrepraesentant"
  | "ungerepraesentant"
  | "konsulent"
  /** «Ad hoc deltagere alt efter lokalt fokusområde» (seed 002): added by the chair to one læringssamtale. */
  | "ad_hoc";

export interface Participant {
  person: Person;
  role: ParticipantRole;
}

export interface Meeting {
  id: string;
  kind: MeetingKind;
  unit: Unit;
  chairId: string;
  startsAt: Date;
  durationMinutes: number;
  status: MeetingStatus;
  version: number;
  /** The latest closing (a reopened meeting keeps it until it is closed again). */
  closedAt?: Date;
  /**
   * The number of its latest referat: how many times it was closed (0: never). A meeting that is
   * planned with a referat behind it has been reopened for corrections (isReopened).
   */
  referatVersion: number;
  /** The follow-ups it carried were frozen onto its agenda when it was closed (kept through a reopening after the start). */
  carriedFrozen: boolean;
  participants: Participant[];
  loopId?: string;
  firstOfLoop: boolean;
  templateId: TemplateId;
  /** The template's snapshot: frozen when the pack is sent; before that, refreshed from the files. */
  template?: MeetingTemplate;
  /** A later læringssamtale of a unit with a board: the chair's choice (absent: not chosen, a statement). */
  boardMode?: BoardMode;
}

/** A participant approved one referat version (docs/decisions/0027-referat-approval.md). */
export interface ReferatApproval {
  meetingId: string;
  version: number;
  personId: string;
  approvedAt: Date;
}

/** A participant's remark to one referat version; it reaches the chair, who may correct the referat. */
export interface ReferatRemark {
  id: string;
  meetingId: string;
  version: number;
  personId: string;
  text: string;
  at: Date;
}

/** One referat of a meeting: each closing sends one; the chair may reopen the meeting to correct it. */
export interface ReferatVersion {
  version: number;
  /** The opfølgningsskema's revision it shows (0: nothing was saved). */
  formRevision: number;
  closedAt: Date;
  closedById: string;
  /** The chair reopened the meeting to correct this referat. */
  reopenedAt?: Date;
  reopenedById?: string;
}

export type AgendaItemKind = "standing" | "carried" | "topic";

/** Standing items that close the meeting (decisions and agreements) sit from this position on. */
export const CLOSING_POSITION = 1000;

export interface AgendaItem {
  id: string;
  position: number;
  kind: AgendaItemKind;
  title: string;
  minutes?: number;
  step?: Step;
  addedBy?: Person;
  followUpId?: string;
  /** The indstilling written for the item in the opfølgningsskema. */
  recommendation?: string;
}

export interface ReflectionAnswers {
  [questionId: string]: string;
}

export interface Reflection {
  id: string;
  meetingId: string;
  authorId: string;
  answers: ReflectionAnswers;
  /** Answered with «Intet nyt» (one tap, no answers): the leader has nothing new since the last meeting. */
  nothingNew: boolean;
  status: "draft" | "sent";
  version: number;
  sentAt?: Date;
}

export interface Decision {
  id: string;
  meetingId: string;
  agendaItemId?: string;
  position: number;
  text: string;
}

export type FollowUpStatus = "open" | "done" | "cancelled";

/** Input C of a læringssamtale: counts only, since what is said in a 1:1 stays between its two. */
export interface OneOnOneInput {
  meetings: number;
  open: number;
  done: number;
}

export interface FollowUp {
  id: string;
  meetingId: string;
  decisionId?: string;
  text: string;
  ownerId: string;
  dueDate: string;
  /** Solnedgangsklausul: on this date its owner and the chief decide to extend, end or evaluate it. */
  evaluateOn?: string;
  evaluateAtNextMeeting?: boolean;
  status: FollowUpStatus;
  version: number;
  createdAt: Date;
  doneAt?: Date;
}

export type FollowUpEventKind = "created" | "edited" | "done" | "reopened" | "postponed" | "commented" | "cancelled" | "extended" | "ended" | "evaluate_next" | "reassigned";

export interface FollowUpEvent {
  kind: FollowUpEventKind;
  actorId: string;
  at: Date;
  data: Record<string, unknown>;
}

/** A follow-up with what a card about it needs. */
export interface FollowUpView {
  followUp: FollowUp;
  owner: Person;
  meeting: { id: string; kind: MeetingKind; startsAt: Date; chairId: string; unitId: string };
  decisionText?: string;
  comments: { author: Person; at: Date; text: string }[];
}

/** The opfølgningsskema: one row per decision, each with at most one follow-up. */
export interface FormRow {
  decisionId?: string;
  agendaItemId?: string;
  decision: string;
  /** The local focus area a læringssamtale's decision is about, if the chair chose one. */
  focusAreaId?: string;
  followUpId?: string;
  followUpText?: string;
  ownerId?: string;
  dueDate?: string;
  evaluateOn?: string;
  followUpStatus?: FollowUpStatus;
  followUpVersion?: number;
}


export interface ConversationRefRecord {
  personId: string;
  conversationId: string;
  serviceUrl: string;
  tenantId?: string;
  reference: Record<string, unknown>;
  active: boolean;
  /** Why Teams refused sends for good (http-403, http-404), when `active` is false. */
  inactiveReason?: string;
  /** Since when the person cannot be reached through it (the first refusal), when `active` is false. */
  inactiveSince?: Date;
  greetedAt?: Date;
}

export interface Area {
  id: string;
  name: string;
}

/** A team channel following an area: where its status card is, and which weekly digest it had. */
export interface ChannelLink {
  id: string;
  conversationId: string;
  teamId?: string;
  areaId: string;
  serviceUrl: string;
  tenantId?: string;
  reference: Record<string, unknown>;
  linkedById: string;
  statusActivityId?: string;
  statusFingerprint?: string;
  lastDigestDate?: string;
}

export type NotificationKind =
  | "meeting_agenda"
  | "meeting_reflection"
  | "reflection_reminder"
  | "followup_assigned"
  | "followup_due_soon"
  | "followup_overdue"
  | "overdue_digest"
  | "chief_digest"
  | "followup_expiry"
  | "focus_expiry"
  /** On a forvaltning initiative's evaluation date, to its area's chiefs (solnedgang). */
  | "initiative_expiry"
  | "board_statement"
  /** A week before the meeting, to a board representative asked for the udtalelse who has sent none. */
  | "board_statement_reminder"
  /** To a meeting's chair: the unit leader's proposal of focus areas arrived or changed (focus-area-service.ts). */
  | "focus_proposal"
  /** Once per year of the loop, to a selvejende dagtilbud's board chair: the written afrapportering (board-report-service.ts). */
  | "board_report"
  /** To the unit's chiefs: the board's afrapportering as it was sent. */
  | "board_report_received"
  | "unit_congested"
  | "followups_orphaned"
  /** To a unit's chiefs once the loop's fourth læringssamtale is closed: what was learned (loop-summary-service.ts). */
  | "loop_summary"
  | "referat"
  /** To a meeting's chair: a participant's remark to the referat (referat-approval-service.ts). */
  | "referat_remark"
  | "meeting_cancelled"
  /** To a person the chair removed ad hoc from a læringssamtale after its pack reached them (decision 0022). */
  | "ad_hoc_removed"
  /** To a meeting's chair (or a unit's chief): someone their cards are for cannot be reached in Teams (reach-service.ts). */
  | "person_unreachable"
  /** Not a card: install the app for the person through Microsoft Graph (reach-service.ts). */
  | "app_install"
  /** Not a card: bring the meeting's event in its chair's calendar up to the meeting through Graph (calendar-sync-service.ts). */
  | "calendar_event"
  /** To a meeting's chair: a participant declined the meeting's event in Outlook (calendar-sync-service.ts). */
  | "calendar_declined"
  /** Not a card: e-mail a person outside Teams their guest link from the chair's mailbox through Graph (guest-link-mail-service.ts). */
  | "guest_link_mail"
  /** To a meeting's chair with the pack, when people outside Teams take part: their links to pass on (decision 0025). */
  | "guest_links";
export type NotificationStatus = "pending" | "sending" | "sent" | "failed" | "cancelled";

export interface PlannedNotification {
  key: string;
  kind: NotificationKind;
  personId: string;
  subjectId: string;
  dueAt: Date;
  /** Drop instead of sending after this instant (e.g. a meeting pack once the meeting began). */
  notAfter?: Date;
  /** The answer to the person's own action: goes at once, even outside working hours. */
  immediate?: boolean;
}

export interface Notification extends PlannedNotification {
  id: string;
  status: NotificationStatus;
  /** Send attempts (claims), not counting hours spent waiting for the person to install the bot. */
  attempts: number;
  createdAt: Date;
  /** The claim's lease: only the worker holding it may mark the row. */
  leaseUntil?: Date;
  /** Set while the card is being posted; found set on a reclaimed row, the post may have arrived. */
  postStartedAt?: Date;
  /** Since when the due row has been waiting for its person to become reachable (cleared when they are back). */
  waitingSince?: Date;
  /** Why it waits, or why its last attempt failed (WAIT reasons, http-…, forbidden (…)). */
  lastError?: string;
  /** When it was marked sent (with `lastError` the note when that is not certain, e.g. unconfirmed-after-crash). */
  sentAt?: Date;
}
