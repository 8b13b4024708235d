/**
 * What the domain needs from the outside world. `src/store` implements the repositories,
 * `src/teams` the messenger, `src/index.ts` wires them.
 */
import type { BusyPeriod, Clash } from "./meeting-clash.js";
import type {
  Area,
  ChannelLink,
  AgendaItem,
  BoardMode,
  BoardReport,
  BoardStatement,
  FocusArea,
  FocusAreaProposal,
  ProposedFocusArea,
  Initiative,
  Loop,
  ParticipantRole,
  UnitType,
  ConversationRefRecord,
  FollowUp,
  FollowUpEvent,
  FollowUpView,
  FormRow,
  LeaderOfUnit,
  Meeting,
  MeetingKind,
  Notification,
  NotificationKind,
  OneOnOneInput,
  Person,
  PlannedNotification,
  Reflection,
  ReflectionAnswers,
  ReferatVersion,
  ReferatApproval,
  ReferatRemark,
  RoleName,
  Unit,
} from "./types.js";
import type { AuditStamp } from "./audit.js";
import type { OrganisationFile } from "./organisation-file.js";
import type { MeetingTemplate, Step } from "./meeting-template.js";
import type { UnitRoster } from "./participants.js";
import type { Preferences, ReminderGroup } from "./reminder-preferences.js";

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface OrganisationSummary {
  areas: number;
  units: number;
  people: number;
  loops: number;
  /** Loops no longer in the file that nothing pointed to, deleted (this import). */
  removedLoops: number;
  /**
   * Loops no longer in the file that are kept because something points to them (meetings, year
   * wheels, focus areas or their proposals, calendar links): `loops.current` prefers the file's.
   */
  keptLoops: { id: string; name: string; meetings: number; yearWheels: number; focusAreas: number; calendarLinks: number }[];
  /** People no longer in the file, now inactive (this import). */
  deactivated: number;
  /** Inactive people who still own open follow-ups, for the chief to reassign. */
  toReassign: { personId: string; name: string; openFollowUps: number }[];
}

export interface PeopleRepository {
  byAadObjectId(aadObjectId: string): Promise<Person | undefined>;
  byId(id: string): Promise<Person | undefined>;
  /** Of these ids, the people without a Teams account (aadObjectId null: decision 0025). */
  externalIds(ids: string[]): Promise<Set<string>>;
  /**
   * The people a chair may add ad hoc to a læringssamtale of `unitId` in `areaId` (decision 0022):
   * active, with a role on the area or one of its active units, and never a board or youth
   * representative of another unit (parents and minors). By name, at most `limit`; `personId`: only them.
   */
  adHocCandidates(areaId: string, unitId: string, opts: { limit: number; personId?: string }): Promise<Person[]>;
  /** Leaders of the active units in every area where `chiefId` is chef. */
  leadersForChief(chiefId: string): Promise<LeaderOfUnit[]>;
  /** Whether `leadersForChief(chiefId)` has anyone but `chiefId` themself (one count, nothing loaded). */
  hasLeadersForChief(chiefId: string): Promise<boolean>;
  isChiefOfUnit(personId: string, unitId: string): Promise<boolean>;
  /** Active people who are chef of an area with active units. */
  chiefIds(): Promise<string[]>;
  /** The active people who are chef of the area. */
  chiefsOfArea(areaId: string): Promise<string[]>;
  /** The active areas where the person is chef, by name. */
  areasForChief(personId: string): Promise<Area[]>;
  unitsLedBy(personId: string): Promise<Unit[]>;
  /** The roles the person holds in active areas and units, each once. */
  rolesOf(personId: string): Promise<RoleName[]>;
  /** Upsert areas, units, people and roles. Never deletes: people not in the file become inactive. */
  applyOrganisation(org: OrganisationFile): Promise<OrganisationSummary>;
}

export interface ConversationRepository {
  save(ref: Omit<ConversationRefRecord, "active" | "greetedAt" | "inactiveSince">): Promise<void>;
  /**
   * Stores the reference only if the person has none yet (atomic: another instance, or Teams' own
   * install activity, may store one at the same moment); true if this one was stored.
   */
  saveIfNone(ref: Omit<ConversationRefRecord, "active" | "greetedAt" | "inactiveReason" | "inactiveSince">): Promise<boolean>;
  get(personId: string): Promise<ConversationRefRecord | undefined>;
  /** The references of these people (those who have one), in one statement: the outbox reads a claim's together. */
  getMany(personIds: string[]): Promise<Map<string, ConversationRefRecord>>;
  /**
   * Teams refused a send (403/404), or the person removed the app: no more sends until the person
   * is back. The first refusal's reason and time stay while it lasts (`inactiveSince` names the
   * spell of being unreachable: reach-service.ts tells the chair once per spell).
   */
  markInactive(personId: string, reason: string, at: Date): Promise<void>;
  /** Sets greetedAt if it was unset; true only for the call that set it (greet once). */
  claimGreeting(personId: string, at: Date): Promise<boolean>;
}

export interface NewMeeting {
  id: string;
  requestId?: string;
  kind: MeetingKind;
  unitId: string;
  chairId: string;
  participants: { personId: string; role: ParticipantRole }[];
  startsAt: Date;
  durationMinutes: number;
  loopId?: string;
  firstOfLoop?: boolean;
  template: MeetingTemplate;
  standingItems: StandingItem[];
}

export interface StandingItem {
  id: string;
  title: string;
  minutes?: number;
  closing?: boolean;
  step?: Step;
}

/** A meeting booked, or the meetings its participants are already in at that time (nothing written). */
export type MeetingBooking = { meeting: Meeting; clashes?: undefined } | { clashes: Clash[]; meeting?: undefined };

/**
 * When people are taken, for the planner (meeting-planner.ts): today the bot's own meetings (the
 * MeetingRepository answers it); free/busy from people's Outlook calendars joins this input later.
 */
export interface BusyTimes {
  /** Who of `personIds` is busy with something starting in [from, to). */
  busy(personIds: readonly string[], from: Date, to: Date): Promise<BusyPeriod[]>;
}

/** A guest the chair adds to one meeting by name (becomes a Person with origin "guest"). */
export interface NewGuest {
  id: string;
  name: string;
  email?: string;
  phone?: string;
  addedById: string;
}

/** A person outside Teams' link to one meeting (decision 0025). The token is never stored. */
export interface GuestLinkRecord {
  id: string;
  meetingId: string;
  personId: string;
  expiresAt: Date;
  revokedAt?: Date;
  createdAt: Date;
  lastUsedAt?: Date;
}

