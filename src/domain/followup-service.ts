import { AppError } from "../lib/errors.js";
import { strings } from "../lib/strings.da.js";
import { chairTitle } from "./access.js";
import { addDays, compareDates, isValidLocalDate, localDateOf } from "../lib/zoned-time.js";
import { formatDateShort } from "../lib/format-da.js";
import { expiryRows, FOLLOWUP_REMINDER_KINDS, followUpAssignedRow, followUpReminderRows, orphanedRows } from "./notification-keys.js";
import type { Clock, FollowUpRepository, MeetingRepository, NotificationRepository, PeopleRepository, UnitRepository } from "./ports.js";
import { isOneToOne, mayOwnFollowUp, rosterIds } from "./followup-owners.js";
import type { DomainSettings } from "./settings.js";
import type { CongestionService } from "./congestion-service.js";
import type { FollowUp, FollowUpEvent, FollowUpView, Person, Unit } from "./types.js";
import { planFollowUpReminders } from "./reminder-planning.js";
import { effectsOf, followUpChanged, noEffects, type Effects } from "./effects.js";

export interface FollowUpServiceDeps {
  followUps: FollowUpRepository;
  meetings: MeetingRepository;
  notifications: NotificationRepository;
  congestion: CongestionService;
  units: UnitRepository;
  people: PeopleRepository;
  clock: Clock;
  settings: DomainSettings;
}

/** A unit's open follow-ups whose owner has left, and for each (by its id) who may take it over. */
export interface OrphanedFollowUps {
  unit: Unit;
  items: FollowUpView[];
  candidates: Record<string, Person[]>;
}

export type FollowUpService = ReturnType<typeof createFollowUpService>;

/** The follow-up after the command, what to tell the person, and what changed. */
export type FollowUpOutcome = { view: FollowUpView; notice: string; effects: Effects };

