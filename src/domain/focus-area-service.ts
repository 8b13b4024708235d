import { AppError } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { strings } from "../lib/strings.da.js";
import { addDays, compareDates, isValidLocalDate, localDateOf } from "../lib/zoned-time.js";
import { isChair } from "./access.js";
import type { CongestionService, IntentionLoad } from "./congestion-service.js";
import type { MeetingService } from "./meeting-service.js";
import { expiryRows } from "./notification-keys.js";
import type { Clock, FocusAreaChange, FocusAreaRepository, LoopRepository, NotificationRepository, UnitRepository } from "./ports.js";
import type { DomainSettings } from "./settings.js";
import type { FocusArea, FocusAreaProposal, Loop, Meeting, Person, ProposedFocusArea } from "./types.js";
import { effectsOf, type Effects } from "./effects.js";

/** At most this many active focus areas per unit: a few chosen well beat many chosen loosely. */
export const MAX_FOCUS_AREAS = 4;
export const FOCUS_TITLE_MAX = 200;

/**
 * Solnedgang by default (seed 001; issue point 13): a focus area is evaluated at the loop's end
 * (its last day) unless the chair chooses another date; none once that day is past.
 */
export function defaultEvaluateOn(loop: Pick<Loop, "endDate">, today: string): string | undefined {
  const last = addDays(loop.endDate, -1);
  return compareDates(last, today) > 0 ? last : undefined;
}

export interface FocusAreaRowInput {
  id?: string;
  version?: number;
  themeId?: string;
  title: string;
  evaluateOn?: string;
  end?: boolean;
  /** A new row the chair's card prefilled from the leader's proposal. */
  proposed?: boolean;
}

export interface FocusAreaView {
  meeting: Meeting;
  loop: Loop;
  areas: FocusArea[];
  /** The chair adjusts and approves. */
  editable: boolean;
  /** The unit's leader may (still) propose: before the chair has approved any focus area of the loop. */
  proposing: boolean;
  /** The leader's proposal for the loop, if any. */
  proposal?: FocusAreaProposal;
  load?: IntentionLoad;
}

export type FocusAreaService = ReturnType<typeof createFocusAreaService>;

/**
 * The unit's local focus areas within the loop's themes: chosen at the loop's first
 * læringssamtale (by its chair, on a card), shown on every later agenda, adjusted there.
 */