export interface GuestLinkRepository {
  /** The live (not revoked) link of a person for a meeting. */
  live(meetingId: string, personId: string): Promise<GuestLinkRecord | undefined>;
  /** Stores a new live link, unless one is live for that meeting and person already: then that one (one live link each, even when two make it at once). */
  createLive(link: { id: string; meetingId: string; personId: string; tokenHash: string; expiresAt: Date }, by: AuditStamp): Promise<GuestLinkRecord>;
  byTokenHash(tokenHash: string): Promise<GuestLinkRecord | undefined>;
  byId(id: string): Promise<GuestLinkRecord | undefined>;
  /** Revokes a link (audit-logged): "already-revoked" if it was, "gone" if there is no such link. */
  revoke(id: string, by: AuditStamp): Promise<"revoked" | "already-revoked" | "gone">;
  /** Moves a link's expiry (it follows its meeting's time). */
  setExpiry(id: string, expiresAt: Date): Promise<void>;
  /** Notes when the link was last opened. */
  touch(id: string, at: Date): Promise<void>;
  /** Per person, a meeting's live link, else the one revoked last: for the chair's card. */
  latestOfMeeting(meetingId: string): Promise<GuestLinkRecord[]>;
}

export interface MeetingRepository {
  /**
   * Creates the meeting unless one of its participants is already in a meeting that overlaps it
   * (meeting-clash.ts): the check and the write are one transaction, under a lock per
   * participant, so two bookings at once cannot both pass. With a `requestId` already used,
   * returns that meeting instead.
   */
  create(meeting: NewMeeting, by: AuditStamp): Promise<MeetingBooking>;
  /** Who of `personIds` is in a meeting (not cancelled) starting in [from, to): for checks ahead of a booking. */
  busy(personIds: readonly string[], from: Date, to: Date): Promise<BusyPeriod[]>;
  get(id: string): Promise<Meeting | undefined>;
  /** Several meetings at once (those that exist), in no particular order. */
  getMany(ids: string[]): Promise<Meeting[]>;
  /** Meetings the person takes part in, newest-first for past and soonest-first for coming. */
  listForPerson(personId: string, now: Date, limits: { upcoming: number; recent: number }): Promise<{ upcoming: Meeting[]; recent: Meeting[] }>;
  agendaItems(meetingId: string): Promise<AgendaItem[]>;
  /** Adds a topic after the other topics, before the closing items. */
  addTopic(meetingId: string, item: { id: string; title: string }, by: AuditStamp): Promise<void>;
  /**
   * Stores drafted indstillinger (empty text: none) and moves the meeting's version on (an older
   * opfølgningsskema does not overwrite them), only while the meeting is planned and was never
   * closed and each stored text is still `expected` (empty: none); otherwise nothing and false.
   */
  draftIndstillinger(meetingId: string, drafts: { agendaItemId: string; text: string; expected: string }[], by: AuditStamp): Promise<boolean>;
  /**
   * Open follow-ups the meeting follows up on: a læringssamtale, the unit's earlier
   * læringssamtaler; a 1:1, the earlier 1:1s of the same chair and leader plus the unit's
   * læringssamtale follow-ups the leader (the person followed up on) owns.
   */
  carriedFollowUps(meeting: Meeting): Promise<FollowUpView[]>;
  /** Input C of a læringssamtale: the unit's chief↔leader 1:1s in [since, until) and their follow-ups. */
  oneOnOneInput(unitId: string, since: Date, until: Date): Promise<OneOnOneInput>;
  /** When the unit's læringssamtale before this one started, if there was one. */
  previousLaeringssamtale(meeting: Meeting): Promise<Date | undefined>;
  /** The follow-ups frozen onto a closed meeting's agenda, as they stand now. */
  frozenCarried(meetingId: string): Promise<FollowUpView[]>;
  /**
   * Meetings whose agenda or referat may list the follow-up: its own, those that froze it at
   * closing, and the unit's planned ones (a carried follow-up is always from the same unit).
   */
  mayShowFollowUp(followUp: { id: string; meetingId: string; unitId: string }): Promise<string[]>;
  /** Ids of the unit's meetings, optionally only of one kind and loop. */
  idsOfUnit(unitId: string, filter?: { kind?: MeetingKind; loopId?: string }): Promise<string[]>;
  /** Per active unit with læringssamtaler (not cancelled) in the loop: the latest of them. */
  lastSamtalePerUnit(loopId: string): Promise<{ unitId: string; meetingId: string }[]>;
  /**
   * Closes a planned meeting that has been closed `closing.after` times before (none of the
   * others got there first): records its referat number `after + 1`, showing the form as it
   * stands, and freezes `carried` into agenda rows (the caller passes none when they are frozen
   * already). Returns the referat's number, or undefined when nothing was closed.
   */
  close(meetingId: string, closing: { after: number; carried: { id: string; title: string; followUpId: string }[] }, by: AuditStamp): Promise<number | undefined>;
  /**
   * Reopens a closed meeting whose latest referat is `referatVersion`, for corrections: planned
   * again, the referat marked reopened. `unfreeze` (reopened before its start): the follow-ups
   * frozen onto its agenda are let go, so the agenda carries what is open again. False when it
   * was not closed at that referat (reopened already, closed again since).
   */
  reopen(meetingId: string, referatVersion: number, opts: { unfreeze: boolean }, by: AuditStamp): Promise<boolean>;
  /** Every referat the meeting had, oldest first. */
  referatVersions(meetingId: string): Promise<ReferatVersion[]>;
  /** Cancels a planned meeting that has no decisions yet (a meeting with decisions is closed, not cancelled). */
  cancel(meetingId: string, by: AuditStamp): Promise<"cancelled" | "not-planned" | "has-decisions">;
  /**
   * Moves a planned meeting, unless a participant is in another meeting at the new time (checked
   * and written atomically, as `create`): "not-planned" if it is no longer planned.
   */
  reschedule(meetingId: string, startsAt: Date, by: AuditStamp): Promise<"moved" | "not-planned" | { clashes: Clash[] }>;
  /**
   * «Ad hoc deltagere» (seed 002): adds a person from the organisation file to a planned meeting
   * with role ad_hoc, unless they take part already or are in another meeting then (checked under
   * their lock in the same transaction, as `create`). Raises the meeting's version and writes the
   * audit log.
   */
  addAdHocParticipant(meetingId: string, personId: string, by: AuditStamp): Promise<"added" | "already" | "not-planned" | { clashes: Clash[] }>;
  /** Removes a participant added ad hoc (no other role) from a planned meeting (their guest links are revoked). */
  removeAdHocParticipant(meetingId: string, personId: string, by: AuditStamp): Promise<"removed" | "gone" | "not-planned">;
  /**
   * Adds a guest by name to a planned meeting, unless one with the same name or e-mail is there
   * (case and spacing aside): a new person (origin "guest", no Teams account) taking part with
   * role ad_hoc (docs/decisions/0025).
   */
  addGuest(meetingId: string, guest: NewGuest, by: AuditStamp): Promise<"added" | "duplicate" | "not-planned">;
  /** Removes a guest from a planned meeting: no longer a participant, made inactive, their links revoked. */
  removeGuest(meetingId: string, guestId: string, by: AuditStamp): Promise<"removed" | "gone" | "not-planned">;
  /** Planned meetings whose template is not frozen yet (their pack is not sent, and nobody has written a reflection for them). */
  unfrozen(): Promise<Meeting[]>;
  /** Replaces an unfrozen meeting's template snapshot and standing items (topics stay); false if frozen or a reflection exists. */
  applyTemplate(meetingId: string, template: MeetingTemplate, items: StandingItem[], by: AuditStamp): Promise<boolean>;
  /** From now on the meeting keeps the template it has (its pack went out). */
  freezeTemplate(meetingId: string): Promise<void>;
  /**
   * How the board takes part in a planned meeting still at `expectedVersion`: «participation» adds
   * `boardIds` as bestyrelsesrepræsentanter, «statement» takes them out again. False if the
   * meeting moved on (a version, or no longer planned).
   */
  setBoardMode(meetingId: string, expectedVersion: number, mode: BoardMode, boardIds: readonly string[], by: AuditStamp): Promise<boolean>;
  /** The next planned, not yet started meeting of the same series (kind, unit, chair, leader) after `after`. */
  nextInSeries(meeting: Meeting, after: Date): Promise<Meeting | undefined>;
}

