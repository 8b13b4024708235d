import { createHash } from "node:crypto";
import { AppError } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { strings } from "../lib/strings.da.js";
import { addDays, compareDates, isValidLocalDate, localDateOf } from "../lib/zoned-time.js";
import type { CongestionService, IntentionLoad } from "./congestion-service.js";
import { effectsOf, type Effects } from "./effects.js";
import { expiryRows } from "./notification-keys.js";
import type { Clock, InitiativeRepository, LoopRepository, NotificationRepository, PeopleRepository, UnitRepository } from "./ports.js";
import type { DomainSettings } from "./settings.js";
import type { Area, Initiative, Person, Unit } from "./types.js";

export const INITIATIVE_TITLE_MAX = 200;

/**
 * How far ahead an initiative's evaluation date may lie, when it is registered and when it is
 * extended (forlæng): three years, so the default (the end of a two-year loop about to start)
 * always fits. Said in Danish as «højst tre år frem» (strings.initiatives.evaluateTooFar).
 */
export const INITIATIVE_EVALUATION_HORIZON_DAYS = 3 * 365;

/**
 * What is stored for a card's one-time id: keyed by who submitted it too, so two chiefs' cards
 * never collide (a person's second submit of their card still finds theirs). A hash, so the
 * initiative still stores no person's id (decision 0020).
 */
export const initiativeRequestKey = (submitterId: string, requestId: string): string =>
  createHash("sha256").update(`${submitterId}\n${requestId}`).digest("hex");

/** What the chief typed on the card, before validation. `scope`: unit ids, or "area:<id>" for a whole area. */
export interface InitiativeInput {
  title: string;
  fromDate?: string;
  evaluateOn?: string;
  scope: string[];
  /** The card's one-time id: the same card submitted again registers one initiative. */
  requestId: string;
}

export interface InitiativeView {
  areas: (Area & { units: Unit[] })[];
  initiatives: Initiative[];
  /** Per unit of the chief's areas: what weighs on it now. */
  loads: IntentionLoad[];
  today: string;
  /** The default evaluation date (solnedgang): the end of the loop in force. */
  defaultEvaluateOn?: string;
}

export type InitiativeService = ReturnType<typeof createInitiativeService>;

/** "area:<id>" in a scope means every unit of that area. */
export const areaScope = (areaId: string): string => `area:${areaId}`;

/**
 * The forvaltning's own initiatives (seed 004: reducing intentionstrængsel is the forvaltning's
 * duty). A chief registers one for some units of their area or the whole area; it counts for each
 * unit it applies to from its from-date, and gets an evaluation date by default: the end of the
 * loop in force (seed 001: solnedgangsklausul).
 */
