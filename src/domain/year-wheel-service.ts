import { AppError } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { strings } from "../lib/strings.da.js";
import { formatDateTime } from "../lib/format-da.js";
import { addDays, compareDates, isValidLocalDate, isValidLocalTime, localDateOf, zonedToUtc } from "../lib/zoned-time.js";
import { closedDayText, closedPeriodText } from "./closed-day.js";
import type { OutlookBusyTimes } from "./outlook-busy-times.js";
import type { MeetingService } from "./meeting-service.js";
import { templateFor } from "./meeting-template.js";
import { clashWindow, findClashes, MAX_MEETING_MINUTES, type BusyPeriod, type MeetingSlot } from "./meeting-clash.js";
import { habitOf, placeMeetings, type PlanItem } from "./meeting-planner.js";
import { assertChair } from "./access.js";
import { takesPart } from "./calendar.js";
import { laeringssamtaleCircle, oneOnOneCircle, youthTakesPart, type MeetingCircle, type UnitRoster } from "./participants.js";
import type { BusyTimes, Clock, LoopRepository, MeetingRepository, PeopleRepository, UnitRepository, YearWheel, YearWheelEntry, YearWheelRepository } from "./ports.js";
import type { DomainSettings } from "./settings.js";
import type { Loop, Person, Unit } from "./types.js";
import { proposeYearWheel } from "./year-wheel.js";
import { combine, noEffects, type Effects } from "./effects.js";

export interface YearWheelView {
  unit: Unit;
  /** The units whose årshjul this person sees: as their chief, then as their leader. */
  units: Unit[];
  loop: Loop;
  wheel: YearWheel;
  /** Names of the pædagogiske ledere of leader_pl entries. */
  names: Map<string, string>;
  today: string;
  /**
   * Whose view it is: the chief plans the whole wheel; the unit's leader plans, moves and cancels
   * their own 1:1s with the pædagogiske ledere (leader_pl) and sees the rest.
   */
  role: YearWheelRole;
  /**
   * Whether the viewer holds the wheel's 1:1s with the pædagogiske ledere (the chair of their
   * circle, circleOf: the unit's first leader). A co-leader of a unit with two sees them, but only
   * the leader who holds them creates, moves and cancels them.
   */
  holdsPl: boolean;
  /** Entries whose meeting was cancelled (for the chief, never the leader's own 1:1s: he sees them counted only). */
  cancelled: Set<string>;
  /** Whether the viewer takes part in at least one of the wheel's meetings (made, cancelled too): their calendar file has something. */
  takesPartInAny: boolean;
}

export type YearWheelRole = "chief" | "leader";

export type YearWheelService = ReturnType<typeof createYearWheelService>;

/** How far the planner may move a proposed meeting from where the rhythm put it, in days either way. */
const PLANNER_REACH_DAYS = 21;
const KIND_PRIORITY: Record<YearWheelEntry["kind"], number> = { laeringssamtale: 0, one_on_one: 1, leader_pl: 2 };

/**
 * The årshjul per unit: the bot proposes the loop's plan (year-wheel.ts, placed by the planner in
 * meeting-planner.ts around everyone's other meetings), the chief moves meetings and confirms it;
 * confirming creates the meetings, which then drive the packs and reminders. After confirmation a
 * move reschedules the meeting itself. The unit's leader plans, moves and cancels their own 1:1s
 * with the pædagogiske ledere from the same wheel (decision 0016).
 */