export interface LoopRepository {
  get(id: string): Promise<Loop | undefined>;
  all(): Promise<Loop[]>;
  /**
   * The loop for a unit type that runs on `date`, or the next one to start after it; a loop in the
   * organisation file before one kept after it left the file (decision 0021).
   */
  current(unitType: UnitType, date: string): Promise<Loop | undefined>;
  /** The unit's datapakke in the loop (an https address from the organisation file), if one is given. */
  datapakke(unitId: string, loopId: string): Promise<string | undefined>;
}

export interface FocusAreaChange {
  create: { id: string; themeId: string; title: string; evaluateOn?: string; position: number; proposedById?: string; approvedById?: string }[];
  update: { id: string; expectedVersion: number; themeId: string; title: string; evaluateOn?: string; position: number }[];
  end: { id: string; expectedVersion: number }[];
  /** The leader's proposal this change approves (at the version the chair's card showed). */
  approve?: { id: string; expectedVersion: number };
}

export interface FocusAreaRepository {
  list(unitId: string, loopId: string, opts?: { activeOnly?: boolean }): Promise<FocusArea[]>;
  get(id: string): Promise<FocusArea | undefined>;
  /** Applies the change atomically; false (nothing written) if a version moved on. */
  apply(unitId: string, loopId: string, meetingId: string, change: FocusAreaChange, by: AuditStamp): Promise<boolean>;
  /** Extend (new evaluation date), end, or mark for the next meeting; false if the version moved on. */
  update(id: string, expectedVersion: number, patch: { evaluateOn?: string | null; status?: "ended"; evaluateAtNextMeeting?: boolean }, by: AuditStamp): Promise<boolean>;
  /** Active focus areas of the unit; with `upTo`, counts no further than that. */
  countActive(unitId: string, upTo?: number): Promise<number>;
  /** Per focus area, what its evaluations decided. */
  evaluations(ids: string[]): Promise<Map<string, FocusAreaEvaluations>>;
  /** The unit's leader's proposal for the loop, if any. */
  proposal(unitId: string, loopId: string): Promise<FocusAreaProposal | undefined>;
  /**
   * Stores the leader's proposal (a new one when `expectedVersion` is 0); undefined (nothing
   * written) if it moved on or was approved meanwhile.
   */
  saveProposal(p: { unitId: string; loopId: string; meetingId: string; rows: ProposedFocusArea[] }, expectedVersion: number, by: AuditStamp): Promise<FocusAreaProposal | undefined>;
}

export interface NewInitiative {
  id: string;
  areaId: string;
  title: string;
  fromDate: string;
  evaluateOn?: string;
  wholeArea: boolean;
  unitIds: string[];
  /** The card's one-time id keyed by its submitter (initiativeRequestKey): unique. */
  requestId: string;
}

export interface InitiativeRepository {
  /** Creates it, unless one with its `requestId` exists: then that one is returned (`created` false). */
  create(i: NewInitiative, by: AuditStamp): Promise<{ initiative: Initiative; created: boolean }>;
  get(id: string): Promise<Initiative | undefined>;
  /** Extend (a new evaluation date) or end; false (nothing written) if the version moved on or it is ended. */
  update(id: string, expectedVersion: number, patch: { evaluateOn?: string; status?: "ended" }, by: AuditStamp): Promise<boolean>;
  /** The active initiatives of the areas, by from-date. */
  listActive(areaIds: string[]): Promise<Initiative[]>;
  /** Active initiatives applying to the unit (of `areaId`) whose from-date is `today` or before; with `upTo`, counts no further. */
  countForUnit(unitId: string, areaId: string, today: string, upTo?: number): Promise<number>;
}

/** What happened to a focus area at its evaluations (from the audit log). */
export interface FocusAreaEvaluations {
  /** How many times its evaluation date was moved on (forlænget). */
  extended: number;
  /** Set to be evaluated at the next meeting. */
  evaluateNext: boolean;
  /** Ended (at an evaluation or in the card), and when. */
  endedAt?: Date;
}

export interface BoardReportRepository {
  /** The afrapportering of a unit for a year of a loop, if sent. */
  get(unitId: string, loopId: string, year: number): Promise<BoardReport | undefined>;
  /**
   * Stores it, with its decision and follow-ups (`form`, applied at the meeting's `expectedVersion`)
   * in the same transaction: "exists" when one for that unit, loop and year exists, "stale" when the
   * meeting moved on; nothing is written then.
   */
  create(report: BoardReport, form?: { expectedVersion: number; change: FormChange }): Promise<"created" | "exists" | "stale">;
}