export function createFocusAreaService(deps: {
  meetings: MeetingService;
  focusAreas: FocusAreaRepository;
  loops: LoopRepository;
  units: UnitRepository;
  notifications: NotificationRepository;
  congestion: CongestionService;
  clock: Clock;
  settings: DomainSettings;
}) {
  const { meetings, focusAreas, loops, units, notifications, congestion, clock, settings } = deps;

  async function loopOf(meeting: Meeting): Promise<Loop> {
    const loop = meeting.loopId ? await loops.get(meeting.loopId) : undefined;
    if (meeting.kind !== "laeringssamtale" || !loop) throw new AppError("not-found", strings.focus.onlyLaeringssamtale);
    return loop;
  }

  async function view(actor: Person, meetingId: string): Promise<FocusAreaView> {
    const meeting = await meetings.getForParticipant(actor, meetingId);
    const loop = await loopOf(meeting);
    const [areas, proposal, roster] = await Promise.all([focusAreas.list(meeting.unit.id, loop.id), focusAreas.proposal(meeting.unit.id, loop.id), units.roster(meeting.unit.id)]);
    const chair = isChair(meeting, actor.id);
    // The leader proposes until the chair has approved: once the loop has focus areas, the meeting decides.
    const proposing =
      !chair && !!roster?.leaderIds.includes(actor.id) && meeting.status === "planned" && proposal?.status !== "approved" && !areas.some((a) => a.status === "active");
    return { meeting, loop, areas, proposal, editable: chair && meeting.status !== "cancelled", proposing, load: await congestion.load(meeting.unit.id, actor.id) };
  }

  /** Validates rows as the card sends them (theme, title, evaluation date, at most MAX); field errors in `errors`. */
  function checkNew(loop: Loop, raw: FocusAreaRowInput, i: number, today: string, errors: Record<string, string>): ProposedFocusArea {
    const themes = new Set(loop.themes.filter((t) => t.active).map((t) => t.id));
    const title = raw.title.trim().replace(/\s+/g, " ");
    if (!raw.themeId || !themes.has(raw.themeId)) errors[`theme_${i}`] = strings.focus.chooseTheme;
    if (!title) errors[`title_${i}`] = strings.focus.titleRequired;
    else if (title.length > FOCUS_TITLE_MAX) errors[`title_${i}`] = strings.generic.tooLong(title.length, FOCUS_TITLE_MAX);
    const evaluateOn = raw.evaluateOn?.trim() || defaultEvaluateOn(loop, today);
    if (evaluateOn) {
      if (!isValidLocalDate(evaluateOn)) errors[`eval_${i}`] = strings.generic.invalidDate;
      else if (compareDates(evaluateOn, today) <= 0) errors[`eval_${i}`] = strings.focus.evaluateFuture;
    }
    return { themeId: raw.themeId ?? "", title, ...(evaluateOn ? { evaluateOn } : {}) };
  }

  return {
    view,

    /** The unit's active focus areas in a loop (for agendas and reflection guides). */
    async active(unitId: string, loopId: string | undefined): Promise<FocusArea[]> {
      return loopId ? focusAreas.list(unitId, loopId, { activeOnly: true }) : [];
    },

    /**
     * The unit's leader proposes the focus areas before the loop's first læringssamtale (seed 002:
     * «udvalgt med afsæt i de lokale lederes egne anbefalinger»); she may change the proposal until
     * the chair approves it. `version` is the proposal's version the card showed (0: none).
     */
    async propose(actor: Person, meetingId: string, rows: FocusAreaRowInput[], version: number): Promise<{ view: FocusAreaView; effects: Effects }> {
      const current = await view(actor, meetingId);
      const s = strings.proposals.focus;
      if (!current.proposing) {
        if (isChair(current.meeting, actor.id) || !(await units.roster(current.meeting.unit.id))?.leaderIds.includes(actor.id)) throw new AppError("not-authorised", s.notLeader);
        if (current.meeting.status !== "planned") throw new AppError("meeting-closed", s.meetingOver);
        throw new AppError("stale-card", s.alreadyApproved);
      }
      const today = localDateOf(clock.now(), settings.timezone);
      const errors: Record<string, string> = {};
      const proposed: ProposedFocusArea[] = [];
      rows.forEach((raw, i) => {
        if (!raw.title.trim() && !raw.themeId) return; // an empty row
        proposed.push(checkNew(current.loop, raw, i, today, errors));
      });
      if (proposed.length > MAX_FOCUS_AREAS) throw new AppError("invalid-input", strings.focus.tooMany(MAX_FOCUS_AREAS), errors);
      if (Object.keys(errors).length > 0) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, errors);
      if (proposed.length === 0) throw new AppError("invalid-input", s.empty);
      const same = (a: ProposedFocusArea[], b: ProposedFocusArea[]) => JSON.stringify(a) === JSON.stringify(b);
      const stored = current.proposal;
      // The same proposal again (a double click, an older card with the same rows) changes nothing.
      if (stored && same(stored.rows, proposed)) return { view: current, effects: effectsOf([]) };
      if ((stored?.version ?? 0) !== version) throw new AppError("stale-card", s.stale);
      const saved = await focusAreas.saveProposal({ unitId: current.meeting.unit.id, loopId: current.loop.id, meetingId: current.meeting.id, rows: proposed }, version, { actorId: actor.id, at: clock.now() });
      if (!saved) throw new AppError("stale-card", s.stale);
      // The chair is told, once per version of the proposal; an older version's card not sent yet goes.
      const now = clock.now();
      const chairId = current.meeting.chairId;
      const key = `focus_proposal:${saved.id}:${saved.version}:${chairId}`;
      await notifications.cancelPending(current.meeting.id, { kinds: ["focus_proposal"], exceptKeys: [key] });
      const added = await notifications.plan([{ key, kind: "focus_proposal", personId: chairId, subjectId: current.meeting.id, dueAt: settings.calendar.nextWindowStart(now) }], now);
      return { view: await view(actor, meetingId), effects: effectsOf([{ subject: "focusArea", id: saved.id, unitId: saved.unitId, loopId: saved.loopId }], added) };
    },

    /**
     * The chair's save: adjusts the focus areas, and approves the leader's proposal when the card
     * showed one (`proposal`: its version; the rows that came from it are marked `proposed`).
     */
    async save(actor: Person, meetingId: string, rows: FocusAreaRowInput[], proposalVersion?: number): Promise<{ view: FocusAreaView; effects: Effects }> {
      const current = await view(actor, meetingId);
      if (!isChair(current.meeting, actor.id)) throw new AppError("not-authorised", strings.focus.onlyChair);
      // A proposal waiting for approval is approved from a card that showed it as it is now.
      const pending = current.proposal?.status === "pending" ? current.proposal : undefined;
      if (pending && proposalVersion !== pending.version) throw new AppError("stale-card", strings.proposals.focus.stale);
      const today = localDateOf(clock.now(), settings.timezone);
      const themes = new Set(current.loop.themes.filter((t) => t.active).map((t) => t.id));
      const stored = new Map(current.areas.filter((a) => a.status === "active").map((a) => [a.id, a]));
      const errors: Record<string, string> = {};
      const change: FocusAreaChange = { create: [], update: [], end: [] };
      let position = 0;
      const referenced = new Set(rows.map((r) => r.id).filter(Boolean));
      const repeated: FocusArea[] = [];
      rows.forEach((raw, i) => {
        const before = raw.id ? stored.get(raw.id) : undefined;
        if (raw.id && !before) throw new AppError("stale-card", strings.focus.stale);
        if (before && raw.version !== before.version) throw new AppError("stale-card", strings.focus.stale);
        const title = raw.title.trim().replace(/\s+/g, " ");
        if (before && (raw.end || !title)) {
          change.end.push({ id: before.id, expectedVersion: before.version });
          return;
        }
        if (!before && !title && !raw.themeId) return; // an empty new row
        // The same new focus area from an older card (a double click) is the one already stored.
        const same = before ? undefined : [...stored.values()].find((a) => !referenced.has(a.id) && a.themeId === raw.themeId && a.title.toLowerCase() === title.toLowerCase());
        if (same) {
          repeated.push(same);
          return;
        }
        if (!raw.themeId || !themes.has(raw.themeId)) errors[`theme_${i}`] = strings.focus.chooseTheme;
        if (!title) errors[`title_${i}`] = strings.focus.titleRequired;
        else if (title.length > FOCUS_TITLE_MAX) errors[`title_${i}`] = strings.generic.tooLong(title.length, FOCUS_TITLE_MAX);
        // Without a date of its own it is evaluated at the loop's end (an area stored before
        // that default, without a date, keeps none until one is chosen).
        const evaluateOn = raw.evaluateOn?.trim() || (before && !before.evaluateOn ? undefined : defaultEvaluateOn(current.loop, today));
        if (evaluateOn) {
          if (!isValidLocalDate(evaluateOn)) errors[`eval_${i}`] = strings.generic.invalidDate;
          else if (evaluateOn !== before?.evaluateOn && compareDates(evaluateOn, today) <= 0) errors[`eval_${i}`] = strings.focus.evaluateFuture;
        }
        position += 1;
        const row = { themeId: raw.themeId ?? "", title, evaluateOn, position };
        if (!before) change.create.push({ id: newId(), ...row, approvedById: actor.id, ...(raw.proposed && pending ? { proposedById: pending.proposedById } : {}) });
        else if (before.title !== title || before.themeId !== row.themeId || before.evaluateOn !== evaluateOn || before.position !== position) {
          change.update.push({ id: before.id, expectedVersion: before.version, ...row });
        }
      });
      // A card that showed the proposal while it waited, after it was approved: only the same
      // areas again (a double click) are accepted; anything else would be a new area, unseen.
      const approvedMeanwhile = !pending && (proposalVersion ?? 0) > 0 && current.proposal?.status === "approved";
      if (approvedMeanwhile && change.create.length + change.update.length + change.end.length > 0) throw new AppError("stale-card", strings.proposalFixes.approvedMeanwhile);
      if (position > MAX_FOCUS_AREAS) throw new AppError("invalid-input", strings.focus.tooMany(MAX_FOCUS_AREAS), errors);
      if (Object.keys(errors).length > 0) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, errors);
      const now = clock.now();
      // Evaluation dates: the chief and the unit leader get one card on the day.
      const roster = await units.roster(current.meeting.unit.id);
      const who = [current.meeting.chairId, ...(roster?.leaderIds.slice(0, 1) ?? [])];
      if (pending) change.approve = { id: pending.id, expectedVersion: pending.version };
      if (change.create.length + change.update.length + change.end.length === 0 && !change.approve) {
        // A repeated save (a double click, or a repeated attempt whose first one stopped after storing
        // them): the cards of the areas it made are planned again, each kept once.
        const again = repeated.flatMap((a) => (a.evaluateOn ? expiryRows("focus_expiry", a.id, a.evaluateOn, who, settings.calendar, now) : []));
        const added = await notifications.plan(again, now);
        const where = { unitId: current.meeting.unit.id, loopId: current.loop.id };
        return { view: current, effects: effectsOf(repeated.map((a) => ({ subject: "focusArea" as const, id: a.id, ...where })), added) };
      }
      if (!(await focusAreas.apply(current.meeting.unit.id, current.loop.id, current.meeting.id, change, { actorId: actor.id, at: now }))) throw new AppError("stale-card", strings.focus.stale);
      const planned = [...change.create, ...change.update].flatMap((r) =>
        r.evaluateOn ? expiryRows("focus_expiry", r.id, r.evaluateOn, who, settings.calendar, now) : [],
      );
      await notifications.plan(planned, now);
      // Approved: the chair's card about the proposal, if not sent yet, has nothing to ask.
      if (change.approve) await notifications.cancelPending(current.meeting.id, { kinds: ["focus_proposal"] });
      for (const u of change.update) await notifications.cancelPending(u.id, { kinds: ["focus_expiry"], exceptKeys: planned.map((p) => p.key) });
      for (const e of change.end) await notifications.cancelPending(e.id, { kinds: ["focus_expiry"] });
      const flagged = await congestion.checkFlag(current.meeting.unit.id);
      const where = { unitId: current.meeting.unit.id, loopId: current.loop.id };
      const changed = [...change.create, ...change.update, ...change.end].map((a) => ({ subject: "focusArea" as const, id: a.id, ...where }));
      return { view: await view(actor, meetingId), effects: effectsOf(changed, planned.length + flagged) };
    },
  };
}