/** Follow-ups (opfølgningspunkter): the owner or the meeting's chair acts on them. */
export function createFollowUpService(deps: FollowUpServiceDeps) {
  const { followUps, meetings, notifications, congestion, units, people, clock, settings } = deps;
  const today = () => localDateOf(clock.now(), settings.timezone);

  /** The due-date reminders for the follow-up's owner and frist; earlier ones are cancelled. Returns the rows offered. */
  async function planReminders(f: FollowUp, now: Date): Promise<number> {
    return planFollowUpReminders(notifications, f, settings, now);
  }

  /** The follow-up as shown; the person acting (read once per turn) is not read again. */
  async function load(id: string, actor?: Person): Promise<FollowUpView> {
    const view = await followUps.get(id, actor ? [actor] : undefined);
    if (!view) throw new AppError("not-found", strings.generic.notFound);
    return view;
  }

  /** The owner, the chair, or a participant of the meeting may look at a follow-up. */
  async function get(actor: Person, id: string, loaded?: FollowUpView): Promise<FollowUpView> {
    const view = loaded ?? (await load(id, actor));
    if (view.owner.id === actor.id || view.meeting.chairId === actor.id) return view;
    const meeting = await meetings.get(view.meeting.id);
    if (meeting?.participants.some((p) => p.person.id === actor.id)) return view;
    throw new AppError("not-authorised", strings.meeting.notParticipant);
  }

  async function loadForChange(actor: Person, id: string, version: number, loaded?: FollowUpView): Promise<FollowUpView> {
    const view = loaded ?? (await load(id, actor));
    if (view.owner.id !== actor.id && view.meeting.chairId !== actor.id) {
      const unit = await units.get(view.meeting.unitId);
      throw new AppError("not-authorised", strings.followUp.notOwner(chairTitle(view.meeting.kind, unit?.selvejende ?? false)));
    }
    if (view.followUp.version !== version) throw new AppError("stale-card", strings.generic.staleCard);
    return view;
  }

  /**
   * Whether the follow-up's last change is this very one, made by this person from this card (the
   * card's version, one step on): a repeated attempt of a click whose first answer was lost, or a
   * double click. It is done; the answer says so instead of calling the card stale.
   */
  async function justMade(actor: Person, view: FollowUpView, version: number, kind: FollowUpEvent["kind"], same: (data: Record<string, unknown>) => boolean = () => true): Promise<boolean> {
    if (view.followUp.version !== version + 1) return false;
    const last = (await followUps.history(view.followUp.id)).at(-1);
    return last?.kind === kind && last.actorId === actor.id && same(last.data);
  }

  async function commit(view: FollowUpView, patch: Parameters<FollowUpRepository["update"]>[2], event: Parameters<FollowUpRepository["update"]>[3], also?: Parameters<FollowUpRepository["update"]>[4]) {
    const ok = await followUps.update(view.followUp.id, view.followUp.version, patch, event, also);
    if (!ok) throw new AppError("stale-card", strings.generic.staleCard);
  }

  return {
    get: (actor: Person, id: string) => get(actor, id),

    async listMine(actor: Person, limit = 20) {
      return followUps.listOpenByOwner(actor.id, limit, [actor]);
    },

    async markDone(actor: Person, id: string, version: number): Promise<FollowUpOutcome> {
      const current = await load(id, actor);
      // A double click arrives with the old version: already done is an answer, not an error.
      if (current.followUp.status === "done") return { view: await get(actor, id, current), notice: strings.followUp.alreadyDone, effects: noEffects };
      const view = await loadForChange(actor, id, version, current);
      if (view.followUp.status !== "open") throw new AppError("invalid-input", strings.followUp.notOpen);
      const now = clock.now();
      // Its reminders end with it, in the same transaction.
      await commit(view, { status: "done", doneAt: now }, { kind: "done", actorId: actor.id, at: now, data: {} }, { cancelPending: { kinds: [...FOLLOWUP_REMINDER_KINDS, "followup_expiry"] } });
      const planned = await congestion.checkFlagAfterDone(view.meeting);
      // The write was version-checked: the row is what was read plus this change (no second read).
      return {
        view: { ...view, followUp: { ...view.followUp, status: "done", doneAt: now, version: view.followUp.version + 1 } },
        notice: strings.followUp.markedDone,
        effects: effectsOf([followUpChanged(view)], planned),
      };
    },

    async reopen(actor: Person, id: string, version: number): Promise<FollowUpOutcome> {
      const current = await load(id, actor);
      if (current.followUp.status === "open" && (await justMade(actor, current, version, "reopened"))) {
        const planned = await planReminders(current.followUp, clock.now()); // in case the first attempt stopped before it
        return { view: await get(actor, id, current), notice: strings.followUp.reopened, effects: effectsOf([followUpChanged(current)], planned) };
      }
      const view = await loadForChange(actor, id, version, current);
      if (view.followUp.status !== "done") throw new AppError("invalid-input", strings.followUp.notDone);
      const now = clock.now();
      await commit(view, { status: "open" }, { kind: "reopened", actorId: actor.id, at: now, data: {} });
      const after = await load(id, actor);
      const planned = (await planReminders(after.followUp, now)) + (await congestion.checkFlag(view.meeting.unitId));
      return { view: after, notice: strings.followUp.reopened, effects: effectsOf([followUpChanged(after)], planned) };
    },

    async postpone(actor: Person, id: string, version: number, newDate: string): Promise<FollowUpOutcome> {
      const current = await load(id, actor);
      if (current.followUp.dueDate === newDate && (await justMade(actor, current, version, "postponed", (d) => d.to === newDate))) {
        const planned = await planReminders(current.followUp, clock.now()); // in case the first attempt stopped before it
        return { view: await get(actor, id, current), notice: strings.followUp.postponed(formatDateShort(newDate)), effects: effectsOf([followUpChanged(current)], planned) };
      }
      const view = await loadForChange(actor, id, version, current);
      if (view.followUp.status !== "open") throw new AppError("invalid-input", strings.followUp.notOpen);
      if (!isValidLocalDate(newDate)) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, { newDueDate: strings.generic.invalidDate });
      if (compareDates(newDate, today()) < 0 || compareDates(newDate, view.followUp.dueDate) <= 0) {
        throw new AppError("invalid-input", strings.generic.cardErrorsHeading, { newDueDate: strings.followUp.postponeMustBeLater });
      }
      if (compareDates(newDate, addDays(today(), 730)) > 0) {
        throw new AppError("invalid-input", strings.generic.cardErrorsHeading, { newDueDate: strings.generic.dateTooFar });
      }
      const now = clock.now();
      await commit(view, { dueDate: newDate }, { kind: "postponed", actorId: actor.id, at: now, data: { from: view.followUp.dueDate, to: newDate } });
      const after = await load(id, actor);
      const planned = await planReminders(after.followUp, now);
      return { view: after, notice: strings.followUp.postponed(formatDateShort(newDate)), effects: effectsOf([followUpChanged(after)], planned) };
    },

    /** The chief's list: per unit, open follow-ups whose owner has left, and who can take them. */
    async orphaned(actor: Person): Promise<OrphanedFollowUps[]> {
      const mine = await units.unitsForChief(actor.id);
      if (mine.length === 0) throw new AppError("not-authorised", strings.reassign.notChief);
      const items = await followUps.listOpenOfInactiveOwners(mine.map((u) => u.id));
      const out: OrphanedFollowUps[] = [];
      for (const unit of mine) {
        const own = items.filter((i) => i.meeting.unitId === unit.id);
        if (own.length === 0) continue;
        const roster = await units.roster(unit.id);
        const everyone = (await Promise.all((roster ? rosterIds(roster) : []).map((id) => people.byId(id)))).filter((p): p is Person => !!p?.active);
        const candidates: Record<string, Person[]> = {};
        for (const item of own) {
          const meeting = await meetings.get(item.meeting.id);
          const present = (meeting?.participants ?? []).map((p) => p.person).filter((p) => p.active && !everyone.some((e) => e.id === p.id));
          // Only who may own it: from a 1:1, the other participant or whoever took over the role of the one who left.
          candidates[item.followUp.id] = meeting ? [...everyone, ...present].filter((p) => mayOwnFollowUp(meeting, p.id, roster)) : [];
        }
        out.push({ unit, items: own, candidates });
      }
      return out;
    },

    /**
     * Gives an open follow-up to someone else in the unit (the chief, e.g. when its owner has
     * left, or the meeting's chair). The new owner is told; reminders follow the new owner.
     */
    async reassign(actor: Person, id: string, version: number, newOwnerId: string): Promise<FollowUpOutcome> {
      const view = await load(id, actor);
      const unitId = view.meeting.unitId;
      if (view.meeting.chairId !== actor.id && !(await people.isChiefOfUnit(actor.id, unitId))) throw new AppError("not-authorised", strings.reassign.notAllowed);
      // The same choice again (a double click) is already done.
      if (view.followUp.ownerId === newOwnerId && view.followUp.status === "open") return { view, notice: strings.reassign.done(view.owner.name), effects: noEffects };
      if (view.followUp.version !== version) throw new AppError("stale-card", strings.generic.staleCard);
      if (view.followUp.status !== "open") throw new AppError("invalid-input", strings.followUp.notOpen);
      const [roster, meeting] = await Promise.all([units.roster(unitId), meetings.get(view.meeting.id)]);
      const newOwner = newOwnerId ? await people.byId(newOwnerId) : undefined;
      const inUnit = !!newOwner && !!roster && rosterIds(roster).includes(newOwner.id);
      if (!newOwner?.active || !meeting || !mayOwnFollowUp(meeting, newOwner.id, roster)) {
        // What is agreed in a 1:1 stays with its two people: say so, rather than «choose someone from the unit».
        const text = inUnit && newOwner?.active && meeting && isOneToOne(meeting.kind) ? strings.reassign.oneToOnePrivate : strings.reassign.chooseOwner;
        throw new AppError("invalid-input", strings.generic.cardErrorsHeading, { [`owner_${id}`]: text });
      }
      const now = clock.now();
      await commit(view, { ownerId: newOwner.id }, { kind: "reassigned", actorId: actor.id, at: now, data: { from: view.followUp.ownerId, to: newOwner.id } });
      const after = await load(id, actor);
      const f = after.followUp;
      const rows = [followUpAssignedRow(f, actor.id, settings.calendar, now)];
      if (f.evaluateOn) rows.push(...expiryRows("followup_expiry", f.id, f.evaluateOn, [f.ownerId, view.meeting.chairId], settings.calendar, now));
      await notifications.cancelPending(id, { kinds: ["followup_assigned", "followup_expiry"], exceptKeys: rows.map((r) => r.key) });
      await notifications.plan(rows, now);
      const planned = rows.length + (await planReminders(f, now));
      return { view: after, notice: strings.reassign.done(newOwner.name), effects: effectsOf([followUpChanged(after, view.followUp.ownerId)], planned) };
    },

    /**
     * After the organisation file is applied: each chief with follow-ups whose owner has left gets
     * one card listing them, once for each new set (a restart with the same file sends nothing).
     */
    async planOrphanedNotices(): Promise<number> {
      const items = await followUps.listOpenOfInactiveOwners();
      const byChief = new Map<string, string[]>();
      for (const unitId of new Set(items.map((i) => i.meeting.unitId))) {
        const ids = items.filter((i) => i.meeting.unitId === unitId).map((i) => i.followUp.id);
        for (const chiefId of (await units.roster(unitId))?.chiefIds ?? []) byChief.set(chiefId, [...(byChief.get(chiefId) ?? []), ...ids]);
      }
      const now = clock.now();
      const rows = [...byChief].map(([chiefId, ids]) => orphanedRows(chiefId, ids, settings.calendar, now));
      await notifications.plan(rows, now);
      return rows.length;
    },

    /**
     * At start: every open follow-up has the reminders for its owner and frist (after an upgrade
     * that added kinds). Rows already there, sent or not, are left as they are.
     */
    async replanReminders(): Promise<number> {
      const now = clock.now();
      const open = await followUps.listOpen();
      await notifications.plan(open.flatMap((f) => followUpReminderRows(f, settings.followUpDueSoonDays, settings.calendar, now)), now);
      return open.length;
    },

    /** Any participant may comment. The card's version guards against a double click storing it twice. */
    async comment(actor: Person, id: string, version: number, text: string): Promise<FollowUpOutcome> {
      const view = await get(actor, id);
      const clean = text.trim();
      if (view.followUp.version !== version) {
        if (clean && (await justMade(actor, view, version, "commented", (d) => d.text === clean))) return { view, notice: strings.followUp.commented, effects: effectsOf([followUpChanged(view)]) };
        throw new AppError("stale-card", strings.generic.staleCard);
      }
      if (!clean) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, { comment: strings.followUp.commentRequired });
      if (clean.length > settings.maxTextLength) {
        throw new AppError("invalid-input", strings.generic.cardErrorsHeading, { comment: strings.generic.tooLong(clean.length, settings.maxTextLength) });
      }
      const ok = await followUps.addComment(view.followUp.id, version, { kind: "commented", actorId: actor.id, at: clock.now(), data: { text: clean } });
      if (!ok) throw new AppError("stale-card", strings.generic.staleCard);
      const full = clean.length === settings.maxTextLength ? ` ${strings.generic.atLimit(settings.maxTextLength)}` : "";
      const after = await load(id, actor);
      return { view: after, notice: `${strings.followUp.commented}${full}`, effects: effectsOf([followUpChanged(after)]) };
    },
  };
}