export interface BoardStatementRepository {
  list(meetingId: string): Promise<BoardStatement[]>;
  /** Creates or replaces the author's statement if it is still at `expectedVersion` (undefined: none yet). */
  save(s: { id: string; meetingId: string; authorId: string; text: string; sentAt: Date }, expectedVersion: number | undefined): Promise<boolean>;
}

export interface YearWheelEntry {
  id: string;
  kind: MeetingKind;
  sequence: number;
  withPersonId?: string;
  firstOfLoop: boolean;
  date: string;
  time: string;
  durationMinutes: number;
  meetingId?: string;
}

export interface YearWheel {
  id: string;
  unitId: string;
  loopId: string;
  status: "proposed" | "confirmed";
  version: number;
  confirmedAt?: Date;
  confirmedById?: string;
  entries: YearWheelEntry[];
}

export interface YearWheelRepository {
  get(unitId: string, loopId: string): Promise<YearWheel | undefined>;
  /** Stores a new proposal unless one exists; returns the stored wheel either way. */
  create(wheel: YearWheel, by: AuditStamp): Promise<YearWheel>;
  /** Moves an entry if the wheel is still at `expectedVersion`; bumps the version. */
  moveEntry(wheelId: string, expectedVersion: number, entryId: string, date: string, time: string, by: AuditStamp): Promise<boolean>;
  /** Marks a proposed wheel confirmed if it is still at `expectedVersion`. */
  confirm(wheelId: string, expectedVersion: number, by: AuditStamp): Promise<boolean>;
  /** Records the meeting created for an entry (once). */
  linkMeeting(entryId: string, meetingId: string): Promise<void>;
}

export interface UnitRepository {
  get(unitId: string): Promise<Unit | undefined>;
  roster(unitId: string): Promise<UnitRoster | undefined>;
  /** The unit's chiefs (the roster's `chiefIds`, in the same order; none for an unknown unit), in one statement. */
  chiefIds(unitId: string): Promise<string[]>;
  /** Active units in every area where the person is chef, by name. */
  unitsForChief(chiefId: string): Promise<Unit[]>;
  /** `unitsForChief` for many chiefs at once (each of them a key, maybe with none), in a statement per 500 chiefs. */
  unitsForChiefs(chiefIds: string[]): Promise<Map<string, Unit[]>>;
  /**
   * Open follow-ups from the unit's læringssamtaler (the agreements every participant saw in the
   * referat; a 1:1's own stay between its two people); with `upTo`, counts no further than that.
   */
  countOpenFollowUps(unitId: string, upTo?: number): Promise<number>;
  /**
   * The unit with what weighs on it (decision 0020) in one statement: its open agreements
   * (`countOpenFollowUps`), its active focus areas (`FocusAreaRepository.countActive`) and the
   * initiatives that apply to it on `today` (`InitiativeRepository.countForUnit`).
   */
  withLoad(unitId: string, today: string): Promise<{ unit: Unit; agreements: number; focusAreas: number; initiatives: number } | undefined>;
  /** Per unit: open follow-ups, those past their frist (before `today`), and those done since `doneSince`. */
  followUpCounts(unitIds: string[], today: string, doneSince: Date): Promise<Map<string, UnitFollowUpCounts>>;
  /** Sets or clears the congestion flag; true if it changed. */
  setCongested(unitId: string, since: Date | null): Promise<boolean>;
}

export interface UnitFollowUpCounts {
  open: number;
  overdue: number;
  doneRecently: number;
}

export interface ReflectionRepository {
  get(meetingId: string, authorId: string): Promise<Reflection | undefined>;
  listSent(meetingId: string): Promise<Reflection[]>;
  /**
   * Creates or replaces; fails (false) if `expectedVersion` does not match the stored one. Freezes
   * the meeting's template in the same transaction: the answers belong to its questions.
   */
  save(r: { id: string; meetingId: string; authorId: string; answers: ReflectionAnswers; nothingNew?: boolean; sentAt: Date }, expectedVersion: number | undefined): Promise<boolean>;
}

export interface FormChange {
  createDecisions: { id: string; agendaItemId?: string; focusAreaId?: string; position: number; text: string }[];
  updateDecisions: { id: string; agendaItemId?: string; focusAreaId?: string; position: number; text: string }[];
  deleteDecisionIds: string[];
  createFollowUps: { id: string; decisionId: string; text: string; ownerId: string; dueDate: string; evaluateOn?: string }[];
  /** Written only if the follow-up is still at `expectedVersion` (its owner may have acted meanwhile). */
  updateFollowUps: { id: string; expectedVersion: number; decisionId: string; text: string; ownerId: string; dueDate: string; evaluateOn?: string; changes: Record<string, unknown> }[];
  /** The indstilling per agenda item, where it changed. */
  recommendations: { agendaItemId: string; text: string }[];
  cancelFollowUpIds: string[];
}

export interface FormRepository {
  rows(meetingId: string): Promise<FormRow[]>;
  revisionCount(meetingId: string): Promise<number>;
  /**
   * The form as it stood at `revision` (0: before anything was saved): its rows, and the
   * indstilling per agenda item. Undefined when that revision's texts were erased (retention).
   */
  at(meetingId: string, revision: number): Promise<{ rows: FormRow[]; recommendations: Record<string, string> } | undefined>;
  /**
   * Applies the change atomically if the meeting is still at `expectedMeetingVersion`: writes
   * decisions and follow-ups with their events, one revision snapshot, bumps the version.
   * Returns the new revision number, or undefined when the version had moved on.
   */
  apply(meetingId: string, expectedMeetingVersion: number, change: FormChange, editorId: string, at: Date): Promise<number | undefined>;
}

