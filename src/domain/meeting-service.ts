import { shortHash } from "../lib/short-hash.js";
import { SYSTEM_ACTORS } from "./audit.js";
import { AppError } from "../lib/errors.js";
import { closedDayText, closedPeriodText } from "./closed-day.js";
import { newId } from "../lib/ids.js";
import { formatDateTime, formatTime } from "../lib/format-da.js";
import { endOf, type Clash } from "./meeting-clash.js";
import { strings } from "../lib/strings.da.js";
import { addDays, compareDates, isValidLocalDate, isValidLocalTime, localDateOf, zonedToUtc } from "../lib/zoned-time.js";
import { assertChair, assertParticipant, expectedReflectionAuthors, guideReceivers, leaderOf, reflectionAuthors } from "./access.js";
import { guideIsShared, guideRoleOf, standingItemsOf, templateFor, templateOf, type GuideRole } from "./meeting-template.js";
import { adHocRemovedRow, boardGuestLinksRows, boardStatementReminderRows, boardStatementRows, MEETING_ROW_KINDS, meetingCancelledRows, meetingPackRows, reflectionReminderKey, reflectionReminderRows } from "./notification-keys.js";
import { boardStatementAuthors, oneOnOneCircle, type MeetingCircle } from "./participants.js";
import type {
  BoardStatementRepository,
  Clock,
  FocusAreaRepository,
  LoopRepository,
  MeetingRepository,
  NotificationRepository,
  PeopleRepository,
  ReflectionRepository,
  SentCardRepository,
  UnitRepository,
} from "./ports.js";
import type { DomainSettings } from "./settings.js";
import type { CalendarSyncService } from "./calendar-sync-service.js";
import type { OutlookBusyTimes } from "./outlook-busy-times.js";
import { effectsOf, meetingChanged, noEffects, type Effects } from "./effects.js";
import { isReopened, mayReopen, reopensBeforeStart } from "./closing.js";
import { CLOSING_POSITION, type AgendaItem, type FollowUpView, type LeaderOfUnit, type Meeting, type MeetingKind, type Person, type Loop, type FocusArea, type BoardStatement, type BoardMode, type OneOnOneInput, type Unit } from "./types.js";


/** The longest indstilling (as in the opfølgningsskema). */
export const INDSTILLING_MAX = 1000;

/** The input id of an item's indstilling on the dagsorden card. */
export const indstillingInputId = (agendaItemId: string): string => `ind_${agendaItemId}`;

/**
 * Who may draft an item's indstilling: the chair any item's, the one who put a topic on the
 * dagsorden (the leader, for her own items) that topic's. Carried follow-ups have none.
 */
export function mayDraft(meeting: Meeting, item: AgendaItem, actor: Person): boolean {
  if (item.kind === "carried") return false;
  return meeting.chairId === actor.id || (item.kind === "topic" && item.addedBy?.id === actor.id);
}

export interface ScheduleInput {
  leaderId: string;
  unitId: string;
  date: string;
  time: string;
  /** The form's one-time id: the same form submitted twice schedules one meeting. */
  requestId?: string;
}

export interface AgendaView {
  meeting: Meeting;
  standing: AgendaItem[];
  topics: AgendaItem[];
  /** Standing items that come after the topics. */
  closing: AgendaItem[];
  carried: FollowUpView[];
  /** True once the meeting has started or closed: topics can no longer be added. */
  locked: boolean;
  leader?: Person;
  leaderReflectionSent: boolean;
  /** The leader answered the guide with «Intet nyt». */
  leaderNothingNew: boolean;
  /** A læringssamtale: everyone fills the guide; who has sent theirs. */
  reflections?: { person: Person; role: GuideRole; sent: boolean }[];
  loop?: Loop;
  focusAreas: FocusArea[];
  /** Before the loop's areas are approved: the chair has a proposal waiting, or the leader may propose. */
  focusProposal?: "awaiting" | "propose";
  /**
   * A later læringssamtale of a unit with a board (not selvejende): how the board takes part, and
   * whether the chair may still change it (until the ask goes out).
   */
  board?: { mode: BoardMode; changeable: boolean };
  boardStatements: { author: Person; statement: BoardStatement }[];
  /** A læringssamtale: the unit's 1:1s held since the last læringssamtale (input C), as counts. */
  oneOnOneInput?: OneOnOneInput & { since?: Date };
  /** The unit's datapakke in the meeting's loop (input A), when the organisation file gives one. */
  datapakkeUrl?: string;
  /**
   * The indstillinger («Det indstilles, at …») drafted before the meeting, when its template asks
   * for them: the items this viewer may draft (the chair any, others the topics they added), until
   * the meeting is closed.
   */
  indstilling?: { draftable: string[] };
}

/** One indstilling as the dagsorden card sent it: the text typed and the text the card showed. */
export interface IndstillingDraftInput {
  agendaItemId: string;
  text: string;
  /** The short hash (shortHash) of the stored text the card showed; a card sent before hashes carries the text. */
  shown: string;
}

/** «Ad hoc deltagere»: a person from the organisation file, or a guest by name (decision 0022). */
export interface AdHocInput {
  personId?: string;
  guestName?: string;
  guestEmail?: string;
  guestPhone?: string;
}

/** At most this many people offered in the chair's picker (by name): a Teams card has a size limit. */
const ADHOC_CHOICES = 300;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether `text` is what the card showed: its hash, or (a card from before hashes) the text itself. */
const wasShown = (text: string, shown: string): boolean => shortHash(text) === shown || text === shown.trim();

/** Someone the person may plan a 1:1 with, and which kind it is. */
export interface SchedulablePerson extends LeaderOfUnit {
  kind: "one_on_one" | "leader_pl";
}

