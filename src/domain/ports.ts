/**
 * What the domain needs from the outside world. `src/store` implements the repositories,
 * `src/teams` the messenger, `src/index.ts` wires them.
 */
import type {
  AgendaItem,
  ConversationRefRecord,
  FollowUp,
  FollowUpEvent,
  FollowUpView,
  FormRow,
  LeaderOfUnit,
  Meeting,
  MeetingKind,
  Notification,
  Person,
  PlannedNotification,
  Reflection,
  ReflectionAnswers,
  Unit,
} from "./types.js";
import type { OrganisationFile } from "./organisation-file.js";

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface OrganisationSummary {
  areas: number;
  units: number;
  people: number;
  /** People no longer in the file, now inactive (this import). */
  deactivated: number;
  /** Inactive people who still own open follow-ups, for the chief to reassign. */
  toReassign: { personId: string; name: string; openFollowUps: number }[];
}

export interface PeopleRepository {
  byAadObjectId(aadObjectId: string): Promise<Person | undefined>;
  byId(id: string): Promise<Person | undefined>;
  /** Leaders of the active units in every area where `chiefId` is chef. */
  leadersForChief(chiefId: string): Promise<LeaderOfUnit[]>;
  isChiefOfUnit(personId: string, unitId: string): Promise<boolean>;
  unitsLedBy(personId: string): Promise<Unit[]>;
  /** Upsert areas, units, people and roles. Never deletes: people not in the file become inactive. */
  applyOrganisation(org: OrganisationFile): Promise<OrganisationSummary>;
}

export interface ConversationRepository {
  save(ref: Omit<ConversationRefRecord, "active" | "greetedAt">): Promise<void>;
  get(personId: string): Promise<ConversationRefRecord | undefined>;
  markInactive(personId: string): Promise<void>;
  /** Sets greetedAt if it was unset; true only for the call that set it (greet once). */
  claimGreeting(personId: string, at: Date): Promise<boolean>;
}

export interface NewMeeting {
  id: string;
  requestId?: string;
  kind: MeetingKind;
  unitId: string;
  chairId: string;
  leaderId: string;
  startsAt: Date;
  durationMinutes: number;
  standingItems: { id: string; title: string; minutes?: number; closing?: boolean }[];
}

export interface MeetingRepository {
  /** Creates the meeting; with a `requestId` already used, returns that meeting instead. */
  create(meeting: NewMeeting): Promise<Meeting>;
  get(id: string): Promise<Meeting | undefined>;
  /** Meetings the person takes part in, newest-first for past and soonest-first for coming. */
  listForPerson(personId: string, now: Date, limits: { upcoming: number; recent: number }): Promise<{ upcoming: Meeting[]; recent: Meeting[] }>;
  agendaItems(meetingId: string): Promise<AgendaItem[]>;
  /** Adds a topic after the other topics, before the closing items. */
  addTopic(meetingId: string, item: { id: string; title: string; addedById: string }): Promise<void>;
  /** Open follow-ups from earlier meetings of the same kind between the same chair and leader. */
  carriedFollowUps(meeting: Meeting): Promise<FollowUpView[]>;
  /** The follow-ups frozen onto a closed meeting's agenda, as they stand now. */
  frozenCarried(meetingId: string): Promise<FollowUpView[]>;
  /** Marks the meeting closed and freezes the carried follow-ups into agenda rows. */
  close(meetingId: string, at: Date, carried: { id: string; title: string; followUpId: string }[]): Promise<boolean>;
}

export interface ReflectionRepository {
  get(meetingId: string, authorId: string): Promise<Reflection | undefined>;
  /** Creates or replaces; fails (false) if `expectedVersion` does not match the stored one. */
  save(r: { id: string; meetingId: string; authorId: string; answers: ReflectionAnswers; sentAt: Date }, expectedVersion: number | undefined): Promise<boolean>;
}