export interface FollowUpRepository {
  /** `known`: people already read this turn (the person acting); they are not read again. */
  get(id: string, known?: readonly Person[]): Promise<FollowUpView | undefined>;
  listOpenByOwner(ownerId: string, limit: number, known?: readonly Person[]): Promise<{ items: FollowUpView[]; total: number }>;
  listByMeeting(meetingId: string): Promise<FollowUp[]>;
  /** Every open follow-up (for planning reminders and weekly overviews). */
  listOpen(): Promise<FollowUp[]>;
  /** Open follow-ups whose owner has left (is inactive), oldest frist first; optionally only in some units. */
  listOpenOfInactiveOwners(unitIds?: string[]): Promise<FollowUpView[]>;
  /**
   * Applies a change if the follow-up is still at `expectedVersion`; records the event (and its
   * audit entry), and cancels the pending reminders of the kinds named in `also.cancelPending`
   * (all kinds when none are named), all in one transaction.
   */
  update(
    id: string,
    expectedVersion: number,
    patch: Partial<Pick<FollowUp, "status" | "dueDate" | "doneAt" | "evaluateAtNextMeeting" | "ownerId">> & { evaluateOn?: string | null },
    event: FollowUpEvent,
    also?: { cancelPending?: Pick<CancelPendingOptions, "kinds"> },
  ): Promise<boolean>;
  /** Adds a comment if the follow-up is still at `expectedVersion` (and moves the version on). */
  addComment(id: string, expectedVersion: number, event: FollowUpEvent): Promise<boolean>;
  history(id: string): Promise<FollowUpEvent[]>;
}

/** Which pending rows of a subject to cancel: only some kinds, and except some keys (and their snoozed copies). */
export interface CancelPendingOptions {
  kinds?: PlannedNotification["kind"][];
  exceptKeys?: string[];
}

/** Approvals of and remarks to a meeting's referat versions (the history keeps every one). */
export interface ReferatApprovalRepository {
  /** Records that the person approved the version: false when they had already (twice is once). */
  approve(approval: ReferatApproval): Promise<boolean>;
  /**
   * Stores the remark unless the same person sent the same text (its `textHash`) to the same
   * version before: atomic (a unique index), so two simultaneous clicks store it once. Gives the
   * remark stored, and whether it is this one (`fresh`) or the earlier one.
   */
  addRemark(remark: ReferatRemark, textHash: string): Promise<{ fresh: boolean; remark: ReferatRemark }>;
  remark(id: string): Promise<ReferatRemark | undefined>;
  /**
   * Whether the meeting's referat can be asked for approval at all: `minutesErased` once retention
   * has replaced the minutes' texts; `fromVersion`, the first referat version asked (1; after the
   * versions of a meeting closed before referat approval was introduced, or erased by retention).
   */
  askable(meetingId: string): Promise<{ minutesErased: boolean; fromVersion: number }>;
  /** The meeting's approvals (of one version, or every version), oldest first. */
  approvals(meetingId: string, version?: number): Promise<ReferatApproval[]>;
  /** The meeting's remarks (to one version, or every version), oldest first. */
  remarks(meetingId: string, version?: number): Promise<ReferatRemark[]>;
}

export interface NotificationRepository {
  /**
   * Inserts rows whose key is new (planned at `now`); existing keys are left as they are. Gives
   * how many were new (or a replaced send wanted again): 0 when every key was there already.
   */
  plan(rows: PlannedNotification[], now: Date): Promise<number>;
  get(id: string): Promise<Notification | undefined>;
  /** Cancels pending rows for a subject, optionally only of some kinds and except some keys (and their snoozed copies). */
  cancelPending(subjectId: string, opts?: CancelPendingOptions): Promise<number>;
  /** Claims up to `limit` due rows with a lease; a row is held by one claimer at a time. */
  claimDue(now: Date, leaseMs: number, limit: number, kinds?: { only?: readonly NotificationKind[]; except?: readonly NotificationKind[] }): Promise<Notification[]>;
  /** Notes that the card is about to be posted, if the lease is still held (false: lost meanwhile). */
  markPostStarted(n: Pick<Notification, "id" | "leaseUntil">, at: Date): Promise<boolean>;
  /** Teams answered the post with a refusal (429, 5xx): nothing of it is on the way any more. */
  clearPostStarted(n: Pick<Notification, "id" | "leaseUntil">): Promise<void>;
  /** Marks a claimed row sent; false if the lease was lost to another worker meanwhile. `note` says why if it is not certain. */
  markSent(n: Pick<Notification, "id" | "leaseUntil">, at: Date, note?: string): Promise<boolean>;
  /** These three change a claimed row only while its lease is held (a slower worker's late answer changes nothing). */
  markFailed(n: Pick<Notification, "id" | "leaseUntil">, reason: string): Promise<void>;
  markCancelled(n: Pick<Notification, "id" | "leaseUntil">, reason: string): Promise<void>;
  /**
   * Brings a person's rows that wait for `reason` (the bot installed or the person back in their
   * chat, back from absence) forward to `at`. Their `waitingSince` stays: it keeps them in the
   * order they fell due, and a row that finds the person gone again does not wait anew.
   */
  wakeWaitingFor(personId: string, at: Date, reason: string): Promise<number>;
  /** The people with pending rows due before `dueBefore`. */
  pendingPeople(dueBefore: Date): Promise<string[]>;
  /** The person's rows that wait for them to become reachable (`reason`; pending, or claimed for another look), soonest due first. */
  waitingFor(personId: string, reason: string): Promise<Notification[]>;
  /** The rows of these kinds about a subject (any status), newest first. */
  ofSubject(subjectId: string, kinds: PlannedNotification["kind"][]): Promise<Notification[]>;
  /** A pending row due after `at` becomes due at `at` (something made it more urgent); true if it moved. */
  bringForwardKey(key: string, at: Date): Promise<boolean>;
  /**
   * Local trial only (TrialService): pending rows due before `dueBefore`, except those of the
   * given people, become due at `to` and go at once like the answer to a person's own action.
   */
  bringForward(opts: { dueBefore: Date; to: Date; exceptPersonIds: string[] }): Promise<number>;
  /**
   * Gives a claimed row back for a later attempt; `countAttempt: false` when nothing was tried;
   * `waitingSince` when it starts (or goes on) waiting for its person to be reachable.
   */
  retryLater(n: Pick<Notification, "id" | "leaseUntil">, at: Date, reason: string, opts?: { countAttempt: boolean; waitingSince?: Date }): Promise<void>;
}

export interface PreferenceRepository {
  get(personId: string): Promise<Preferences>;
  /** The preferences of these people (every one of them; defaults for those without any), in one statement. */
  getMany(personIds: string[]): Promise<Map<string, Preferences>>;
  /** Sets the given fields (undefined: leave, null: clear). */
  save(personId: string, patch: { absentUntil?: string | null; muted?: ReminderGroup[]; digestTime?: string | null }): Promise<Preferences>;
}