export interface MeetingServiceDeps {
  people: PeopleRepository;
  meetings: MeetingRepository;
  reflections: ReflectionRepository;
  notifications: NotificationRepository;
  units: UnitRepository;
  loops: LoopRepository;
  focusAreas: FocusAreaRepository;
  boardStatements: BoardStatementRepository;
  /** The copies of cards posted to people: who holds a meeting's dagsorden already. */
  sentCards: Pick<SentCardRepository, "list">;
  /** The outbox row that brings the meeting's calendar event up to it (CALENDAR_SYNC=graph; none otherwise). */
  calendarSync?: Pick<CalendarSyncService, "rowsFor">;
  /** Who is busy in Outlook (CALENDAR_SYNC=graph): `planlæg 1:1` warns about a chosen time. */
  busyTimes?: Pick<OutlookBusyTimes, "warning">;
  clock: Clock;
  settings: DomainSettings;
}

export type MeetingService = ReturnType<typeof createMeetingService>;

export function createMeetingService(deps: MeetingServiceDeps) {
  const { people, meetings, reflections, notifications, units, loops, focusAreas, boardStatements, sentCards, clock, settings } = deps;
  const calendarRows = (m: Meeting, now: Date) => deps.calendarSync?.rowsFor(m, now) ?? [];
  const { calendar } = settings;

  async function getForParticipant(actor: Person, meetingId: string): Promise<Meeting> {
    const meeting = await meetings.get(meetingId);
    if (!meeting) throw new AppError("not-found", strings.generic.notFound);
    assertParticipant(meeting, actor.id);
    return meeting;
  }

  const hasStarted = (m: Meeting): boolean => m.status !== "planned" || clock.now() >= m.startsAt;

  /** The pædagogiske ledere of the active units this person leads: theirs to plan 1:1s with. */
  async function ownPedagogicalLeaders(actor: Person): Promise<SchedulablePerson[]> {
    const out: SchedulablePerson[] = [];
    for (const unit of (await people.unitsLedBy(actor.id)).filter((u) => u.active)) {
      const roster = await units.roster(unit.id);
      for (const id of roster?.pedagogicalLeaderIds ?? []) {
        if (id === actor.id) continue;
        const person = await people.byId(id);
        if (person?.active) out.push({ leader: person, unit, kind: "leader_pl" });
      }
    }
    return out;
  }

  /** The clashes in Danish, per meeting: who is taken ("Du" for the person acting), when, by which meeting. */
  async function describeClashes(clashes: Clash[], actorId: string): Promise<string> {
    const tz = settings.timezone;
    const byMeeting = new Map<string, { meeting: Clash["meeting"]; people: string[] }>();
    for (const c of clashes) {
      const entry = byMeeting.get(c.meeting.id) ?? { meeting: c.meeting, people: [] };
      entry.people.push(c.personId);
      byMeeting.set(c.meeting.id, entry);
    }
    const lines = await Promise.all(
      [...byMeeting.values()].map(async ({ meeting: m, people: ids }) => {
        const when = `${formatDateTime(m.startsAt, tz)}–${formatTime(endOf(m.startsAt, m.durationMinutes), tz)}`;
        const kind = m.kind === "laeringssamtale" && m.firstOfLoop ? strings.meeting.kinds.laeringssamtaleFirst : strings.meeting.kinds[m.kind];
        const others = await Promise.all(ids.filter((id) => id !== actorId).map(async (id) => (await people.byId(id))?.name ?? id));
        const who = ids.includes(actorId) ? [strings.meeting.busyYou, ...others] : others;
        return strings.meeting.busy(who, when, strings.meeting.busyMeeting(kind, m.unitName));
      }),
    );
    return lines.join(" ");
  }

  /** Refuses a booking that would put someone in two meetings at once, naming the clashes. */
  async function clashError(clashes: Clash[], actorId: string): Promise<AppError> {
    return new AppError("invalid-input", `${await describeClashes(clashes, actorId)} ${strings.meeting.busyPickAnother}`, { time: strings.meeting.busyField });
  }

  /**
   * Outbox rows for a meeting: the pack for every participant, and, before a later læringssamtale
   * whose board gives a statement, the board's request and its reminder (with «Deltagelse» the
   * representatives are participants and get the pack instead).
   */
  async function packRows(meeting: Meeting, now: Date) {
    const rows = [...meetingPackRows(meeting, guideReceivers(meeting, settings.templates), settings.meetingPackLeadDays, calendar, now), ...reflectionReminderRows(meeting, expectedReflectionAuthors(meeting, settings.templates).map((p) => p.id), calendar, now)];
    if (meeting.kind === "laeringssamtale" && !meeting.firstOfLoop && meeting.boardMode !== "participation") {
      const roster = await units.roster(meeting.unit.id);
      const authors = roster ? boardStatementAuthors(roster, { chairId: meeting.chairId, participants: meeting.participants.map((p) => ({ personId: p.person.id, role: p.role })) }) : [];
      const external = authors.length ? await people.externalIds(authors) : new Set<string>();
      rows.push(
        ...boardStatementRows(meeting, authors, settings.boardStatementDays, calendar, now),
        ...boardStatementReminderRows(meeting, authors, settings.boardStatementDays, calendar, now),
        ...boardGuestLinksRows(meeting, authors.filter((id) => external.has(id)), settings.boardStatementDays, calendar, now),
      );
    }
    return rows;
  }

  /**
   * A board request still waiting for a later time than the rules give (planned when it went 10
   * working days ahead, before `BOARD_STATEMENT_DAYS` and the reminder) moves to the time they
   * give, and a missing reminder is planned: the same keys, so a second start changes nothing.
   */
  async function replanBoardRows(meeting: Meeting, now: Date): Promise<void> {
    if (meeting.status !== "planned" || meeting.kind !== "laeringssamtale" || meeting.firstOfLoop) return;
    const rows = (await packRows(meeting, now)).filter((r) => r.kind === "board_statement" || r.kind === "board_statement_reminder");
    if (!rows.length) return;
    const pending = (await notifications.ofSubject(meeting.id, ["board_statement", "board_statement_reminder"])).filter((n) => n.status === "pending");
    // Only a row still ahead and later than the rule's time (the old timing was 10 working days before); one brought forward stays.
    const stale = pending.filter((n) => n.dueAt > now && rows.some((r) => r.key === n.key && r.dueAt < n.dueAt));
    if (stale.length) await notifications.cancelPending(meeting.id, { kinds: ["board_statement", "board_statement_reminder"], exceptKeys: pending.filter((n) => !stale.includes(n)).map((n) => n.key) });
    await notifications.plan(rows, now);
  }

  /** The board's representatives, when the chair chooses how the board takes part in this meeting (a later læringssamtale of a unit that is not selvejende). */
  async function boardOf(meeting: Meeting): Promise<string[]> {
    if (meeting.kind !== "laeringssamtale" || meeting.firstOfLoop || meeting.unit.selvejende) return [];
    return (await units.roster(meeting.unit.id))?.boardRepresentativeIds ?? [];
  }

  /**
   * The choice can change until the ask goes out: the request for the statement («Udtalelse»), or
   * the dagsorden to a representative («Deltagelse»), sent, or a representative's reflection or
   * statement written (a switch would leave it behind); and never once the meeting has begun.
   */
  async function boardChoiceOpen(meeting: Meeting, boardIds: string[]): Promise<boolean> {
    if (hasStarted(meeting)) return false;
    const sent = await notifications.ofSubject(meeting.id, ["board_statement", "meeting_agenda"]);
    if (sent.some((n) => n.status === "sent" && boardIds.includes(n.personId))) return false;
    if ((await Promise.all(boardIds.map((id) => reflections.get(meeting.id, id)))).some((r) => r !== undefined)) return false;
    return !(await boardStatements.list(meeting.id)).some((s) => boardIds.includes(s.authorId));
  }

  /** Creates a meeting from its template and plans its pack. Idempotent with a `requestId`. */
  async function createMeeting(spec: {
    /** Who schedules it (for the audit log). */
    actorId: string;
    requestId?: string;
    kind: MeetingKind;
    unitId: string;
    circle: MeetingCircle;
    startsAt: Date;
    loopId?: string;
    firstOfLoop?: boolean;
  }): Promise<{ meeting: Meeting; packAt: Date; effects: Effects }> {
    const now = clock.now();
    const template = settings.templates[templateFor(spec.kind, spec.firstOfLoop ?? false)];
    const booked = await meetings.create({
      id: newId(),
      requestId: spec.requestId,
      kind: spec.kind,
      unitId: spec.unitId,
      chairId: spec.circle.chairId,
      participants: spec.circle.participants,
      startsAt: spec.startsAt,
      durationMinutes: template.durationMinutes,
      loopId: spec.loopId,
      firstOfLoop: spec.firstOfLoop,
      template,
      standingItems: standingItemsOf(template).map((s) => ({ id: newId(), ...s })),
    }, { actorId: spec.actorId, at: now });
    if (booked.clashes) throw await clashError(booked.clashes, spec.actorId);
    const { meeting } = booked;
    const rows = await packRows(meeting, now);
    await notifications.plan([...rows, ...calendarRows(meeting, now)], now);
    const pack = rows.find((r) => r.kind === "meeting_agenda");
    return { meeting, packAt: pack?.dueAt ?? now, effects: effectsOf([meetingChanged(meeting)], rows.length + calendarRows(meeting, now).length) };
  }

  /** Moves a planned meeting that has not started: the pack follows the new date. */
  async function moveMeeting(meeting: Meeting, startsAt: Date, actorId: string): Promise<{ meeting: Meeting; effects: Effects }> {
    if (hasStarted(meeting)) throw new AppError("meeting-started", strings.yearWheel.meetingStarted);
    const outcome = await meetings.reschedule(meeting.id, startsAt, { actorId, at: clock.now() });
    if (outcome === "not-planned") throw new AppError("meeting-started", strings.yearWheel.meetingStarted);
    if (outcome !== "moved") throw await clashError(outcome.clashes, actorId);
    const moved = (await meetings.get(meeting.id))!;
    const now = clock.now();
    const rows = await packRows(moved, now);
    // A reflection reminder for the same time stays even if its moment has passed (it may be waiting).
    const keep = [...rows.map((r) => r.key), ...expectedReflectionAuthors(moved, settings.templates).map((p) => reflectionReminderKey(moved, p.id))];
    await notifications.cancelPending(meeting.id, { kinds: [...MEETING_ROW_KINDS], exceptKeys: keep });
    const toCalendar = calendarRows(moved, now);
    await notifications.plan([...rows, ...toCalendar], now);
    return { meeting: moved, effects: effectsOf([meetingChanged(moved)], rows.length + toCalendar.length) };
  }

  /** Of the participants other than `actor`: how many hold a posted copy of the meeting's dagsorden, and how many there are. */
  async function agendaHolders(actor: Person, meeting: Meeting): Promise<{ othersWithAgenda: number; others: number }> {
    const others = meeting.participants.filter((p) => p.person.id !== actor.id).map((p) => p.person.id);
    const holders = new Set((await sentCards.list([{ subjectKind: "agenda", subjectIds: [meeting.id] }])).map((c) => c.personId));
    return { othersWithAgenda: others.filter((id) => holders.has(id)).length, others: others.length };
  }

  /**
   * What follows a reopening, done again by a repeated attempt (its first may have stopped right
   * after reopening): a referat not sent yet stays unsent (the corrected one will go instead);
   * reopened before its start, its pack and reminders are planned as for any planned meeting (what
   * was sent stays sent). Its copies are brought up to date either way.
   */
  async function afterReopening(meeting: Meeting): Promise<Effects> {
    const now = clock.now();
    await notifications.cancelPending(meeting.id, { kinds: ["referat"] });
    const added = meeting.carriedFrozen ? 0 : await notifications.plan(await packRows(meeting, now), now);
    return effectsOf([meetingChanged(meeting)], added);
  }

  return {
    /**
     * «Aflys mødet»: the chair cancels a planned meeting that has not begun and has no decisions.
     * Its pack and reminders are not sent; the other participants are told. A repeat is harmless.
     */
    async cancel(actor: Person, meetingId: string): Promise<{ meeting: Meeting; already: boolean; effects: Effects }> {
      const meeting = await getForParticipant(actor, meetingId);
      assertChair(meeting, actor.id);
      if (meeting.status === "cancelled") {
        // A repeated attempt whose first one stopped right after cancelling still tells the others (each once).
        const now = clock.now();
        await notifications.cancelPending(meeting.id, { kinds: [...MEETING_ROW_KINDS] });
        const planned = await notifications.plan([...meetingCancelledRows(meeting, actor.id, calendar, now), ...calendarRows(meeting, now)], now);
        // Its copies are brought up to date too: the first attempt may have died before it did.
        return { meeting, already: true, effects: effectsOf([meetingChanged(meeting)], planned) };
      }
      if (hasStarted(meeting)) throw new AppError("meeting-started", strings.meeting.cancelStarted);
      const outcome = await meetings.cancel(meeting.id, { actorId: actor.id, at: clock.now() });
      if (outcome === "has-decisions") throw new AppError("invalid-input", strings.meeting.cancelHasDecisions);
      if (outcome === "not-planned") throw new AppError("meeting-started", strings.meeting.cancelStarted);
      const now = clock.now();
      await notifications.cancelPending(meeting.id, { kinds: [...MEETING_ROW_KINDS] });
      const cancelled = (await meetings.get(meeting.id))!;
      const rows = [...meetingCancelledRows(meeting, actor.id, calendar, now), ...calendarRows(cancelled, now)];
      await notifications.plan(rows, now);
      return { meeting: cancelled, already: false, effects: effectsOf([meetingChanged(meeting)], rows.length) };
    },

    /**
     * «Genåbn mødet»: the chair reopens a closed meeting to correct the opfølgningsskema, for
     * `MEETING_REOPEN_DAYS` after its latest closing. `seen` is the referat the card showed: a
     * card from before a later closing reopens nothing. The referat stays as sent until the
     * meeting is closed again (then a corrected one goes to everyone); follow-ups go on as they
     * are. Reopened before its start, the meeting is planned again: the follow-ups frozen onto its
     * agenda are let go and its pack goes at its time. A repeat is harmless.
     * (docs/decisions/0013-closing-and-reopening.md)
     */
    async reopen(actor: Person, meetingId: string, seen: number): Promise<{ meeting: Meeting; already: boolean; effects: Effects }> {
      const meeting = await getForParticipant(actor, meetingId);
      assertChair(meeting, actor.id);
      if (isReopened(meeting) && meeting.referatVersion === seen) return { meeting, already: true, effects: await afterReopening(meeting) };
      if (meeting.status === "cancelled") throw new AppError("meeting-closed", strings.meeting.cancelled);
      if (meeting.status !== "closed") throw new AppError("invalid-input", strings.closing.notClosed);
      if (meeting.referatVersion !== seen) throw new AppError("stale-card", strings.closing.staleReopen);
      const now = clock.now();
      if (!mayReopen(meeting, settings.meetingReopenDays, settings.timezone, now)) {
        throw new AppError("meeting-closed", strings.closing.tooLate(formatDateTime(meeting.closedAt ?? now, settings.timezone), settings.meetingReopenDays));
      }
      const unfreeze = reopensBeforeStart(meeting, now);
      if (!(await meetings.reopen(meeting.id, meeting.referatVersion, { unfreeze }, { actorId: actor.id, at: now }))) {
        // Another click got there first (or closed it again): say what is true now.
        const current = (await meetings.get(meeting.id))!;
        if (isReopened(current) && current.referatVersion === seen) return { meeting: current, already: true, effects: await afterReopening(current) };
        throw new AppError("stale-card", strings.closing.staleReopen);
      }
      const reopened = (await meetings.get(meeting.id))!;
      return { meeting: reopened, already: false, effects: await afterReopening(reopened) };
    },

    /** The length of a 1:1 ledelsesopfølgning, from its template. */
    oneOnOneMinutes: settings.templates["1-1-ledelsesopfoelgning"].durationMinutes,
    hasStarted,
    getForParticipant,

    /** Whether `schedulableLeaders` would give this person anyone. */
    async canSchedule(actor: Person): Promise<boolean> {
      if (await people.hasLeadersForChief(actor.id)) return true;
      return (await ownPedagogicalLeaders(actor)).length > 0;
    },

    /**
     * Who this person may plan 1:1s with: as a chief, the leaders of their units (1:1
     * ledelsesopfølgning); as a unit's leader, its pædagogiske ledere (their own 1:1s). Refuses a
     * person who is neither.
     */
    async schedulableLeaders(actor: Person): Promise<SchedulablePerson[]> {
      const leaders = (await people.leadersForChief(actor.id)).filter((l) => l.leader.id !== actor.id).map((l) => ({ ...l, kind: "one_on_one" as const }));
      const own = await ownPedagogicalLeaders(actor);
      if (leaders.length === 0 && own.length === 0) throw new AppError("not-authorised", strings.schedule.notChief);
      return [...leaders, ...own];
    },

    async schedule(actor: Person, input: ScheduleInput): Promise<{ meeting: Meeting; packAt: Date; effects: Effects; warning?: string }> {
      const errors: Record<string, string> = {};
      const leader = await people.byId(input.leaderId);
      if (!leader || !leader.active) errors.leader = strings.schedule.chooseLeader;
      const now = clock.now();
      const today = localDateOf(now, settings.timezone);
      if (!isValidLocalDate(input.date)) errors.date = strings.generic.invalidDate;
      else if (compareDates(input.date, today) < 0) errors.date = strings.generic.dateInPast;
      else if (compareDates(input.date, addDays(today, 730)) > 0) errors.date = strings.generic.dateTooFar;
      else if (!calendar.isWorkingDay(input.date)) errors.date = closedDayText(calendar.closedReason(input.date) ?? "");
      if (!isValidLocalTime(input.time)) errors.time = strings.schedule.invalidTime;
      else if (input.time < calendar.dayStart || input.time >= calendar.dayEnd) {
        errors.time = strings.schedule.outsideHours(calendar.dayStart, calendar.dayEnd);
      }
      if (Object.keys(errors).length > 0) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, errors);

      // Authorisation after shape: a 1:1 ledelsesopfølgning is the chief's of the leader's unit;
      // a 1:1 with a pædagogisk leder is the unit leader's own (seed 002; the leader's råderum).
      const ledUnits = await people.unitsLedBy(input.leaderId);
      const asChief = ledUnits.find((u) => u.id === input.unitId && u.active);
      let kind: "one_on_one" | "leader_pl";
      let unit: Unit;
      if (asChief && input.leaderId !== actor.id && (await people.isChiefOfUnit(actor.id, asChief.id))) {
        kind = "one_on_one";
        unit = asChief;
      } else {
        const own = (await ownPedagogicalLeaders(actor)).find((p) => p.unit.id === input.unitId && p.leader.id === input.leaderId);
        if (!own) throw new AppError("not-authorised", strings.schedule.notChiefForLeader);
        kind = "leader_pl";
        unit = own.unit;
      }
      const startsAt = zonedToUtc(input.date, input.time, settings.timezone);
      if (startsAt <= now) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, { time: strings.schedule.startsInPast });

      const created = await createMeeting({
        actorId: actor.id,
        requestId: input.requestId,
        kind,
        unitId: unit.id,
        circle: oneOnOneCircle(actor.id, input.leaderId),
        startsAt,
      });
      // A form id reused by someone else is not theirs to see.
      if (created.meeting.chairId !== actor.id) throw new AppError("not-authorised", strings.schedule.notChiefForLeader);
      // A day in a closed period (the summer closure, Christmas, vinterferie) is planned, with a warning.
      const inPeriod = closedPeriodText(calendar, input.date);
      const warnings = inPeriod ? [inPeriod] : [];
      // Someone busy in Outlook then (CALENDAR_SYNC=graph): planned, with a warning naming them.
      const m = created.meeting;
      const busy = await deps.busyTimes?.warning(m.participants.map((p) => p.person), m.startsAt, endOf(m.startsAt, m.durationMinutes), actor.id);
      if (busy) warnings.push(busy);
      return { ...created, warning: warnings.length ? warnings.join(" ") : undefined };
    },

    createMeeting,
    moveMeeting,
    describeClashes,

    /**
     * Brings every meeting whose pack is not sent yet up to date with the template files (run at
     * start, after the templates are read), and plans their guides for those the template asks now
     * and their reminders for those it expects (a required question): a role left out gets no guide
     * and no reminder, a role with optional questions only no reminder. Returns how many meetings changed.
     */
    async refreshTemplates(): Promise<number> {
      let changed = 0;
      for (const m of await meetings.unfrozen()) {
        const t = settings.templates[templateFor(m.kind, m.firstOfLoop)];
        let applied = false;
        if (!(m.template && JSON.stringify(m.template) === JSON.stringify(t)) && (await meetings.applyTemplate(m.id, t, standingItemsOf(t).map((s) => ({ id: newId(), ...s })), { actorId: SYSTEM_ACTORS.templates, at: clock.now() }))) {
          changed += 1;
          applied = true;
        }
        const now = clock.now();
        const current = (await meetings.get(m.id)) ?? m;
        // A new length reaches the chair's calendar event too (CALENDAR_SYNC=graph).
        if (applied && current.durationMinutes !== m.durationMinutes) await notifications.plan(calendarRows(current, now), now);
        const rows = (await packRows(current, now)).filter((r) => r.kind === "meeting_reflection" || r.kind === "reflection_reminder");
        // A reminder for someone still expected stays even if its moment has passed (it may be waiting).
        const asked = expectedReflectionAuthors(current, settings.templates).map((p) => reflectionReminderKey(current, p.id));
        await notifications.cancelPending(m.id, { kinds: ["meeting_reflection", "reflection_reminder"], exceptKeys: [...rows.map((r) => r.key), ...asked] });
        await notifications.plan(rows, now);
        await replanBoardRows(current, now);
      }
      return changed;
    },

    async agenda(actor: Person, meetingId: string): Promise<AgendaView> {
      const meeting = await getForParticipant(actor, meetingId);
      const items = await meetings.agendaItems(meeting.id);
      // While the meeting is open, carried follow-ups are live (one done yesterday drops off);
      // once closed, the agenda shows what was frozen at closing (also while reopened after it began).
      const carried = meeting.carriedFrozen ? await meetings.frozenCarried(meeting.id) : await meetings.carriedFollowUps(meeting);
      const leader = leaderOf(meeting);
      const leaderReflection = leader ? await reflections.get(meeting.id, leader.id) : undefined;
      const everyone = guideIsShared(templateOf(meeting, settings.templates));
      const sent = everyone ? new Set((await reflections.listSent(meeting.id)).map((r) => r.authorId)) : undefined;
      const asked = everyone ? new Set(reflectionAuthors(meeting, settings.templates).map((p) => p.id)) : undefined;
      const loop = meeting.loopId ? await loops.get(meeting.loopId) : undefined;
      const statements = meeting.kind === "laeringssamtale" ? await boardStatements.list(meeting.id) : [];
      const authors = await Promise.all(statements.map((st) => people.byId(st.authorId)));
      let oneOnOneInput: AgendaView["oneOnOneInput"];
      // Input C: a selvejende dagtilbud has no 1:1s with the chief (the board is the employer).
      if (meeting.kind === "laeringssamtale" && !meeting.unit.selvejende) {
        const since = await meetings.previousLaeringssamtale(meeting);
        // Only the 1:1s held so far count (an agenda looked at early does not count planned ones).
        const until = new Date(Math.min(meeting.startsAt.getTime(), clock.now().getTime()));
        oneOnOneInput = { since, ...(await meetings.oneOnOneInput(meeting.unit.id, since ?? new Date(0), until)) };
      }
      const asksIndstilling = templateOf(meeting, settings.templates).form.recommendations;
      const boardIds = await boardOf(meeting);
      const activeAreas = loop ? await focusAreas.list(meeting.unit.id, loop.id, { activeOnly: true }) : [];
      let focusProposal: AgendaView["focusProposal"];
      if (loop && meeting.kind === "laeringssamtale" && meeting.status === "planned" && activeAreas.length === 0) {
        const proposal = await focusAreas.proposal(meeting.unit.id, loop.id);
        if (proposal?.status === "pending" && meeting.chairId === actor.id) focusProposal = "awaiting";
        else if (!proposal && meeting.firstOfLoop && leader?.id === actor.id && meeting.chairId !== actor.id) focusProposal = "propose";
      }
      return {
        // Drafted before the meeting only: once closed (even if reopened since) the skema changes them.
        indstilling: asksIndstilling ? { draftable: meeting.status === "planned" && meeting.referatVersion === 0 ? items.filter((i) => mayDraft(meeting, i, actor)).map((i) => i.id) : [] } : undefined,
        board: boardIds.length ? { mode: meeting.boardMode ?? "statement", changeable: await boardChoiceOpen(meeting, boardIds) } : undefined,
        reflections: sent && asked ? meeting.participants.filter((p) => asked.has(p.person.id)).map((p) => ({ person: p.person, role: guideRoleOf(meeting, p.role), sent: sent.has(p.person.id) })) : undefined,
        loop,
        focusAreas: activeAreas,
        focusProposal,
        boardStatements: statements.flatMap((statement, i) => (authors[i] ? [{ author: authors[i]!, statement }] : [])),
        oneOnOneInput,
        datapakkeUrl: loop && meeting.kind === "laeringssamtale" ? await loops.datapakke(meeting.unit.id, loop.id) : undefined,
        meeting,
        standing: items.filter((i) => i.kind === "standing" && i.position < CLOSING_POSITION),
        topics: items.filter((i) => i.kind === "topic"),
        closing: items.filter((i) => i.kind === "standing" && i.position >= CLOSING_POSITION),
        carried,
        locked: hasStarted(meeting),
        leader,
        leaderReflectionSent: leaderReflection?.status === "sent",
        leaderNothingNew: leaderReflection?.status === "sent" && leaderReflection.nothingNew,
      };
    },

    /**
     * Adds a topic to the dagsorden. Returns how many of the other participants hold a copy of the
     * dagsorden already (the pack reached them) out of how many there are, so the answer can say
     * truthfully whose dagsorden changes now and who sees the topic when the pack comes.
     */
    async addTopic(actor: Person, meetingId: string, title: string): Promise<{ othersWithAgenda: number; others: number; effects: Effects }> {
      const meeting = await getForParticipant(actor, meetingId);
      if (hasStarted(meeting)) throw new AppError("meeting-started", strings.agenda.lockedStarted);
      const clean = title.trim().replace(/\s+/g, " ");
      if (!clean) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, { topic: strings.agenda.topicRequired });
      if (clean.length > 200) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, { topic: strings.generic.tooLong(clean.length, 200) });
      // The same topic from the same person twice (a double click) is one topic.
      const existing = await meetings.agendaItems(meeting.id);
      if (existing.some((i) => i.kind === "topic" && i.addedBy?.id === actor.id && i.title.toLowerCase() === clean.toLowerCase())) return { ...(await agendaHolders(actor, meeting)), effects: noEffects };
      await meetings.addTopic(meeting.id, { id: newId(), title: clean }, { actorId: actor.id, at: clock.now() });
      return { ...(await agendaHolders(actor, meeting)), effects: effectsOf([meetingChanged(meeting)]) };
    },


    /**
     * Drafts indstillinger on the dagsorden before the meeting (seed 002: «Det indstilles, at …»):
     * the chair for any item, the one who put a topic on it for theirs, until the meeting is closed.
     * The opfølgningsskema starts from them. A text changed by someone else since the card was shown
     * is not overwritten: the card is shown again with the typed text (nothing is lost).
     */
    async draftIndstillinger(actor: Person, meetingId: string, drafts: IndstillingDraftInput[]): Promise<{ changed: number; effects: Effects }> {
      const meeting = await getForParticipant(actor, meetingId);
      if (!templateOf(meeting, settings.templates).form.recommendations) throw new AppError("invalid-input", strings.proposals.indstilling.notAsked);
      if (meeting.status !== "planned") throw new AppError("meeting-closed", meeting.status === "cancelled" ? strings.meeting.cancelled : strings.proposals.indstilling.closed);
      // Held minutes (closed once, reopened since) change only in the opfølgningsskema.
      if (meeting.referatVersion > 0) throw new AppError("meeting-closed", strings.proposalFixes.heldOnce);
      const items = new Map((await meetings.agendaItems(meeting.id)).map((i) => [i.id, i]));
      const errors: Record<string, string> = {};
      const changes: { agendaItemId: string; text: string; expected: string }[] = [];
      for (const d of drafts) {
        const item = items.get(d.agendaItemId);
        if (!item) throw new AppError("stale-card", strings.proposals.indstilling.stale);
        const text = d.text.trim();
        const stored = item.recommendation ?? "";
        if (wasShown(text, d.shown) || text === stored) continue; // unchanged here
        if (!mayDraft(meeting, item, actor)) throw new AppError("not-authorised", strings.proposals.indstilling.notYours);
        if (!wasShown(stored, d.shown)) throw new AppError("stale-card", strings.proposals.indstilling.changedMeanwhile, { [indstillingInputId(item.id)]: strings.proposals.indstilling.changedMeanwhileField });
        if (text.length > INDSTILLING_MAX) errors[indstillingInputId(item.id)] = strings.generic.tooLong(text.length, INDSTILLING_MAX);
        else changes.push({ agendaItemId: item.id, text, expected: stored });
      }
      if (Object.keys(errors).length > 0) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, errors);
      if (changes.length === 0) return { changed: 0, effects: noEffects };
      // Closed, or a text changed, between reading and writing: nothing is written, the card is shown again.
      if (!(await meetings.draftIndstillinger(meeting.id, changes, { actorId: actor.id, at: clock.now() }))) throw new AppError("stale-card", strings.proposals.indstilling.stale);
      return { changed: changes.length, effects: effectsOf([meetingChanged(meeting)]) };
    },

    /**
     * The chair chooses how the board takes part in a later læringssamtale (seed 002: «enten i form
     * af en udtalelse eller ved deltagelse»). «Deltagelse»: the representatives join the meeting and
     * get its pack; «Udtalelse»: they are asked for the statement `boardStatementDays` ahead, with a
     * reminder. Choosing what is chosen already changes nothing.
     */
    async chooseBoardMode(actor: Person, meetingId: string, mode: BoardMode): Promise<{ view: AgendaView; effects: Effects }> {
      const meeting = await getForParticipant(actor, meetingId);
      if (meeting.chairId !== actor.id) throw new AppError("not-authorised", strings.theBoard.chairOnly);
      const boardIds = await boardOf(meeting);
      if (!boardIds.length) throw new AppError("invalid-input", strings.theBoard.noChoice);
      if (hasStarted(meeting)) throw new AppError("meeting-started", strings.agenda.lockedStarted);
      if ((meeting.boardMode ?? "statement") === mode) return { view: await this.agenda(actor, meetingId), effects: noEffects };
      if (!(await boardChoiceOpen(meeting, boardIds))) throw new AppError("invalid-input", strings.theBoard.choiceLocked);
      const now = clock.now();
      if (!(await meetings.setBoardMode(meeting.id, meeting.version, mode, boardIds, { actorId: actor.id, at: now }))) throw new AppError("stale-card", strings.generic.staleCard);
      const changed = (await meetings.get(meeting.id))!;
      const rows = await packRows(changed, now);
      // What the other choice planned for the board goes; everyone else's rows stay as they are.
      const kinds = mode === "participation" ? (["board_statement", "board_statement_reminder"] as const) : (["meeting_agenda", "meeting_reflection", "reflection_reminder"] as const);
      const others = (await notifications.ofSubject(meeting.id, [...kinds])).filter((n) => !boardIds.includes(n.personId));
      await notifications.cancelPending(meeting.id, { kinds: [...kinds], exceptKeys: [...rows.map((r) => r.key), ...others.map((n) => n.key)] });
      const planned = await notifications.plan(rows, now);
      return { view: await this.agenda(actor, meetingId), effects: effectsOf([meetingChanged(changed)], planned) };
    },

    /** The meeting a person was removed from ad hoc, for their notice (only while they are not on it). */
    async removedFrom(actor: Person, meetingId: string): Promise<Meeting> {
      const meeting = await meetings.get(meetingId);
      if (!meeting || meeting.participants.some((p) => p.person.id === actor.id)) throw new AppError("not-found", strings.generic.notFound);
      return meeting;
    },

    /** The chair's card «Tilføj deltager»: the meeting and the people who may be added (decision 0022). */
    async adHocChoices(actor: Person, meetingId: string): Promise<{ meeting: Meeting; candidates: Person[] }> {
      const meeting = await getForParticipant(actor, meetingId);
      assertChair(meeting, actor.id);
      if (meeting.kind !== "laeringssamtale") throw new AppError("invalid-input", strings.people.onlyLaeringssamtale);
      if (hasStarted(meeting)) throw new AppError("meeting-started", strings.people.started);
      const candidates = (await people.adHocCandidates(meeting.unit.areaId, meeting.unit.id, { limit: ADHOC_CHOICES })).filter((p) => !meeting.participants.some((m) => m.person.id === p.id));
      return { meeting, candidates };
    },

    /**
     * «Ad hoc deltagere alt efter lokalt fokusområde» (seed 002): the chair adds a person from the
     * organisation file (role ad_hoc: the meeting's cards like any participant, the ad hoc question
     * set; a new version and calendar row, though the Graph sync does not change attendees yet) or a guest by name (on the participant list,
     * no cards: no Teams account) to one læringssamtale that has not begun. Duplicates are refused
     * in Danish. (docs/decisions/0022-roles-the-seed-names.md)
     */
    async addAdHoc(actor: Person, meetingId: string, input: AdHocInput): Promise<{ meeting: Meeting; notice: string; effects: Effects }> {
      const meeting = await getForParticipant(actor, meetingId);
      assertChair(meeting, actor.id);
      const s = strings.people;
      if (meeting.kind !== "laeringssamtale") throw new AppError("invalid-input", s.onlyLaeringssamtale);
      if (hasStarted(meeting)) throw new AppError("meeting-started", s.started);
      const personId = input.personId?.trim() ?? "";
      const name = (input.guestName ?? "").replace(/\s+/g, " ").trim();
      const email = (input.guestEmail ?? "").trim();
      const phone = (input.guestPhone ?? "").replace(/\s+/g, " ").trim();
      if (!personId && !name) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, { [email || phone ? "guestName" : "personId"]: s.chooseOne });
      if (personId && (name || email || phone)) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, { personId: s.notBoth });
      const now = clock.now();
      const by = { actorId: actor.id, at: now };
      if (personId) {
        // Only someone the picker offers (the area's people, no other unit's parents or young): a forged id is refused alike.
        const [person] = await people.adHocCandidates(meeting.unit.areaId, meeting.unit.id, { limit: 1, personId });
        if (!person) {
          const known = await people.byId(personId);
          throw new AppError("invalid-input", strings.generic.cardErrorsHeading, { personId: known?.active ? strings.adHocCard.notOffered : s.unknownPerson });
        }
        const outcome = await meetings.addAdHocParticipant(meeting.id, person.id, by);
        if (outcome === "not-planned") throw new AppError("meeting-started", s.started);
        if (outcome === "already") throw new AppError("invalid-input", strings.generic.cardErrorsHeading, { personId: s.alreadyParticipant(person.name) });
        if (outcome !== "added") throw await clashError(outcome.clashes, actor.id);
        const updated = (await meetings.get(meeting.id))!;
        // The pack, the guide and the day-before reminder reach the new participant as anyone else (at once when the pack went out already).
        const rows = [...(await packRows(updated, now)).filter((r) => r.personId === person.id), ...calendarRows(updated, now)];
        const planned = await notifications.plan(rows, now);
        return { meeting: updated, notice: s.added(person.name), effects: effectsOf([meetingChanged(updated)], planned) };
      }
      const errors: Record<string, string> = {};
      if (name.length > 200) errors.guestName = strings.generic.tooLong(name.length, 200);
      if (email && (email.length > 254 || !EMAIL.test(email))) errors.guestEmail = s.invalidEmail;
      const digits = phone.replace(/\D/g, "").length;
      if (phone && (!/^\+?[\d ()-]+$/.test(phone) || digits < 8 || digits > 15)) errors.guestPhone = s.invalidPhone;
      if (Object.keys(errors).length > 0) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, errors);
      const outcome = await meetings.addGuest(meeting.id, { id: newId(), name, email: email || undefined, phone: phone || undefined, addedById: actor.id }, by);
      if (outcome === "not-planned") throw new AppError("meeting-started", s.started);
      if (outcome === "duplicate") throw new AppError("invalid-input", strings.generic.cardErrorsHeading, { guestName: s.guestAlready(name) });
      const updated = (await meetings.get(meeting.id))!;
      // No card for the guest (outside Teams); the chair gets the guests' links with the pack (at once if it went already: decision 0025).
      const planned = await notifications.plan((await packRows(updated, now)).filter((r) => r.kind === "guest_links"), now);
      return { meeting: updated, notice: s.guestAdded(name), effects: effectsOf([meetingChanged(updated)], planned) };
    },

    /** The chair removes an ad hoc participant or a guest before the meeting: their pending cards are not sent. */
    async removeAdHoc(actor: Person, meetingId: string, target: { personId?: string; guestId?: string }): Promise<{ meeting: Meeting; notice: string; effects: Effects }> {
      const meeting = await getForParticipant(actor, meetingId);
      assertChair(meeting, actor.id);
      const s = strings.people;
      if (hasStarted(meeting)) throw new AppError("meeting-started", s.started);
      const by = { actorId: actor.id, at: clock.now() };
      if (target.guestId) {
        const guest = meeting.participants.find((p) => p.person.id === target.guestId && p.person.origin === "guest")?.person;
        const outcome = await meetings.removeGuest(meeting.id, target.guestId, by);
        if (outcome === "not-planned") throw new AppError("meeting-started", s.started);
        const updated = (await meetings.get(meeting.id))!;
        if (outcome === "gone" || !guest) return { meeting: updated, notice: s.gone, effects: noEffects };
        return { meeting: updated, notice: s.removed(guest.name), effects: effectsOf([meetingChanged(updated)]) };
      }
      const participant = meeting.participants.find((p) => p.person.id === target.personId);
      if (participant && participant.role !== "ad_hoc") throw new AppError("invalid-input", s.notAdHoc);
      if (!participant) return { meeting, notice: s.gone, effects: noEffects };
      // Whether the pack (dagsorden or guide) reached them already: then they are told they are no longer invited.
      const packSent = (await notifications.ofSubject(meeting.id, ["meeting_agenda", "meeting_reflection"])).some((n) => n.personId === participant.person.id && n.status === "sent");
      const outcome = await meetings.removeAdHocParticipant(meeting.id, participant.person.id, by);
      if (outcome === "not-planned") throw new AppError("meeting-started", s.started);
      const updated = (await meetings.get(meeting.id))!;
      if (outcome === "gone") return { meeting: updated, notice: s.gone, effects: noEffects };
      const now = clock.now();
      // What was planned for them and not sent stays unsent; everyone else's rows stay as they are.
      const keep = [...(await packRows(updated, now)).map((r) => r.key), ...updated.participants.map((p) => reflectionReminderKey(updated, p.person.id))];
      await notifications.cancelPending(meeting.id, { kinds: [...MEETING_ROW_KINDS], exceptKeys: keep });
      const planned = await notifications.plan([...(packSent ? [adHocRemovedRow(updated, participant.person.id, calendar, now)] : []), ...calendarRows(updated, now)], now);
      return { meeting: updated, notice: s.removed(participant.person.name), effects: effectsOf([meetingChanged(updated)], planned) };
    },

    async listMine(actor: Person) {
      return meetings.listForPerson(actor.id, clock.now(), { upcoming: 5, recent: 5 });
    },
  };
}
