import { AppError } from "../lib/errors.js";
import { strings } from "../lib/strings.da.js";
import { chairTitle } from "./access.js";
import { addDays, compareDates, isValidLocalDate, localDateOf } from "../lib/zoned-time.js";
import { formatDateShort } from "../lib/format-da.js";
import type { CongestionService } from "./congestion-service.js";
import { expiryRows } from "./notification-keys.js";
import type { Clock, FocusAreaRepository, FollowUpRepository, InitiativeRepository, MeetingRepository, NotificationRepository, PeopleRepository, UnitRepository } from "./ports.js";
import type { DomainSettings } from "./settings.js";
import type { Person } from "./types.js";
import { effectsOf, followUpChanged, type Changed, type Effects } from "./effects.js";
import { INITIATIVE_EVALUATION_HORIZON_DAYS } from "./initiative-service.js";

export type EvaluationSubject = "followup" | "focus" | "initiative";

/** What an evaluation card (solnedgangsklausul) shows about its subject. */
export interface EvaluationView {
  subject: EvaluationSubject;
  id: string;
  version: number;
  text: string;
  unitId: string;
  evaluateOn?: string;
  /** open/active, or how it was closed. */
  state: "open" | "ended" | "done";
  evaluateAtNextMeeting: boolean;
  /** True once the evaluation date is reached and the subject is still open. */
  due: boolean;
}

export type EvaluationService = ReturnType<typeof createEvaluationService>;

/**
 * Expiry dates (seed 001: udløbsdatoer, solnedgangsklausul): on its evaluation date a follow-up
 * or a focus area is reviewed, not silently kept. Its owner and the chief each get one card:
 * forlæng (a new evaluation date), afslut, or evaluér på næste møde (it is put on the agenda).
 */