export interface ChannelLinkRepository {
  /** Links the channel to the area (once); `created` is false when it already was. */
  upsert(link: Omit<ChannelLink, "statusActivityId" | "statusFingerprint" | "lastDigestDate">): Promise<{ link: ChannelLink; created: boolean }>;
  remove(conversationId: string, areaId: string): Promise<boolean>;
  /** The bot was removed from the team (or Teams refuses the channel): its links go. */
  removeTeam(teamId: string): Promise<number>;
  removeById(id: string): Promise<void>;
  get(conversationId: string, areaId: string): Promise<ChannelLink | undefined>;
  listForConversation(conversationId: string): Promise<ChannelLink[]>;
  listAll(): Promise<ChannelLink[]>;
  /** Remembers the posted status card and what it showed. */
  setStatus(id: string, activityId: string, fingerprint: string): Promise<void>;
  /** Forgets what the card showed (an answer to a click changed it for everyone): the next tick repaints it. */
  clearFingerprint(id: string): Promise<void>;
  /**
   * Claims posting the status card when there is none (or `replacing` is the one Teams lost), so
   * two ticks or processes never both post; false if someone else has it.
   */
  claimFirstPost(id: string, replacing: string | undefined): Promise<boolean>;
  /** Gives a claim back after the post failed. */
  releaseFirstPost(id: string): Promise<void>;
  /** Claims this week's digest for the channel; false if it was already claimed (sent or being sent). */
  claimDigest(id: string, date: string): Promise<boolean>;
  /** Gives a claim back after a failed post, so the next tick tries again. */
  releaseDigest(id: string, date: string, previous: string | undefined): Promise<void>;
}

/** Per unit, what the chief's channel shows. */
export interface UnitStatusRow {
  unit: Unit;
  open: number;
  dueThisWeek: number;
  overdue: number;
  doneLast30: number;
  focusAreas: number;
  /** The unit's next planned meeting to come, if any. */
  nextMeeting?: NextMeetingFacts;
}

/**
 * A unit's next meeting as the chief's channel shows it: what counting its expected reflections
 * needs (participants by id and role, and whether each has sent theirs), not the whole meeting.
 */
export interface NextMeetingFacts extends Pick<Meeting, "id" | "kind" | "firstOfLoop" | "startsAt" | "templateId" | "template"> {
  participants: { role: ParticipantRole; person: { id: string }; reflectionSent: boolean }[];
}

/**
 * What a channel shows: only læringssamtaler's follow-ups are listed or counted; a 1:1's own
 * agreements stay with its two people (decision 0020), not even as a number.
 */
export interface AreaStatusRepository {
  area(areaId: string): Promise<Area | undefined>;
  /**
   * Active units of the area with their læringssamtale counts (frister in [today, weekEnd] are
   * «this week») and their next planned meeting after `now`, with its participants.
   */
  unitRows(areaId: string, today: string, weekEnd: string, doneSince: Date, now: Date): Promise<UnitStatusRow[]>;
  /** Læringssamtale follow-ups (not cancelled) with a frist in [from, to], per month: how many, how many done. */
  completionByMonth(areaId: string, from: string, to: string): Promise<{ month: string; total: number; done: number }[]>;
  /** A unit's open follow-ups from læringssamtaler, soonest frist first, with their owners. */
  openFollowUps(unitId: string, limit: number): Promise<{ text: string; owner: string; dueDate: string }[]>;
  /** Decisions of the unit's closed læringssamtaler, newest meeting first. */
  recentDecisions(unitId: string, limit: number): Promise<{ text: string; meetingKind: MeetingKind; firstOfLoop: boolean; startsAt: Date }[]>;
  /** The unit's (area's) planned meetings starting in [from, to), soonest first. */
  plannedMeetings(where: { unitId?: string; areaId?: string }, from: Date, to: Date, limit: number): Promise<{ unitName: string; kind: MeetingKind; firstOfLoop: boolean; startsAt: Date }[]>;
  /**
   * The area's follow-ups created and done since `since`, and those whose frist passed in
   * [sinceDate, today): læringssamtalers only.
   */
  weekChanges(
    areaId: string,
    since: Date,
    sinceDate: string,
    today: string,
  ): Promise<{ created: number; done: number; becameOverdue: { unitName: string; text: string; owner: string; dueDate: string }[]}>;
}

/** A stored download link: only the hash of its token is kept. */
export interface DownloadToken {
  hash: string;
  personId: string;
  areaId: string;
  fromDate: string;
  toDate: string;
  /** "xlsx", or "csv:<table>" for one of the export's tables; "pdf" for a meeting's referat. */
  format: string;
  /** A referat's link: the meeting (the area and dates are the meeting's); absent for the export. */
  meetingId?: string;
  expiresAt: Date;
}

export interface DownloadTokenRepository {
  create(token: DownloadToken): Promise<void>;
  /**
   * Marks the token used if it is unused and unexpired at `now` and of the kind asked for (the
   * export's, the default, or a referat's); returns it then, else undefined.
   */
  redeem(hash: string, now: Date, kind?: "export" | "referat"): Promise<DownloadToken | undefined>;
}

/** A stored calendar-file link (one meeting, or a person's meetings of a unit's loop): only the hash of its token is kept. */
export interface CalendarFileToken {
  hash: string;
  personId: string;
  meetingId?: string;
  unitId?: string;
  loopId?: string;
  expiresAt: Date;
}

export interface CalendarRepository {
  createToken(token: CalendarFileToken): Promise<void>;
  /** Marks the token used if it is unused and unexpired at `now`; returns it then, else undefined. */
  redeemToken(hash: string, now: Date): Promise<CalendarFileToken | undefined>;
  /**
   * Per meeting: how many times its time, length or status changed, from the audit log (moved,
   * cancelled, its template applied). Meetings without any are absent.
   */
  changeCounts(meetingIds: string[]): Promise<Map<string, number>>;
}

/** One posted card that shows a subject (its kind and params are the Teams layer's: src/teams/card-copies.ts). */
export interface SentCardCopy {
  subjectKind: string;
  subjectId: string;
  /** How to render it again besides kind and subject (JSON). */
  params?: string;
  /** What it shows (a hash of its plain rendering). */
  fingerprint?: string;
  personId: string;
  conversationId: string;
  activityId: string;
}

