import { AppError } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { strings } from "../lib/strings.da.js";
import { formatDateTime } from "../lib/format-da.js";
import { addDays, compareDates, isValidLocalDate, isValidLocalTime, localDateOf, localTimeOf, zonedToUtc } from "../lib/zoned-time.js";
import { closedDayText } from "./closed-day.js";
import type { MeetingService } from "./meeting-service.js";
import { templateFor } from "./meeting-template.js";
import { clashWindow, endOf, findClashes, type BusyPeriod, type MeetingSlot } from "./meeting-clash.js";
import { laeringssamtaleCircle, oneOnOneCircle, type MeetingCircle, type UnitRoster } from "./participants.js";
import type { Clock, LoopRepository, MeetingRepository, UnitRepository, YearWheel, YearWheelEntry, YearWheelRepository } from "./ports.js";
import type { DomainSettings } from "./settings.js";
import type { Loop, Person, Unit } from "./types.js";
import { proposeYearWheel } from "./year-wheel.js";
import { combine, noEffects, type Effects } from "./effects.js";

export interface YearWheelView {
  unit: Unit;
  units: Unit[];
  loop: Loop;
  wheel: YearWheel;
  /** Names of the pædagogiske ledere of leader_pl entries. */
  names: Map<string, string>;
  today: string;
}

export type YearWheelService = ReturnType<typeof createYearWheelService>;

/**
 * The chief's årshjul per unit: the bot proposes the loop's plan (year-wheel.ts), the chief moves
 * meetings and confirms it; confirming creates the meetings, which then drive the packs and
 * reminders. After confirmation a move reschedules the meeting itself.
 */