export function createEvaluationService(deps: {
  followUps: FollowUpRepository;
  focusAreas: FocusAreaRepository;
  initiatives: InitiativeRepository;
  people: PeopleRepository;
  meetings: MeetingRepository;
  units: UnitRepository;
  notifications: NotificationRepository;
  congestion: CongestionService;
  clock: Clock;
  settings: DomainSettings;
}) {
  const { followUps, focusAreas, initiatives, people, meetings, units, notifications, congestion, clock, settings } = deps;
  const today = () => localDateOf(clock.now(), settings.timezone);

  /**
   * Who may decide: a follow-up's owner or chair; for a focus area the unit's chiefs and leaders;
   * for a forvaltning initiative its area's chiefs. `changed`: what a card copy shows (an initiative: none).
   */
  async function load(actor: Person, subject: EvaluationSubject, id: string): Promise<EvaluationView & { deciders: string[]; changed?: Changed; unitIds: string[] }> {
    if (subject === "followup") {
      const v = await followUps.get(id);
      if (!v) throw new AppError("not-found", strings.generic.notFound);
      const f = v.followUp;
      const deciders = [v.owner.id, v.meeting.chairId];
      if (!deciders.includes(actor.id)) {
        const unit = await units.get(v.meeting.unitId);
        throw new AppError("not-authorised", strings.evaluation.notAllowed(chairTitle(v.meeting.kind, unit?.selvejende ?? false)));
      }
      return {
        subject,
        id,
        version: f.version,
        text: f.text,
        unitId: v.meeting.unitId,
        evaluateOn: f.evaluateOn,
        state: f.status === "open" ? "open" : f.status === "done" ? "done" : "ended",
        evaluateAtNextMeeting: f.evaluateAtNextMeeting ?? false,
        due: f.status === "open" && !!f.evaluateOn && compareDates(f.evaluateOn, today()) <= 0,
        deciders,
        changed: followUpChanged(v),
        unitIds: [v.meeting.unitId],
      };
    }
    if (subject === "initiative") {
      const i = await initiatives.get(id);
      if (!i) throw new AppError("not-found", strings.generic.notFound);
      const deciders = await people.chiefsOfArea(i.areaId);
      if (!deciders.includes(actor.id)) throw new AppError("not-authorised", strings.evaluation.notAllowedInitiative);
      const unitIds = i.wholeArea ? (await units.unitsForChief(actor.id)).filter((u) => u.areaId === i.areaId).map((u) => u.id) : i.unitIds;
      return {
        subject,
        id,
        version: i.version,
        text: i.title,
        unitId: unitIds[0] ?? "",
        evaluateOn: i.evaluateOn,
        state: i.status === "active" ? "open" : "ended",
        evaluateAtNextMeeting: false,
        due: i.status === "active" && !!i.evaluateOn && compareDates(i.evaluateOn, today()) <= 0,
        deciders,
        unitIds,
      };
    }
    const a = await focusAreas.get(id);
    if (!a) throw new AppError("not-found", strings.generic.notFound);
    const roster = await units.roster(a.unitId);
    const deciders = [...(roster?.chiefIds ?? []), ...(roster?.leaderIds ?? [])];
    if (!deciders.includes(actor.id)) throw new AppError("not-authorised", strings.evaluation.notAllowedFocus);
    return {
      subject,
      id,
      version: a.version,
      text: a.title,
      unitId: a.unitId,
      evaluateOn: a.evaluateOn,
      state: a.status === "active" ? "open" : "ended",
      evaluateAtNextMeeting: a.evaluateAtNextMeeting,
      due: a.status === "active" && !!a.evaluateOn && compareDates(a.evaluateOn, today()) <= 0,
      deciders,
      changed: { subject: "focusArea", id: a.id, unitId: a.unitId, loopId: a.loopId },
      unitIds: [a.unitId],
    };
  }

  async function forChange(actor: Person, subject: EvaluationSubject, id: string, version: number) {
    const v = await load(actor, subject, id);
    if (v.version !== version) throw new AppError("stale-card", strings.generic.staleCard);
    if (v.state !== "open") throw new AppError("invalid-input", strings.evaluation.alreadyClosed);
    return v;
  }

  async function write(v: EvaluationView, actor: Person, patch: { evaluateOn?: string; end?: boolean; next?: boolean }): Promise<void> {
    const now = clock.now();
    let ok: boolean;
    if (v.subject === "followup") {
      const kind = patch.end ? "ended" : patch.next ? "evaluate_next" : "extended";
      ok = await followUps.update(
        v.id,
        v.version,
        { ...(patch.evaluateOn ? { evaluateOn: patch.evaluateOn } : {}), ...(patch.end ? { status: "cancelled" as const } : {}), ...(patch.next ? { evaluateAtNextMeeting: true } : {}) },
        { kind, actorId: actor.id, at: now, data: patch.evaluateOn ? { from: v.evaluateOn, to: patch.evaluateOn } : {} },
      );
    } else if (v.subject === "initiative") {
      if (patch.next) throw new AppError("invalid-input", strings.evaluation.noNextForInitiative);
      ok = await initiatives.update(v.id, v.version, { ...(patch.evaluateOn ? { evaluateOn: patch.evaluateOn } : {}), ...(patch.end ? { status: "ended" as const } : {}) }, { actorId: actor.id, at: now });
    } else {
      ok = await focusAreas.update(v.id, v.version, { ...(patch.evaluateOn ? { evaluateOn: patch.evaluateOn } : {}), ...(patch.end ? { status: "ended" as const } : {}), ...(patch.next ? { evaluateAtNextMeeting: true } : {}) }, { actorId: actor.id, at: now });
    }
    if (!ok) throw new AppError("stale-card", strings.generic.staleCard);
  }

  const expiryKind = (s: EvaluationSubject) => (s === "followup" ? "followup_expiry" : s === "focus" ? "focus_expiry" : "initiative_expiry");
  const changedOf = (v: { changed?: Changed }): Changed[] => (v.changed ? [v.changed] : []);

  return {
    async view(actor: Person, subject: EvaluationSubject, id: string): Promise<EvaluationView> {
      const { deciders: _d, changed: _c, unitIds: _u, ...v } = await load(actor, subject, id);
      return v;
    },

    /** Forlæng: a new evaluation date, with a new card on that day. */
    async extend(actor: Person, subject: EvaluationSubject, id: string, version: number, date: string): Promise<{ notice: string; effects: Effects }> {
      const current = await load(actor, subject, id);
      // Extended to this date already (a double click, or a repeated attempt): its card is planned, once.
      const already = current.state === "open" && current.evaluateOn === date && current.version === version + 1;
      const v = already ? current : await forChange(actor, subject, id, version);
      if (!isValidLocalDate(date)) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, { newEvaluateOn: strings.generic.invalidDate });
      if (compareDates(date, today()) <= 0) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, { newEvaluateOn: strings.evaluation.dateFuture });
      // An initiative's limit is the one it was registered with; a follow-up's and a focus area's two years.
      const [horizon, tooFar] = subject === "initiative" ? [INITIATIVE_EVALUATION_HORIZON_DAYS, strings.initiatives.evaluateTooFar] : [730, strings.generic.dateTooFar];
      if (compareDates(date, addDays(today(), horizon)) > 0) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, { newEvaluateOn: tooFar });
      if (!already) await write(v, actor, { evaluateOn: date });
      const now = clock.now();
      const rows = expiryRows(expiryKind(subject), id, date, v.deciders, settings.calendar, now);
      await notifications.cancelPending(id, { kinds: [expiryKind(subject)], exceptKeys: rows.map((r) => r.key) });
      const planned = await notifications.plan(rows, now);
      return { notice: strings.evaluation.extended(formatDateShort(date)), effects: effectsOf(changedOf(v), planned) };
    },

    /** Afslut: it ends here (a follow-up is closed as ended, not as done). */
    async end(actor: Person, subject: EvaluationSubject, id: string, version: number): Promise<{ notice: string; effects: Effects }> {
      const current = await load(actor, subject, id);
      // Ended from this card already (a double click, or a repeated attempt): what follows is done, once.
      const already = current.state === "ended" && current.version === version + 1;
      const v = already ? current : await forChange(actor, subject, id, version);
      if (!already) await write(v, actor, { end: true });
      await notifications.cancelPending(id);
      let planned = 0;
      for (const unitId of v.unitIds) planned += await congestion.checkFlag(unitId);
      return { notice: strings.evaluation.ended, effects: effectsOf(changedOf(v), planned) };
    },

    /** Evaluér på næste møde: it stands on the next agenda, marked for evaluation. */
    async evaluateNext(actor: Person, subject: EvaluationSubject, id: string, version: number): Promise<{ notice: string; effects: Effects }> {
      const v = await load(actor, subject, id);
      if (v.evaluateAtNextMeeting && v.state === "open") return { notice: strings.evaluation.onNextAgenda(""), effects: effectsOf() }; // a repeated click
      await forChange(actor, subject, id, version);
      await write(v, actor, { next: true });
      let when = "";
      if (subject === "followup") {
        const f = await followUps.get(id);
        const meeting = f ? await meetings.get(f.meeting.id) : undefined;
        const next = meeting ? await meetings.nextInSeries(meeting, clock.now()) : undefined;
        if (next) when = formatDateShort(localDateOf(next.startsAt, settings.timezone));
      }
      return { notice: strings.evaluation.onNextAgenda(when), effects: effectsOf(changedOf(v)) };
    },
  };
}