export interface SentCardRepository {
  /**
   * Remembers a posted card, or what a card shows now that a click replaced it. With `onlyLatest`
   * the conversation's copies of the same kind and subject posted before it are forgotten.
   */
  record(copy: SentCardCopy, opts?: { onlyLatest?: boolean }): Promise<void>;
  /** The copies of cards that show any of these subjects, per kind (one read for all kinds). */
  list(wanted: readonly { subjectKind: string; subjectIds: readonly string[] }[]): Promise<SentCardCopy[]>;
  /** The copy was updated in place and now shows `fingerprint`. */
  updated(conversationId: string, activityId: string, fingerprint: string): Promise<void>;
  /** Teams no longer has the card (deleted, or the chat is gone): it is not updated again. */
  forget(conversationId: string, activityId: string): Promise<void>;
}

/**
 * Which activities were handled, and by which attempt (Teams may deliver the same one twice, also
 * to another instance, or again after the process that took it died). A claim lasts as long as
 * the attempt that made it: its lease is renewed while the attempt runs and ends with its answer.
 */
export interface ActivityLog {
  /**
   * Claims the activity for one attempt (`holder`) until `until`: true for the first delivery, and
   * for a redelivery whose earlier attempt died unanswered (its lease ran out before `now`); false
   * while another attempt holds it or once it was answered. One statement, atomic across instances.
   */
  claim(activityKey: string, holder: string, now: Date, until: Date): Promise<boolean>;
  /** Extends this attempt's claim; false when it is no longer this attempt's (answered, or taken over). */
  renew(activityKey: string, holder: string, until: Date): Promise<boolean>;
  /** Remembers what was answered, which ends the claim. The first answer stays. */
  recordResponse(activityKey: string, response: string): Promise<void>;
  /** An attempt that ended without an answer gives its claim up: a redelivery handles the activity again. */
  release(activityKey: string, holder: string): Promise<void>;
  response(activityKey: string): Promise<string | undefined>;
  /** Forgets activities seen before `before` (Teams redelivers within minutes, not days). */
  prune(before: Date): Promise<number>;
}

/**
 * Jobs that must run on one bot instance at a time (digests, channel posts, retention), when
 * several share one database: an instance runs a job only while it holds its lease.
 */
export interface JobLeases {
  /** True when `holder` now holds `job` until `until`: nobody held it, its lease ran out at `now`, or `holder` held it already. */
  acquire(job: string, holder: string, now: Date, until: Date): Promise<boolean>;
  /** Extends a lease `holder` still holds; false when it lost it (ran out and taken by another). */
  renew(job: string, holder: string, until: Date): Promise<boolean>;
  /**
   * The job is done: `holder` keeps the lease only until `heldUntil`, so another instance's tick
   * of the same moment (clocks differ by milliseconds) does not run it again right after.
   */
  release(job: string, holder: string, heldUntil: Date): Promise<void>;
}

/**
 * The bot processes running on one database, by heartbeat: Teams' rate limits are per bot and
 * tenant, so each instance paces its sends at its share of them.
 */
export interface InstanceRegistry {
  /**
   * Records that `id` is alive at `now`; gives how many instances were seen since `since` (at
   * least 1). Those for which `gone` says so are not counted, and their rows are removed.
   */
  beat(id: string, now: Date, since: Date, gone?: (id: string) => boolean): Promise<number>;
  /** `id` stops (its share goes to the others at their next beat). */
  leave(id: string): Promise<void>;
}

/** What a token request with the bot's credentials found (never the token, never the secret). */
export interface CredentialProbeResult {
  /** ok: a token came; rejected: Entra ID refused the credentials; unreachable: no usable answer. */
  state: "ok" | "rejected" | "unreachable";
  /** Why not ok, as a code (secret-expired, secret-invalid, app-not-found, timeout, http-503, …). */
  reason?: string;
}

/** Asks Entra ID for a token with the bot's credentials, as every send does. */
export type CredentialProbe = () => Promise<CredentialProbeResult>;

/** The last credential check per bot app (any instance's), for /healthz and npm run status. */
export interface CredentialCheckRepository {
  save(check: CredentialCheck): Promise<void>;
  get(appId: string): Promise<CredentialCheck | undefined>;
  list(): Promise<CredentialCheck[]>;
}

export interface CredentialCheck extends CredentialProbeResult {
  appId: string;
  checkedAt: Date;
  /** The client secret's expiry date (YYYY-MM-DD) the checking instance was given, if any. */
  secretExpires?: string;
}

/** The subset of pino the domain uses. Log ids and outcomes, never contents. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/**
 * Installs the app for a person through Microsoft Graph (src/graph/app-installer.ts), so the bot
 * can reach someone who never opened it.
 */
export interface AppInstaller {
  /** Never called for a person outside Teams (aadObjectId null). */
  install(person: { id: string; aadObjectId: string }): Promise<InstallResult>;
}

/** How to reach the person in the personal chat of an installation (as installationUpdate would store it). */
export type InstalledConversation = Omit<ConversationRefRecord, "personId" | "active" | "greetedAt" | "inactiveReason" | "inactiveSince">;

export type InstallResult =
  /** Installed now, or it was already (`already`): the chat of the installation. */
  | { outcome: "installed"; already: boolean; conversation: InstalledConversation }
  /** Not permitted (403): the permission is not consented, or a policy blocks the app. `code` is Graph's. */
  | { outcome: "forbidden"; code: string }
  /** Graph does not know the user (404). */
  | { outcome: "user-unknown"; code: string }
  /** Graph is busy or down (429, 5xx, no answer): try again later. */
  | { outcome: "retry"; reason: string; retryAfterMs?: number }
  /** Anything else (a wrong setting, a request Graph refuses): not tried again today. */
  | { outcome: "failed"; reason: string };

export type DeliveryResult =
  | { outcome: "sent" }
  /** `beforePost` said no (the row's lease was lost): nothing was posted. */
  | { outcome: "not-posted" }
  | { outcome: "retry"; reason: string; retryAfterMs?: number }
  /** The post left but no answer came in time: it may have arrived, so it is not posted again. */
  | { outcome: "unconfirmed"; reason: string }
  /**
   * Teams refused the conversation (403, 404: the app removed, the chat not there now): the
   * person may be back (a new message, a new install), so the card waits for them.
   */
  | { outcome: "unreachable"; reason: string }
  /** Never to be sent (the person is unknown, the stored address is not a Bot Connector). */
  | { outcome: "gone"; reason: string };

