import { AppError } from "../lib/errors.js";
import { strings } from "../lib/strings.da.js";
import { addDays, compareDates, isValidLocalDate, localDateOf } from "../lib/zoned-time.js";
import { formatDateShort } from "../lib/format-da.js";
import { dueKey, followUpDueRow } from "./notification-keys.js";
import type { Clock, FollowUpRepository, MeetingRepository, NotificationRepository } from "./ports.js";
import type { DomainSettings } from "./settings.js";
import type { CongestionService } from "./congestion-service.js";
import type { FollowUpView, Person } from "./types.js";

export interface FollowUpServiceDeps {
  followUps: FollowUpRepository;
  meetings: MeetingRepository;
  notifications: NotificationRepository;
  congestion: CongestionService;
  clock: Clock;
  settings: DomainSettings;
}

export type FollowUpService = ReturnType<typeof createFollowUpService>;

export type FollowUpOutcome = { view: FollowUpView; notice: string };

/** Follow-ups (opfølgningspunkter): the owner or the meeting's chair acts on them. */
export function createFollowUpService(deps: FollowUpServiceDeps) {
  const { followUps, meetings, notifications, congestion, clock, settings } = deps;
  const today = () => localDateOf(clock.now(), settings.timezone);

  async function load(id: string): Promise<FollowUpView> {
    const view = await followUps.get(id);
    if (!view) throw new AppError("not-found", strings.generic.notFound);
    return view;
  }

  /** The owner, the chair, or a participant of the meeting may look at a follow-up. */
  async function get(actor: Person, id: string): Promise<FollowUpView> {
    const view = await load(id);
    if (view.owner.id === actor.id || view.meeting.chairId === actor.id) return view;
    const meeting = await meetings.get(view.meeting.id);
    if (meeting?.participants.some((p) => p.person.id === actor.id)) return view;
    throw new AppError("not-authorised", strings.meeting.notParticipant);
  }

  async function loadForChange(actor: Person, id: string, version: number): Promise<FollowUpView> {
    const view = await load(id);
    if (view.owner.id !== actor.id && view.meeting.chairId !== actor.id) {
      throw new AppError("not-authorised", strings.followUp.notOwner);
    }
    if (view.followUp.version !== version) throw new AppError("stale-card", strings.generic.staleCard);
    return view;
  }

  async function commit(view: FollowUpView, patch: Parameters<FollowUpRepository["update"]>[2], event: Parameters<FollowUpRepository["update"]>[3]) {
    const ok = await followUps.update(view.followUp.id, view.followUp.version, patch, event);
    if (!ok) throw new AppError("stale-card", strings.generic.staleCard);
  }

  return {
    get,

    async listMine(actor: Person, limit = 20) {
      return followUps.listOpenByOwner(actor.id, limit);
    },

    async markDone(actor: Person, id: string, version: number): Promise<FollowUpOutcome> {
      const current = await load(id);
      // A double click arrives with the old version: already done is an answer, not an error.
      if (current.followUp.status === "done") return { view: await get(actor, id), notice: strings.followUp.alreadyDone };
      const view = await loadForChange(actor, id, version);
      if (view.followUp.status !== "open") throw new AppError("invalid-input", strings.followUp.notOpen);
      const now = clock.now();
      await commit(view, { status: "done", doneAt: now }, { kind: "done", actorId: actor.id, at: now, data: {} });
      await notifications.cancelPending(id, { kinds: ["followup_due", "followup_expiry"] });
      await congestion.check(view.meeting.unitId);
      return { view: await load(id), notice: strings.followUp.markedDone };
    },

    async reopen(actor: Person, id: string, version: number): Promise<FollowUpOutcome> {
      const view = await loadForChange(actor, id, version);
      if (view.followUp.status !== "done") throw new AppError("invalid-input", strings.followUp.notDone);
      const now = clock.now();
      await commit(view, { status: "open" }, { kind: "reopened", actorId: actor.id, at: now, data: {} });
      const after = await load(id);
      await notifications.plan([followUpDueRow(after.followUp, settings.calendar, now)], now);
      await congestion.check(view.meeting.unitId);
      return { view: after, notice: strings.followUp.reopened };
    },

    async postpone(actor: Person, id: string, version: number, newDate: string): Promise<FollowUpOutcome> {
      const view = await loadForChange(actor, id, version);
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
      const after = await load(id);
      await notifications.cancelPending(id, { kinds: ["followup_due"], exceptKeys: [dueKey(after.followUp)] });
      await notifications.plan([followUpDueRow(after.followUp, settings.calendar, now)], now);
      return { view: after, notice: strings.followUp.postponed(formatDateShort(newDate)) };
    },

    /** Any participant may comment. The card's version guards against a double click storing it twice. */
    async comment(actor: Person, id: string, version: number, text: string): Promise<FollowUpOutcome> {
      const view = await get(actor, id);
      if (view.followUp.version !== version) throw new AppError("stale-card", strings.generic.staleCard);
      const clean = text.trim();
      if (!clean) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, { comment: strings.followUp.commentRequired });
      if (clean.length > settings.maxTextLength) {
        throw new AppError("invalid-input", strings.generic.cardErrorsHeading, { comment: strings.generic.tooLong(settings.maxTextLength) });
      }
      const ok = await followUps.addComment(view.followUp.id, version, { kind: "commented", actorId: actor.id, at: clock.now(), data: { text: clean } });
      if (!ok) throw new AppError("stale-card", strings.generic.staleCard);
      return { view: await load(id), notice: strings.followUp.commented };
    },
  };
}