export function createInitiativeService(deps: {
  people: PeopleRepository;
  units: UnitRepository;
  loops: LoopRepository;
  initiatives: InitiativeRepository;
  notifications: NotificationRepository;
  congestion: CongestionService;
  clock: Clock;
  settings: DomainSettings;
}) {
  const { people, units, loops, initiatives, notifications, congestion, clock, settings } = deps;
  const today = () => localDateOf(clock.now(), settings.timezone);

  async function areasOf(actor: Person): Promise<(Area & { units: Unit[] })[]> {
    const [areas, mine] = await Promise.all([people.areasForChief(actor.id), units.unitsForChief(actor.id)]);
    return areas.map((a) => ({ ...a, units: mine.filter((u) => u.areaId === a.id) })).filter((a) => a.units.length > 0);
  }

  /**
   * The last day of the loop running on `date` for these units, or of the next one to start (the
   * earliest, when they are in several loops).
   */
  async function loopEnd(of: Unit[], date: string): Promise<string | undefined> {
    const ends: string[] = [];
    for (const type of new Set(of.map((u) => u.type))) {
      const loop = await loops.current(type, date);
      if (loop) ends.push(addDays(loop.endDate, -1));
    }
    return ends.sort(compareDates)[0];
  }

  async function view(actor: Person): Promise<InitiativeView> {
    const areas = await areasOf(actor);
    if (areas.length === 0) throw new AppError("not-authorised", strings.initiatives.onlyChief);
    const all = areas.flatMap((a) => a.units);
    const loads = (await Promise.all(all.map((u) => congestion.load(u.id, actor.id)))).filter((l): l is IntentionLoad => l !== undefined);
    return { areas, initiatives: await initiatives.listActive(areas.map((a) => a.id)), loads, today: today(), defaultEvaluateOn: await loopEnd(all, today()) };
  }

  return {
    view,

    /** Registers an initiative (once per card), and re-evaluates every unit it applies to. */
    async register(actor: Person, input: InitiativeInput): Promise<{ initiative: Initiative; created: boolean; effects: Effects }> {
      const areas = await areasOf(actor);
      if (areas.length === 0) throw new AppError("not-authorised", strings.initiatives.onlyChief);
      const s = strings.initiatives;
      const errors: Record<string, string> = {};
      const title = input.title.trim().replace(/\s+/g, " ");
      if (!title) errors.title = s.titleRequired;
      else if (title.length > INITIATIVE_TITLE_MAX) errors.title = strings.generic.tooLong(title.length, INITIATIVE_TITLE_MAX);

      // The scope: one area's units, or that whole area.
      const wholeAreas = input.scope.filter((v) => v.startsWith("area:")).map((v) => v.slice("area:".length));
      const unitIds = input.scope.filter((v) => !v.startsWith("area:"));
      const areaOf = (unitId: string) => areas.find((a) => a.units.some((u) => u.id === unitId))?.id;
      const mine = wholeAreas.every((id) => areas.some((a) => a.id === id)) && unitIds.every((id) => areaOf(id) !== undefined);
      const areaIds = new Set([...wholeAreas, ...unitIds.map((id) => areaOf(id) ?? "")]);
      const area = mine && areaIds.size === 1 ? areas.find((a) => areaIds.has(a.id)) : undefined;
      if (input.scope.length === 0) errors.scope = s.chooseScope;
      else if (!mine) errors.scope = s.notYourUnit;
      else if (!area) errors.scope = s.oneArea;
      const wholeArea = wholeAreas.length > 0;
      const applies = area ? (wholeArea ? area.units : area.units.filter((u) => unitIds.includes(u.id))) : [];

      const now = today();
      const fromDate = input.fromDate?.trim() || now;
      if (!isValidLocalDate(fromDate)) errors.fromDate = strings.generic.invalidDate;
      else if (compareDates(fromDate, addDays(now, 730)) > 0) errors.fromDate = strings.generic.dateTooFar;
      // Solnedgang by default: without a date of its own it is evaluated at the loop's end.
      const typed = input.evaluateOn?.trim() || undefined;
      const evaluateOn = typed ?? (isValidLocalDate(fromDate) && applies.length ? await loopEnd(applies, fromDate) : undefined);
      if (typed && !isValidLocalDate(typed)) errors.evaluateOn = strings.generic.invalidDate;
      else if (!evaluateOn) {
        if (!errors.scope && !errors.fromDate) errors.evaluateOn = s.evaluateRequired;
      } else if (isValidLocalDate(fromDate) && compareDates(evaluateOn, fromDate) <= 0) errors.evaluateOn = s.evaluateAfterFrom;
      else if (compareDates(evaluateOn, now) <= 0) errors.evaluateOn = s.evaluateFuture;
      else if (compareDates(evaluateOn, addDays(now, INITIATIVE_EVALUATION_HORIZON_DAYS)) > 0) errors.evaluateOn = s.evaluateTooFar;

      if (Object.keys(errors).length > 0) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, errors);
      const { initiative, created } = await initiatives.create(
        { id: newId(), areaId: area!.id, title, fromDate, evaluateOn, wholeArea, unitIds: wholeArea ? [] : applies.map((u) => u.id), requestId: initiativeRequestKey(actor.id, input.requestId) },
        { actorId: actor.id, at: clock.now() },
      );
      // On its evaluation date the area's chiefs get the evaluation card (forlæng or afslut); each
      // unit it weighs on is re-evaluated. A repeated submit plans both again, each kept once.
      const at = clock.now();
      let planned = initiative.evaluateOn ? await notifications.plan(expiryRows("initiative_expiry", initiative.id, initiative.evaluateOn, await people.chiefsOfArea(initiative.areaId), settings.calendar, at), at) : 0;
      for (const u of applies) planned += await congestion.checkFlag(u.id);
      return { initiative, created, effects: effectsOf([], planned) };
    },
  };
}