export interface FormChange {
  createDecisions: { id: string; agendaItemId?: string; position: number; text: string }[];
  updateDecisions: { id: string; agendaItemId?: string; position: number; text: string }[];
  deleteDecisionIds: string[];
  createFollowUps: { id: string; decisionId: string; text: string; ownerId: string; dueDate: string }[];
  /** Written only if the follow-up is still at `expectedVersion` (its owner may have acted meanwhile). */
  updateFollowUps: { id: string; expectedVersion: number; decisionId: string; text: string; ownerId: string; dueDate: string; changes: Record<string, unknown> }[];
  cancelFollowUpIds: string[];
}

export interface FormRepository {
  rows(meetingId: string): Promise<FormRow[]>;
  revisionCount(meetingId: string): Promise<number>;
  /**
   * Applies the change atomically if the meeting is still at `expectedMeetingVersion`: writes
   * decisions and follow-ups with their events, one revision snapshot, bumps the version.
   * Returns the new revision number, or undefined when the version had moved on.
   */
  apply(meetingId: string, expectedMeetingVersion: number, change: FormChange, editorId: string, at: Date): Promise<number | undefined>;
}

export interface FollowUpRepository {
  get(id: string): Promise<FollowUpView | undefined>;
  listOpenByOwner(ownerId: string, limit: number): Promise<{ items: FollowUpView[]; total: number }>;
  listByMeeting(meetingId: string): Promise<FollowUp[]>;
  /** Applies a change if the follow-up is still at `expectedVersion`; records the event. */
  update(id: string, expectedVersion: number, patch: Partial<Pick<FollowUp, "status" | "dueDate" | "doneAt">>, event: FollowUpEvent): Promise<boolean>;
  /** Adds a comment if the follow-up is still at `expectedVersion` (and moves the version on). */
  addComment(id: string, expectedVersion: number, event: FollowUpEvent): Promise<boolean>;
  history(id: string): Promise<FollowUpEvent[]>;
}

export interface NotificationRepository {
  /** Inserts rows whose key is new (planned at `now`); existing keys are left as they are. */
  plan(rows: PlannedNotification[], now: Date): Promise<void>;
  /** Cancels pending rows for a subject, optionally only of some kinds and except some keys. */
  cancelPending(subjectId: string, opts?: { kinds?: PlannedNotification["kind"][]; exceptKeys?: string[] }): Promise<number>;
  /** Claims up to `limit` due rows with a lease; a row is held by one claimer at a time. */
  claimDue(now: Date, leaseMs: number, limit: number): Promise<Notification[]>;
  /** Marks a claimed row sent; false if the lease was lost to another worker meanwhile. */
  markSent(n: Pick<Notification, "id" | "leaseUntil">, at: Date): Promise<boolean>;
  markFailed(id: string, reason: string): Promise<void>;
  markCancelled(id: string, reason: string): Promise<void>;
  /** Brings a person's rows that wait for them to install the bot (they just did) forward to `at`. */
  wakeWaitingFor(personId: string, at: Date): Promise<number>;
  /** Gives a claimed row back for a later attempt; `countAttempt: false` when nothing was tried. */
  retryLater(id: string, at: Date, reason: string, opts?: { countAttempt: boolean }): Promise<void>;
}

export interface SentCardRepository {
  record(card: { subjectKind: string; subjectId: string; personId: string; conversationId: string; activityId: string }): Promise<void>;
  list(subjectKind: string, subjectId: string): Promise<{ personId: string; conversationId: string; activityId: string }[]>;
}

export interface ActivityLog {
  /** True the first time an activity id is seen; false for a repeated delivery. */
  firstDelivery(activityKey: string): Promise<boolean>;
  /** Remembers what was answered to an activity, to answer a redelivery the same way. */
  recordResponse(activityKey: string, response: string): Promise<void>;
  response(activityKey: string): Promise<string | undefined>;
  /** Forgets activities seen before `before` (Teams redelivers within minutes, not days). */
  prune(before: Date): Promise<number>;
}

/** The subset of pino the domain uses. Log ids and outcomes, never contents. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export type DeliveryResult =
  | { outcome: "sent" }
  | { outcome: "retry"; reason: string; retryAfterMs?: number }
  | { outcome: "gone"; reason: string };

/** Renders and sends one planned notification to a person's stored conversation. */
export interface Messenger {
  deliver(notification: Notification, to: ConversationRefRecord): Promise<DeliveryResult>;
}