export function createYearWheelService(deps: {
  units: UnitRepository;
  loops: LoopRepository;
  wheels: YearWheelRepository;
  meetingRepo: MeetingRepository;
  meetings: MeetingService;
  loadNames: (ids: string[]) => Promise<Map<string, string>>;
  clock: Clock;
  settings: DomainSettings;
}) {
  const { units, loops, wheels, meetingRepo, meetings, loadNames, clock, settings } = deps;
  const { calendar } = settings;
  const today = () => localDateOf(clock.now(), settings.timezone);

  async function chiefUnits(actor: Person): Promise<Unit[]> {
    const list = await units.unitsForChief(actor.id);
    if (list.length === 0) throw new AppError("not-authorised", strings.yearWheel.notChief);
    return list;
  }

  /** The proposal for a unit: future meetings only, each unit of the chief on its own weekday. */
  function propose(unit: Unit, index: number, loop: Loop, pedagogicalLeaderIds: string[]): YearWheelEntry[] {
    const plan = proposeYearWheel({
      loopStart: loop.startDate,
      years: 2,
      calendar,
      // Spread the chief's units over the week so their meetings do not collide.
      preferredWeekday: 1 + (index % 5),
      preferredTime: calendar.dayStart < "09:00" ? "09:00" : calendar.dayStart,
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

  /** Who an entry's meeting would bring together (as confirming creates it), or undefined when it cannot be held. */
  function circleOf(e: YearWheelEntry, roster: UnitRoster, chiefId: string): MeetingCircle | undefined {
    const leaderId = roster.leaderIds[0];
    if (e.kind === "laeringssamtale") return laeringssamtaleCircle(roster, { firstOfLoop: e.firstOfLoop, chiefId });
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

  /** Who is taken around these slots: their participants' meetings (not cancelled), and the slots themselves. */
  async function busyAround(entries: { entry: YearWheelEntry; slot: MeetingSlot }[], unit: Unit): Promise<BusyPeriod[]> {
    const windows = entries.map((c) => clashWindow(c.slot));
    const from = new Date(Math.min(...windows.map((w) => w.from.getTime())));
    const to = new Date(Math.max(...windows.map((w) => w.to.getTime())));
    const booked = await meetingRepo.busy([...new Set(entries.flatMap((c) => c.slot.participantIds))], from, to);
    const planned = entries.flatMap(({ entry, slot }) =>
      slot.participantIds.map((personId) => ({
        personId,
        meeting: { id: slot.meetingId ?? `entry:${entry.id}`, requestId: slot.requestId, kind: entry.kind, firstOfLoop: entry.firstOfLoop, unitName: unit.name, startsAt: slot.startsAt, durationMinutes: slot.durationMinutes },
      })),
    );
    return [...booked, ...planned];
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

  /**
   * The proposal, with every entry whose people are already taken at its time (another unit's
   * meetings, a 1:1 planned by hand, an earlier entry) moved to the same time on the next working
   * day that is free, or failing that a later free time that day. What cannot be placed stays, and
   * «Godkend» names the clash.
   */
  async function clearOfMeetings(entries: YearWheelEntry[], roster: UnitRoster, chiefId: string, unit: Unit, loop: Loop): Promise<YearWheelEntry[]> {
    const withCircle = entries.flatMap((e) => {
      const circle = circleOf(e, roster, chiefId);
      return circle ? [{ entry: e, circle, slot: slotOf(e, circle) }] : [];
    });
    if (withCircle.length === 0) return entries;
    const windows = withCircle.map((c) => clashWindow(c.slot));
    const taken = await meetingRepo.busy(
      [...new Set(withCircle.flatMap((c) => c.slot.participantIds))],
      new Date(Math.min(...windows.map((w) => w.from.getTime()))),
      // Room for an entry moved a couple of weeks on.
      new Date(Math.max(...windows.map((w) => w.to.getTime())) + 31 * 86_400_000),
    );
    const fits = (e: YearWheelEntry, circle: MeetingCircle): boolean => {
      const slot = slotOf(e, circle);
      return compareDates(e.date, loop.endDate) < 0 && localTimeOf(endOf(slot.startsAt, slot.durationMinutes), settings.timezone) <= calendar.dayEnd && findClashes(slot, taken).length === 0;
    };
    const out = new Map(entries.map((e) => [e.id, e]));
    for (const { entry, circle } of withCircle) {
      let placed = entry;
      if (!fits(entry, circle)) {
        const days = [entry.date];
        for (let d = entry.date; days.length < 11; ) days.push((d = calendar.nextWorkingDay(addDays(d, 1))));
        const sameTime = days.slice(1).map((date) => ({ ...entry, date }));
        const laterThatDay = Array.from({ length: 16 }, (_, i) => ({ ...entry, time: localTimeOf(new Date(zonedToUtc(entry.date, entry.time, settings.timezone).getTime() + (i + 1) * 30 * 60_000), settings.timezone) })).filter((e) => e.time > entry.time);
        placed = [...sameTime, ...laterThatDay].find((e) => fits(e, circle)) ?? entry;
      }
      out.set(entry.id, placed);
      const slot = slotOf(placed, circle);
      taken.push(...slot.participantIds.map((personId) => ({ personId, meeting: { id: `entry:${placed.id}`, kind: placed.kind, firstOfLoop: placed.firstOfLoop, unitName: unit.name, startsAt: slot.startsAt, durationMinutes: slot.durationMinutes } })));
    }
    return [...out.values()];
  }

  async function view(actor: Person, unitId?: string): Promise<YearWheelView> {
    const list = await chiefUnits(actor);
    const unit = unitId ? list.find((u) => u.id === unitId) : list[0];
    if (!unit) throw new AppError("not-authorised", strings.yearWheel.notChiefOfUnit);
    const loop = await loops.current(unit.type, today());
    if (!loop) throw new AppError("not-found", strings.yearWheel.noLoop(unit.name));
    let wheel = await wheels.get(unit.id, loop.id);
    if (!wheel) {
      const roster = await units.roster(unit.id);
      const index = list.findIndex((u) => u.id === unit.id);
      const proposed = propose(unit, index, loop, roster?.pedagogicalLeaderIds ?? []);
      const entries = roster ? await clearOfMeetings(proposed, roster, actor.id, unit, loop) : proposed;
      wheel = await wheels.create({ id: newId(), unitId: unit.id, loopId: loop.id, status: "proposed", version: 1, entries }, { actorId: actor.id, at: clock.now() });
    }
    const names = await loadNames(wheel.entries.flatMap((e) => (e.withPersonId ? [e.withPersonId] : [])));
    return { unit, units: list, loop, wheel, names, today: today() };
  }

  return {
    view,

    /** Moves one meeting of the wheel (and, once confirmed, the meeting itself). */
    async move(actor: Person, unitId: string, version: number, entryId: string, date: string, time: string): Promise<{ view: YearWheelView; effects: Effects }> {
      const current = await view(actor, unitId);
      const entry = current.wheel.entries.find((e) => e.id === entryId);
      const errors: Record<string, string> = {};
      if (!entry) errors.entry = strings.yearWheel.chooseMeeting;
      if (!isValidLocalDate(date)) errors.date = strings.generic.invalidDate;
      else if (compareDates(date, current.today) <= 0) errors.date = strings.yearWheel.dateNotFuture;
      else if (compareDates(date, current.loop.endDate) >= 0) errors.date = strings.yearWheel.dateAfterLoop;
      else if (!calendar.isWorkingDay(date)) errors.date = closedDayText(calendar.closedReason(date) ?? "");
      if (!isValidLocalTime(time)) errors.time = strings.schedule.invalidTime;
      else if (time < calendar.dayStart || time >= calendar.dayEnd) errors.time = strings.schedule.outsideHours(calendar.dayStart, calendar.dayEnd);
      if (Object.keys(errors).length > 0) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, errors);
      if (entry!.date === date && entry!.time === time) return { view: current, effects: noEffects }; // a repeated click
      if (current.wheel.version !== version) throw new AppError("stale-card", strings.yearWheel.stale);
      let effects = noEffects;
      const meeting = entry!.meetingId ? await meetingRepo.get(entry!.meetingId) : undefined;
      if (meeting) effects = (await meetings.moveMeeting(meeting, zonedToUtc(date, time, settings.timezone), actor.id)).effects;
      else {
        // Not a meeting yet: the new time is checked against the meetings and the wheel's other entries now, not only at «Godkend».
        const roster = await units.roster(current.unit.id);
        const moved = { ...entry!, date, time };
        const circle = roster ? circleOf(moved, roster, actor.id) : undefined;
        if (circle) {
          const others = current.wheel.entries.filter((e) => e.id !== moved.id && !e.meetingId && compareDates(e.date, current.today) > 0);
          const candidates = [moved, ...others].flatMap((e) => {
            const c = e === moved ? circle : circleOf(e, roster!, actor.id);
            return c ? [{ entry: e, slot: slotOf(e, c) }] : [];
          });
          const clashes = findClashes(candidates[0]!.slot, await busyAround(candidates, current.unit));
          if (clashes.length > 0) {
            throw new AppError("invalid-input", `${await meetings.describeClashes(clashes, actor.id)} ${strings.meeting.busyPickAnother}`, { time: strings.meeting.busyField });
          }
        }
      }
      if (!(await wheels.moveEntry(current.wheel.id, version, entryId, date, time, { actorId: actor.id, at: clock.now() }))) throw new AppError("stale-card", strings.yearWheel.stale);
      return { view: await view(actor, unitId), effects };
    },

    /**
     * Confirms the wheel: creates every future meeting with its participants and pack. Safe to
     * repeat: meetings are created with the entry's id as request id, so a retry finds them.
     */
    async confirm(actor: Person, unitId: string, version: number): Promise<{ view: YearWheelView; created: number; effects: Effects }> {
      const current = await view(actor, unitId);
      const { wheel, unit, loop } = current;
      if (wheel.status === "proposed" && wheel.version !== version) throw new AppError("stale-card", strings.yearWheel.stale);
      const roster = await units.roster(unit.id);
      if (!roster || roster.leaderIds.length === 0) throw new AppError("invalid-input", strings.yearWheel.noLeader(unit.name));
      // Every meeting still to be made, e.g. not with a pædagogisk leder who has left since the proposal.
      const toCreate = wheel.entries.flatMap((e) => {
        const circle = e.meetingId || compareDates(e.date, current.today) <= 0 ? undefined : circleOf(e, roster, actor.id);
        return circle ? [{ entry: e, circle, slot: slotOf(e, circle) }] : [];
      });
      // Nobody is booked twice: a clash with another meeting or within the wheel refuses it, before anything is made.
      const clash = await firstClash(toCreate, unit, actor.id);
      if (clash) throw new AppError("invalid-input", clash);
      if (wheel.status === "proposed") {
        if (wheel.version !== version) throw new AppError("stale-card", strings.yearWheel.stale);
        if (!(await wheels.confirm(wheel.id, version, { actorId: actor.id, at: clock.now() }))) throw new AppError("stale-card", strings.yearWheel.stale);
      }
      let created = 0;
      const effects: Effects[] = [];
      for (const { entry: e, circle, slot } of toCreate) {
        const { meeting, effects: made } = await meetings.createMeeting({
          actorId: actor.id,
          requestId: slot.requestId,
          kind: e.kind,
          unitId: unit.id,
          circle,
          startsAt: slot.startsAt,
          loopId: loop.id,
          firstOfLoop: e.firstOfLoop,
        });
        await wheels.linkMeeting(e.id, meeting.id);
        effects.push(made);
        created += 1;
      }
      return { view: await view(actor, unitId), created, effects: combine(...effects) };
    },
  };
}
