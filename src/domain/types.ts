/** Domain entities. Instants are `Date` (UTC); calendar dates are "YYYY-MM-DD" strings. */

export type UnitType = "dagtilbud" | "skole" | "fu";
/** Roles from the organisation file: on an area (chef, konsulent) or on a unit (the rest). */
export type RoleName = "chef" | "konsulent" | "leder" | "paedagogisk_leder" | "medarbejderrepraesentant" | "bestyrelsesrepraesentant";

export interface Person {
  id: string;
  aadObjectId: string;
  name: string;
  email?: string;
  active: boolean;
}

export interface Unit {
  id: string;
  name: string;
  type: UnitType;
  selvejende: boolean;
  areaId: string;
  active: boolean;
}

/** A leader the chief may hold 1:1s with, with the unit that links them. */
export interface LeaderOfUnit {
  leader: Person;
  unit: Unit;
}

export type MeetingKind = "one_on_one";
export type MeetingStatus = "planned" | "closed" | "cancelled";
export type ParticipantRole = "chair" | "leader";

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
  closedAt?: Date;
  participants: Participant[];
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
  addedBy?: Person;
  followUpId?: string;
}

export interface ReflectionAnswers {
  [questionId: string]: string;
}

export interface Reflection {
  id: string;
  meetingId: string;
  authorId: string;
  answers: ReflectionAnswers;
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

export interface FollowUp {
  id: string;
  meetingId: string;
  decisionId?: string;
  text: string;
  ownerId: string;
  dueDate: string;
  status: FollowUpStatus;
  version: number;
  createdAt: Date;
  doneAt?: Date;
}

export type FollowUpEventKind = "created" | "edited" | "done" | "reopened" | "postponed" | "commented" | "cancelled";

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
  meeting: { id: string; kind: MeetingKind; startsAt: Date; chairId: string };
  decisionText?: string;
  comments: { author: Person; at: Date; text: string }[];
}

/** The opfølgningsskema: one row per decision, each with at most one follow-up. */
export interface FormRow {
  decisionId?: string;
  agendaItemId?: string;
  decision: string;
  followUpId?: string;
  followUpText?: string;
  ownerId?: string;
  dueDate?: string;
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
  greetedAt?: Date;
}

export type NotificationKind = "meeting_agenda" | "meeting_reflection" | "followup_assigned" | "followup_due" | "referat";
export type NotificationStatus = "pending" | "sending" | "sent" | "failed" | "cancelled";

export interface PlannedNotification {
  key: string;
  kind: NotificationKind;
  personId: string;
  subjectId: string;
  dueAt: Date;
  /** Drop instead of sending after this instant (e.g. a meeting pack once the meeting began). */
  notAfter?: Date;
}

export interface Notification extends PlannedNotification {
  id: string;
  status: NotificationStatus;
  /** Send attempts (claims), not counting hours spent waiting for the person to install the bot. */
  attempts: number;
  createdAt: Date;
  /** The claim's lease: only the worker holding it may mark the row. */
  leaseUntil?: Date;
}
