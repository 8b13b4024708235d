import { AppError } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { strings } from "../lib/strings.da.js";
import { compareDates, isValidLocalDate, isValidLocalTime, localDateOf, zonedToUtc } from "../lib/zoned-time.js";
import { closedDayText } from "./closed-day.js";
import type { MeetingService } from "./meeting-service.js";
import { templateFor } from "./meeting-template.js";
import { laeringssamtaleCircle, oneOnOneCircle } from "./participants.js";
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
      wheel = await wheels.create({ id: newId(), unitId: unit.id, loopId: loop.id, status: "proposed", version: 1, entries: propose(unit, index, loop, roster?.pedagogicalLeaderIds ?? []) }, { actorId: actor.id, at: clock.now() });
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
      if (entry!.meetingId) {
        const meeting = await meetingRepo.get(entry!.meetingId);
        if (meeting) effects = (await meetings.moveMeeting(meeting, zonedToUtc(date, time, settings.timezone), actor.id)).effects;
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
      if (wheel.status === "proposed") {
        if (wheel.version !== version) throw new AppError("stale-card", strings.yearWheel.stale);
        if (!(await wheels.confirm(wheel.id, version, { actorId: actor.id, at: clock.now() }))) throw new AppError("stale-card", strings.yearWheel.stale);
      }
      const roster = await units.roster(unit.id);
      if (!roster || roster.leaderIds.length === 0) throw new AppError("invalid-input", strings.yearWheel.noLeader(unit.name));
      const leaderId = roster.leaderIds[0]!;
      let created = 0;
      const effects: Effects[] = [];
      for (const e of wheel.entries) {
        if (e.meetingId || compareDates(e.date, current.today) <= 0) continue;
        const circle =
          e.kind === "laeringssamtale"
            ? laeringssamtaleCircle(roster, { firstOfLoop: e.firstOfLoop, chiefId: actor.id })
            : e.kind === "leader_pl"
              ? e.withPersonId && roster.pedagogicalLeaderIds.includes(e.withPersonId)
                ? oneOnOneCircle(leaderId, e.withPersonId)
                : undefined
              : oneOnOneCircle(actor.id, leaderId);
        if (!circle) continue; // e.g. a pædagogisk leder who has left since the proposal
        const { meeting, effects: made } = await meetings.createMeeting({
          actorId: actor.id,
          requestId: `yearwheel:${e.id}`,
          kind: e.kind,
          unitId: unit.id,
          circle,
          startsAt: zonedToUtc(e.date, e.time, settings.timezone),
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