/** Renders and sends one planned notification to a person's stored conversation. */
export interface Messenger {
  /**
   * Renders the card, then calls `beforePost` right before the post leaves the process (the outbox
   * notes the post there, so a crash after that point never posts the row twice; nothing that can
   * wait, such as pacing, setting up the turn or fetching a token, comes after it) and posts only
   * if it says yes. A `beforePost` that throws sends nothing, and `deliver` throws its error.
   * When Teams refuses an attempt (429, 5xx) and it is tried again, `afterRefused` is called after
   * the refusal and `beforePost` again before the next attempt, so the note covers only the time a
   * post may be on its way (a crash while waiting to retry loses nothing).
   */
  deliver(notification: Notification, to: ConversationRefRecord, beforePost: () => Promise<boolean>, afterRefused?: () => Promise<void>): Promise<DeliveryResult>;
}

/** A meeting's event in its chair's calendar, as the bot last wrote or read it (CALENDAR_SYNC=graph). */
export interface CalendarEventState {
  meetingId: string;
  /** The chair's Entra object id: the calendar (users/{id}) the event is in. */
  mailbox: string;
  transactionId: string;
  eventId?: string;
  /** A create was sent (maybe without an answer): the event may exist without its id here. */
  createStartedAt?: Date;
  startsAt?: Date;
  durationMinutes?: number;
  cancelled: boolean;
  /** The meeting's version this state was brought up to. */
  syncedVersion: number;
  /** Attendees (person ids) whose decline the chair has been told about. */
  declinedTold: string[];
}

export interface CalendarEventRepository {
  /**
   * Takes the meeting's event for one writer until `until` (its row made with `init` the first
   * time): the state, or undefined while another worker holds it.
   */
  lock(meetingId: string, init: { mailbox: string; transactionId: string }, now: Date, until: Date): Promise<CalendarEventState | undefined>;
  /** Changes the state (while holding the lock) and lets it go when `release`. */
  save(meetingId: string, patch: Partial<Omit<CalendarEventState, "meetingId" | "mailbox">>, opts?: { release?: boolean }): Promise<void>;
  release(meetingId: string): Promise<void>;
  /** Holds the meeting's event longer while its holder works (nothing when it was let go). */
  renew(meetingId: string, until: Date): Promise<void>;
  get(meetingId: string): Promise<CalendarEventState | undefined>;
  /** Events to read back: with an id, not cancelled, for meetings starting at `from` or later. */
  live(from: Date): Promise<CalendarEventState[]>;
  /**
   * Planned meetings starting at `from` or later that no calendar job has touched yet (planned
   * before CALENDAR_SYNC=graph was switched on), at most `limit`, soonest first.
   */
  withoutEvent(from: Date, limit: number): Promise<Pick<Meeting, "id" | "version" | "durationMinutes" | "chairId">[]>;
}

/** A meeting as its calendar event says it (subject, HTML body, attendees with an address). */
export interface CalendarEntry {
  subject: string;
  /** HTML: people's and units' names escaped as text. */
  bodyHtml: string;
  start: Date;
  end: Date;
  attendees: { name: string; email: string }[];
  /** The meeting's id, as an extended property: the bot finds its own events by it. */
  meetingId: string;
  transactionId: string;
}

/** An event as read back from the calendar. */
export interface CalendarEventSeen {
  eventId: string;
  start: Date;
  end: Date;
  cancelled: boolean;
  /** Attendees' addresses (lower case) who declined. */
  declined: string[];
  /** The meeting the bot made it for (its extended property), when read with it. */
  meetingId?: string;
}

/** What a calendar call came to, in the words the sync acts on. */
export type CalendarCall<T> =
  | { ok: true; value: T }
  /** 404: the event (or the mailbox) is not there. */
  | { ok: false; failure: "gone"; reason: string }
  /** 403 (no permission, or the application access policy leaves the mailbox out) and other refusals: not retried. */
  | { ok: false; failure: "refused"; reason: string }
  /** 429, 5xx, no answer, no token: tried again later. */
  | { ok: false; failure: "retry"; reason: string; retryAfterMs?: number };

/** A plain-text mail to one person, sent from a mailbox of the organisation. */
export interface OutgoingMail {
  to: { address: string; name: string };
  subject: string;
  /** Plain text (Graph's body contentType "text"): nothing in it is read as markup. */
  text: string;
}

/**
 * What one sendMail came to. `retry`: Graph did not take it (429, 503, no token): nothing was sent.
 * `refused`: Graph will not send it (403: no Mail.Send or the mailbox outside the access policy; 400).
 * `unknown`: no answer, or a 5xx that may have come after Graph took it: it may have gone.
 */
export type MailCall =
  | { ok: true }
  | { ok: false; failure: "retry"; reason: string; retryAfterMs?: number }
  | { ok: false; failure: "refused"; reason: string }
  | { ok: false; failure: "unknown"; reason: string };

/** Mail from a person's own mailbox through Microsoft Graph (`sendMail`, Mail.Send; src/graph/calendar-gateway.ts). */
export interface MailGateway {
  /** One attempt, never repeated inside (Graph's sendMail has no transactionId: a repeat is a second mail). Kept in the sender's Sent Items. */
  send(mailbox: string, mail: OutgoingMail): Promise<MailCall>;
}

/** The chair's calendar through Microsoft Graph (src/graph/calendar-gateway.ts). */
export interface CalendarGateway {
  /** The event made (or, for a transactionId seen before, the one made then, with its time as it is). */
  create(mailbox: string, entry: CalendarEntry): Promise<CalendarCall<{ eventId: string; start?: Date; durationMinutes?: number }>>;
  /** The bot's event for a meeting, found by its extended property (after a create whose answer was lost). */
  find(mailbox: string, meetingId: string): Promise<CalendarCall<{ eventId: string } | undefined>>;
  move(mailbox: string, eventId: string, start: Date, end: Date): Promise<CalendarCall<void>>;
  cancel(mailbox: string, eventId: string, comment: string): Promise<CalendarCall<void>>;
  /** The bot's events in the mailbox between `from` and `to` (all pages). */
  list(mailbox: string, from: Date, to: Date): Promise<CalendarCall<CalendarEventSeen[]>>;
  get(mailbox: string, eventId: string): Promise<CalendarCall<CalendarEventSeen>>;
  /**
   * Free/busy of people by address (getSchedule, asked as `mailbox`): their busy, tentative and
   * out-of-office times between `from` and `to`.
   */
  schedule(mailbox: string, addresses: string[], from: Date, to: Date): Promise<CalendarCall<{ address: string; start: Date; end: Date }[]>>;
}