export function createYearWheelService(deps: {
  units: UnitRepository;
  people: Pick<PeopleRepository, "unitsLedBy">;
  loops: LoopRepository;
  wheels: YearWheelRepository;
  meetingRepo: MeetingRepository;
  /** When people are taken: the bot's own meetings (the repository), with CALENDAR_SYNC=graph also Outlook's free/busy (0018). */
  busyTimes?: BusyTimes & Partial<Pick<OutlookBusyTimes, "warning">>;
  meetings: MeetingService;
  loadNames: (ids: string[]) => Promise<Map<string, string>>;
  clock: Clock;
  settings: DomainSettings;
}) {
  const { units, people, loops, wheels, meetingRepo, meetings, loadNames, clock, settings } = deps;
  const busyTimes: BusyTimes & Partial<Pick<OutlookBusyTimes, "warning">> = deps.busyTimes ?? meetingRepo;
  const { calendar } = settings;
  const today = () => localDateOf(clock.now(), settings.timezone);

  /** The units whose årshjul the person sees, with their role in each; refuses a person who is neither chief nor leader. */
  async function unitsOf(actor: Person): Promise<{ unit: Unit; role: YearWheelRole }[]> {
    const asChief = await units.unitsForChief(actor.id);
    const asLeader = (await people.unitsLedBy(actor.id)).filter((u) => u.active && !asChief.some((c) => c.id === u.id));
    const list = [...asChief.map((unit) => ({ unit, role: "chief" as const })), ...asLeader.map((unit) => ({ unit, role: "leader" as const }))];
    if (list.length === 0) throw new AppError("not-authorised", strings.yearWheel.notChief);
    return list;
  }

  /** The proposal for a unit: future meetings only, on the unit's habit weekday and time among its chief's units. */
  function propose(unit: Unit, index: number, count: number, loop: Loop, pedagogicalLeaderIds: string[]): YearWheelEntry[] {
    const habit = habitOf(index, calendar, settings.templates["1-1-ledelsesopfoelgning"].durationMinutes, settings.meetingBufferMinutes);
    const plan = proposeYearWheel({
      loopStart: loop.startDate,
      years: 2,
      calendar,
      // Each of the chief's units on its own weekday and hour, its læringssamtaler in its own weeks.
      preferredWeekday: habit.weekday,
      preferredTime: habit.time,
      spread: { index, count },
      bufferMinutes: settings.meetingBufferMinutes,
      pedagogicalLeaderIds,
    });
    const from = today();
    return plan
      .filter((m) => compareDates(m.date, from) > 0)
      // The chief holds no 1:1s with the leader of a selvejende dagtilbud (the board is the employer).
      .filter((m) => !(unit.selvejende && m.kind === "one_on_one"))
      .map((m) => ({
        id: newId(),
        kind: m.kind,
        sequence: m.sequence,
        withPersonId: m.withPersonId,
        firstOfLoop: m.firstOfLoop ?? false,
        date: m.date,
        time: m.time,
        durationMinutes: settings.templates[templateFor(m.kind, m.firstOfLoop ?? false)].durationMinutes,
      }));
  }

  /** The request id of an entry's meeting: confirming again finds the meeting made the first time. */
  const requestIdOf = (e: YearWheelEntry): string => `yearwheel:${e.id}`;

  /** The leader whose 1:1s the wheel plans, with the chief and with the pædagogiske ledere: the unit's first. */
  const wheelLeaderOf = (roster: UnitRoster): string | undefined => roster.leaderIds[0];

  /**
   * Who an entry's meeting would bring together (as confirming creates it), or undefined when it
   * cannot be held. `wheel` is the loop's plan the entry is part of: the youth representatives take
   * part in the first læringssamtale of each year of the loop.
   */
  function circleOf(e: YearWheelEntry, roster: UnitRoster, chiefId: string, wheel: { entries: readonly YearWheelEntry[]; loopStart: string }): MeetingCircle | undefined {
    const leaderId = wheelLeaderOf(roster);
    if (e.kind === "laeringssamtale") {
      const entries = wheel.entries.map((o) => (o.id === e.id ? e : o));
      return laeringssamtaleCircle(roster, { firstOfLoop: e.firstOfLoop, youthTakesPart: youthTakesPart(e, entries, wheel.loopStart), chiefId });
    }
    if (!leaderId) return undefined;
    if (e.kind === "leader_pl") return e.withPersonId && roster.pedagogicalLeaderIds.includes(e.withPersonId) ? oneOnOneCircle(leaderId, e.withPersonId) : undefined;
    return oneOnOneCircle(chiefId, leaderId);
  }

  /** An entry as the meeting it becomes: its participants, time and length. */
  function slotOf(e: YearWheelEntry, circle: MeetingCircle): MeetingSlot {
    return {
      meetingId: e.meetingId,
      requestId: requestIdOf(e),
      participantIds: circle.participants.map((p) => p.personId),
      startsAt: zonedToUtc(e.date, e.time, settings.timezone),
      durationMinutes: settings.templates[templateFor(e.kind, e.firstOfLoop)].durationMinutes,
    };
  }

  /** The Outlook warning for a slot chosen by hand, naming the people busy then (with their names from the organisation). */
  async function outlookWarning(slot: MeetingSlot, actorId: string): Promise<string | undefined> {
    const names = await loadNames([...slot.participantIds]);
    const participants = slot.participantIds.map((id) => ({ id, name: names.get(id) ?? "" }));
    return busyTimes.warning?.(participants, slot.startsAt, new Date(slot.startsAt.getTime() + slot.durationMinutes * 60_000), actorId);
  }

  /** The slots themselves as busy periods. */
  const plannedBusy = (entries: { entry: YearWheelEntry; slot: MeetingSlot }[], unit: Unit): BusyPeriod[] =>
    entries.flatMap(({ entry, slot }) =>
      slot.participantIds.map((personId) => ({
        personId,
        meeting: { id: slot.meetingId ?? `entry:${entry.id}`, requestId: slot.requestId, kind: entry.kind, firstOfLoop: entry.firstOfLoop, unitName: unit.name, startsAt: slot.startsAt, durationMinutes: slot.durationMinutes },
      })),
    );

  /** Who is taken around these slots: their participants' meetings (not cancelled), and the slots themselves. */
  async function busyAround(entries: { entry: YearWheelEntry; slot: MeetingSlot }[], unit: Unit): Promise<BusyPeriod[]> {
    const windows = entries.map((c) => clashWindow(c.slot));
    const from = new Date(Math.min(...windows.map((w) => w.from.getTime())));
    const to = new Date(Math.max(...windows.map((w) => w.to.getTime())));
    const booked = await meetingRepo.busy([...new Set(entries.flatMap((c) => c.slot.participantIds))], from, to);
    return [...booked, ...plannedBusy(entries, unit)];
  }

  /**
   * The first of `entries` whose meeting would put someone in two meetings at once (another
   * meeting, or another entry of the wheel), described in Danish; undefined when none does.
   */
  async function firstClash(entries: { entry: YearWheelEntry; slot: MeetingSlot }[], unit: Unit, actorId: string): Promise<string | undefined> {
    if (entries.length === 0) return undefined;
    const busy = await busyAround(entries, unit);
    for (const { entry, slot } of entries) {
      const clashes = findClashes(slot, busy);
      if (clashes.length === 0) continue;
      const kind = entry.kind === "laeringssamtale" && entry.firstOfLoop ? strings.meeting.kinds.laeringssamtaleFirst : strings.meeting.kinds[entry.kind];
      return strings.yearWheel.busyEntry(`${kind} ${formatDateTime(slot.startsAt, settings.timezone)}`, await meetings.describeClashes(clashes, actorId));
    }
    return undefined;
  }

  /** The wheel of each of the chief's units for its current loop (cached per unit type). */
  async function wheelsOfChief(chiefId: string | undefined, exceptUnitId: string): Promise<{ unit: Unit; wheel: YearWheel; roster: UnitRoster; loop: Loop }[]> {
    if (!chiefId) return [];
    const loopOf = new Map<string, Loop | undefined>();
    const out: { unit: Unit; wheel: YearWheel; roster: UnitRoster; loop: Loop }[] = [];
    for (const u of await units.unitsForChief(chiefId)) {
      if (u.id === exceptUnitId) continue;
      if (!loopOf.has(u.type)) loopOf.set(u.type, await loops.current(u.type, today()));
      const loop = loopOf.get(u.type);
      const wheel = loop ? await wheels.get(u.id, loop.id) : undefined;
      const roster = wheel ? await units.roster(u.id) : undefined;
      if (loop && wheel && roster) out.push({ unit: u, wheel, roster, loop });
    }
    return out;
  }

  /**
   * The proposed meetings of the chief's other units (entries not made into meetings yet) that
   * take any of `personIds`: a proposal or a move must not clash with them either. Meetings made
   * from entries are in the bot's meetings already.
   */
  async function otherWheelsBusy(chiefId: string | undefined, exceptUnitId: string, personIds: ReadonlySet<string>): Promise<BusyPeriod[]> {
    const from = today();
    const out: BusyPeriod[] = [];
    for (const { unit, wheel, roster, loop } of await wheelsOfChief(chiefId, exceptUnitId)) {
      const proposals = wheel.entries.flatMap((e) => {
        const circle = e.meetingId || compareDates(e.date, from) <= 0 ? undefined : circleOf(e, roster, chiefId!, { entries: wheel.entries, loopStart: loop.startDate });
        return circle ? [{ entry: e, slot: slotOf(e, circle) }] : [];
      });
      out.push(...plannedBusy(proposals, unit).filter((b) => personIds.has(b.personId)));
    }
    return out;
  }

  /**
   * The proposal placed by the planner: nobody in two meetings at once, with the buffer between
   * meetings, around the bot's meetings and the other units' proposals of the same chief. What
   * cannot be placed stays, and «Godkend» names the clash.
   */
  async function placed(entries: YearWheelEntry[], roster: UnitRoster, chiefId: string | undefined, unit: Unit, loop: Loop): Promise<YearWheelEntry[]> {
    const tomorrow = addDays(today(), 1);
    const lastDay = addDays(loop.endDate, -1);
    const ordered = [...entries].sort((a, b) => KIND_PRIORITY[a.kind] - KIND_PRIORITY[b.kind] || compareDates(a.date, b.date) || (a.withPersonId ?? "").localeCompare(b.withPersonId ?? ""));
    const items: PlanItem[] = ordered.flatMap((e) => {
      const circle = chiefId || e.kind !== "one_on_one" ? circleOf(e, roster, chiefId ?? "", { entries, loopStart: loop.startDate }) : undefined;
      if (!circle) return [];
      const lo = addDays(e.date, -PLANNER_REACH_DAYS);
      const hi = addDays(e.date, PLANNER_REACH_DAYS);
      return [{
        id: e.id,
        participantIds: circle.participants.map((p) => p.personId),
        date: e.date,
        time: e.time,
        durationMinutes: e.durationMinutes,
        lo: compareDates(lo, tomorrow) < 0 ? tomorrow : lo,
        hi: compareDates(hi, lastDay) > 0 ? lastDay : hi,
        meeting: { id: `entry:${e.id}`, requestId: requestIdOf(e), kind: e.kind, firstOfLoop: e.firstOfLoop, unitName: unit.name },
      }];
    });
    if (items.length === 0) return entries;
    const personIds = new Set(items.flatMap((i) => i.participantIds));
    const from = zonedToUtc(items.reduce((m, i) => (compareDates(i.lo, m) < 0 ? i.lo : m), items[0]!.lo), "00:00", settings.timezone);
    const to = zonedToUtc(addDays(items.reduce((m, i) => (compareDates(i.hi, m) > 0 ? i.hi : m), items[0]!.hi), 2), "00:00", settings.timezone);
    const busy = [...(await busyTimes.busy([...personIds], new Date(from.getTime() - MAX_MEETING_MINUTES * 60_000), to)), ...(await otherWheelsBusy(chiefId, unit.id, personIds))];
    const placements = new Map(placeMeetings(items, busy, { calendar, timezone: settings.timezone, bufferMinutes: settings.meetingBufferMinutes }).map((p) => [p.id, p]));
    return entries.map((e) => {
      const p = placements.get(e.id);
      return p ? { ...e, date: p.date, time: p.time } : e;
    });
  }

  async function view(actor: Person, unitId?: string): Promise<YearWheelView> {
    const list = await unitsOf(actor);
    const mine = unitId ? list.find((u) => u.unit.id === unitId) : list[0];
    if (!mine) throw new AppError("not-authorised", strings.yearWheel.notChiefOfUnit);
    const { unit, role } = mine;
    const loop = await loops.current(unit.type, today());
    if (!loop) throw new AppError("not-found", strings.yearWheel.noLoop(unit.name));
    let wheel = await wheels.get(unit.id, loop.id);
    const roster = await units.roster(unit.id);
    if (!wheel) {
      // The chief's place among their units decides the habit slot, whoever opens the wheel first.
      const chiefId = role === "chief" ? actor.id : roster?.chiefIds[0];
      const chiefsUnits = role === "chief" ? list.filter((u) => u.role === "chief").map((u) => u.unit) : chiefId ? await units.unitsForChief(chiefId) : [];
      const index = Math.max(0, chiefsUnits.findIndex((u) => u.id === unit.id));
      const proposed = propose(unit, index, Math.max(1, chiefsUnits.length), loop, roster?.pedagogicalLeaderIds ?? []);
      const entries = roster ? await placed(proposed, roster, chiefId, unit, loop) : proposed;
      wheel = await wheels.create({ id: newId(), unitId: unit.id, loopId: loop.id, status: "proposed", version: 1, entries }, { actorId: actor.id, at: clock.now() });
    }
    const names = await loadNames(wheel.entries.flatMap((e) => (e.withPersonId ? [e.withPersonId] : [])));
    const linked = await meetingRepo.getMany(wheel.entries.flatMap((e) => (e.meetingId ? [e.meetingId] : [])));
    const cancelledMeetings = new Set(linked.filter((m) => m.status === "cancelled").map((m) => m.id));
    // The chief sees the leader's own 1:1s with the pædagogiske ledere counted only, not whether she cancelled one.
    const shown = (e: YearWheelEntry) => role !== "chief" || e.kind !== "leader_pl";
    const cancelled = new Set(wheel.entries.filter((e) => e.meetingId && cancelledMeetings.has(e.meetingId) && shown(e)).map((e) => e.id));
    const holdsPl = role === "leader" && roster !== undefined && wheelLeaderOf(roster) === actor.id;
    const takesPartInAny = linked.some((m) => takesPart(m, actor));
    return { unit, units: list.map((u) => u.unit), loop, wheel, names, today: today(), role, holdsPl, cancelled, takesPartInAny };
  }

  /**
   * Who may change an entry: the chief any of the wheel's, except a leader's 1:1 with a
   * pædagogisk leder once it is a meeting (it is the leader's); the leader only their own 1:1s
   * with the pædagogiske ledere: those the wheel plans for them (a co-leader none).
   */
  function assertMayChange(current: YearWheelView, entry: YearWheelEntry): void {
    if (current.role === "leader" && entry.kind !== "leader_pl") throw new AppError("not-authorised", strings.yearWheel.leaderOwnOnly);
    if (current.role === "leader" && !current.holdsPl) throw new AppError("not-authorised", strings.yearWheel.othersPl);
    if (current.role === "chief" && entry.kind === "leader_pl" && entry.meetingId) throw new AppError("not-authorised", strings.yearWheel.leadersMeeting);
  }

  return {
    view,

    /**
     * Moves one meeting of the wheel (and, once confirmed, the meeting itself). The new time is
     * checked against everyone's meetings and the proposals of all the chief's units. A day in a
     * closed period is allowed, with a warning.
     */
    async move(actor: Person, unitId: string, version: number, entryId: string, date: string, time: string): Promise<{ view: YearWheelView; effects: Effects; warning?: string }> {
      const current = await view(actor, unitId);
      const entry = current.wheel.entries.find((e) => e.id === entryId);
      if (entry) assertMayChange(current, entry);
      const errors: Record<string, string> = {};
      if (!entry) errors.entry = strings.yearWheel.chooseMeeting;
      if (!isValidLocalDate(date)) errors.date = strings.generic.invalidDate;
      else if (compareDates(date, current.today) <= 0) errors.date = strings.yearWheel.dateNotFuture;
      else if (compareDates(date, current.loop.endDate) >= 0) errors.date = strings.yearWheel.dateAfterLoop;
      else if (!calendar.isWorkingDay(date)) errors.date = closedDayText(calendar.closedReason(date) ?? "");
      if (!isValidLocalTime(time)) errors.time = strings.schedule.invalidTime;
      else if (time < calendar.dayStart || time >= calendar.dayEnd) errors.time = strings.schedule.outsideHours(calendar.dayStart, calendar.dayEnd);
      if (Object.keys(errors).length > 0) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, errors);
      const warning = closedPeriodText(calendar, date);
      if (entry!.date === date && entry!.time === time) return { view: current, effects: noEffects, warning }; // a repeated click
      if (current.wheel.version !== version) throw new AppError("stale-card", strings.yearWheel.stale);
      const roster = await units.roster(current.unit.id);
      const chiefId = current.role === "chief" ? actor.id : roster?.chiefIds[0];
      const moved = { ...entry!, date, time };
      const wheelAfter = { entries: current.wheel.entries.map((e) => (e.id === moved.id ? moved : e)), loopStart: current.loop.startDate };
      const circle = roster ? circleOf(moved, roster, chiefId ?? "", wheelAfter) : undefined;
      let effects = noEffects;
      const meeting = entry!.meetingId ? await meetingRepo.get(entry!.meetingId) : undefined;
      if (circle) {
        // Every unit of the chief: its proposals not made into meetings yet (meetings are checked by the booking itself).
        // A meeting already made is checked with the people actually on it: its participants are
        // not recomputed on a move (e.g. the youth representative, decision 0022 «Not done yet»).
        const slot = meeting ? { ...slotOf(moved, circle), participantIds: meeting.participants.map((p) => p.person.id) } : slotOf(moved, circle);
        const others = await otherWheelsBusy(chiefId, current.unit.id, new Set(slot.participantIds));
        // The wheel's own entries not made into meetings yet (the leader's 1:1s may be meetings while the rest is a proposal).
        const rest = current.wheel.entries.filter((e) => e.id !== moved.id && !e.meetingId && compareDates(e.date, current.today) > 0);
        const candidates = [moved, ...rest].flatMap((e) => {
          if (e === moved) return [{ entry: e, slot }];
          const c = circleOf(e, roster!, chiefId ?? "", wheelAfter);
          return c ? [{ entry: e, slot: slotOf(e, c) }] : [];
        });
        // Not a meeting yet: also against the meetings now, not only at «Godkend» (a meeting's move is checked by the booking itself).
        const busy = meeting ? plannedBusy(candidates, current.unit) : await busyAround(candidates, current.unit);
        const clashes = [...findClashes(slot, others), ...findClashes(slot, busy)];
        if (clashes.length > 0) {
          throw new AppError("invalid-input", `${await meetings.describeClashes(clashes, actor.id)} ${strings.meeting.busyPickAnother}`, { time: strings.meeting.busyField });
        }
      }
      if (meeting) {
        // The leader's own 1:1: only the one who holds it moves it.
        if (current.role === "leader") assertChair(meeting, actor.id);
        effects = (await meetings.moveMeeting(meeting, zonedToUtc(date, time, settings.timezone), actor.id)).effects;
      }
      if (!(await wheels.moveEntry(current.wheel.id, version, entryId, date, time, { actorId: actor.id, at: clock.now() }))) throw new AppError("stale-card", strings.yearWheel.stale);
      // Someone busy in Outlook then (CALENDAR_SYNC=graph): moved, with a warning naming them, as planlæg 1:1.
      const busy = circle && busyTimes.warning ? await outlookWarning(slotOf(moved, circle), actor.id) : undefined;
      return { view: await view(actor, unitId), effects, warning: [warning, busy].filter(Boolean).join(" ") || undefined };
    },

    /**
     * Confirms the wheel (the chief): creates every future meeting with its participants and pack.
     * Safe to repeat: meetings are created with the entry's id as request id, so a retry finds them.
     */
    async confirm(actor: Person, unitId: string, version: number): Promise<{ view: YearWheelView; created: number; effects: Effects }> {
      // The role first: a leader's forged «Godkend» changes nothing, not even a proposal made.
      if ((await unitsOf(actor)).find((u) => u.unit.id === unitId)?.role === "leader") throw new AppError("not-authorised", strings.yearWheel.onlyChiefConfirms);
      const current = await view(actor, unitId); // the role checked above: view finds the same unit
      const { wheel, unit } = current;
      if (wheel.status === "proposed" && wheel.version !== version) throw new AppError("stale-card", strings.yearWheel.stale);
      const roster = await units.roster(unit.id);
      if (!roster || roster.leaderIds.length === 0) throw new AppError("invalid-input", strings.yearWheel.noLeader(unit.name));
      // Every meeting still to be made, e.g. not with a pædagogisk leder who has left since the proposal.
      const toCreate = wheel.entries.flatMap((e) => {
        const circle = e.meetingId || compareDates(e.date, current.today) <= 0 ? undefined : circleOf(e, roster, actor.id, { entries: wheel.entries, loopStart: current.loop.startDate });
        return circle ? [{ entry: e, circle, slot: slotOf(e, circle) }] : [];
      });
      // Nobody is booked twice: a clash with another meeting or within the wheel refuses it, before anything is made.
      const clash = await firstClash(toCreate, unit, actor.id);
      if (clash) throw new AppError("invalid-input", clash);
      if (wheel.status === "proposed") {
        if (wheel.version !== version) throw new AppError("stale-card", strings.yearWheel.stale);
        if (!(await wheels.confirm(wheel.id, version, { actorId: actor.id, at: clock.now() }))) throw new AppError("stale-card", strings.yearWheel.stale);
      }
      const { created, effects } = await createAll(actor, current, toCreate);
      return { view: await view(actor, unitId), created, effects };
    },

    /**
     * «Opret mine 1:1»: the unit's leader makes their own 1:1s with the pædagogiske ledere into
     * meetings, whether or not the chief has confirmed the rest of the wheel. Safe to repeat.
     */
    async confirmOwn(actor: Person, unitId: string): Promise<{ view: YearWheelView; created: number; effects: Effects }> {
      if ((await unitsOf(actor)).find((u) => u.unit.id === unitId)?.role === "chief") throw new AppError("not-authorised", strings.yearWheel.leaderOwnOnly);
      const current = await view(actor, unitId); // the role checked above: view finds the same unit
      if (!current.holdsPl) throw new AppError("not-authorised", strings.yearWheel.othersPl);
      const roster = await units.roster(current.unit.id);
      const toCreate = current.wheel.entries.flatMap((e) => {
        // Each entry's own circle: its chair is the leader the wheel plans it for, who is the actor.
        const circle = e.kind === "leader_pl" && !e.meetingId && compareDates(e.date, current.today) > 0 && roster ? circleOf(e, roster, "", { entries: current.wheel.entries, loopStart: current.loop.startDate }) : undefined;
        return circle && circle.chairId === actor.id ? [{ entry: e, circle, slot: slotOf(e, circle) }] : [];
      });
      const clash = await firstClash(toCreate, current.unit, actor.id);
      if (clash) throw new AppError("invalid-input", clash);
      const { created, effects } = await createAll(actor, current, toCreate);
      return { view: await view(actor, unitId), created, effects };
    },

    /** «Aflys mødet» from the årshjul: only the one who holds the meeting cancels it (meeting-service checks). */
    async cancel(actor: Person, unitId: string, entryId: string): Promise<{ view: YearWheelView; effects: Effects; already: boolean }> {
      const current = await view(actor, unitId);
      const entry = current.wheel.entries.find((e) => e.id === entryId);
      if (!entry) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, { cancelEntry: strings.yearWheel.chooseMeetingToCancel });
      assertMayChange(current, entry);
      if (!entry.meetingId) throw new AppError("invalid-input", strings.yearWheel.notAMeetingYet);
      const { effects, already } = await meetings.cancel(actor, entry.meetingId);
      return { view: await view(actor, unitId), effects, already };
    },
  };

  /** Creates the meetings of `toCreate` and links them to their entries. */
  async function createAll(actor: Person, current: YearWheelView, toCreate: { entry: YearWheelEntry; circle: MeetingCircle; slot: MeetingSlot }[]): Promise<{ created: number; effects: Effects }> {
    let created = 0;
    const effects: Effects[] = [];
    for (const { entry: e, circle, slot } of toCreate) {
      const { meeting, effects: made } = await meetings.createMeeting({
        actorId: actor.id,
        requestId: slot.requestId,
        kind: e.kind,
        unitId: current.unit.id,
        circle,
        startsAt: slot.startsAt,
        loopId: current.loop.id,
        firstOfLoop: e.firstOfLoop,
      });
      await wheels.linkMeeting(e.id, meeting.id);
      effects.push(made);
      created += 1;
    }
    return { created, effects: combine(...effects) };
  }
}
