import { AppError } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { strings } from "../lib/strings.da.js";
import { addDays, compareDates, isValidLocalDate, localDateOf } from "../lib/zoned-time.js";
import { assertChair } from "./access.js";
import { limits } from "./limits.js";
import { dueKey, followUpAssignedRow, followUpDueRow, referatRows } from "./notification-keys.js";
import type { MeetingService } from "./meeting-service.js";
import type { Clock, FollowUpRepository, FormChange, FormRepository, MeetingRepository, NotificationRepository } from "./ports.js";
import type { DomainSettings } from "./settings.js";
import type { AgendaItem, FormRow, Meeting, Person } from "./types.js";

const toInput = (r: FormRow): FormRowInput => ({
  decisionId: r.decisionId,
  followUpId: r.followUpId,
  agendaItemId: r.agendaItemId,
  decision: r.decision,
  followUpText: r.followUpText ?? "",
  ownerId: r.ownerId,
  dueDate: r.dueDate,
});

/** One row as submitted from the card, before validation. Ids come from the card's own data. */
export interface FormRowInput {
  /** Shown read-only on the card (to fit it): keep the stored row exactly as it is. */
  keep?: boolean;
  decisionId?: string;
  followUpId?: string;
  agendaItemId?: string;
  decision: string;
  followUpText: string;
  ownerId?: string;
  dueDate?: string;
}

export interface FormView {
  meeting: Meeting;
  agendaItems: AgendaItem[];
  rows: FormRow[];
  revisions: number;
}

export interface FormServiceDeps {
  meetings: MeetingService;
  meetingRepo: MeetingRepository;
  forms: FormRepository;
  followUpRepo: FollowUpRepository;
  notifications: NotificationRepository;
  clock: Clock;
  settings: DomainSettings;
}

export type FormService = ReturnType<typeof createFormService>;

/** The opfølgningsskema: decisions with their follow-ups, kept with a full history. */
export function createFormService(deps: FormServiceDeps) {
  const { meetings, meetingRepo, forms, followUpRepo, notifications, clock, settings } = deps;

  async function open(actor: Person, meetingId: string): Promise<FormView> {
    const meeting = await meetings.getForParticipant(actor, meetingId);
    assertChair(meeting, actor.id);
    const [agendaItems, rows, revisions] = await Promise.all([
      meetingRepo.agendaItems(meeting.id),
      forms.rows(meeting.id),
      forms.revisionCount(meeting.id),
    ]);
    return { meeting, agendaItems, rows, revisions };
  }

  function validate(view: FormView, input: FormRowInput[], today: string): { rows: FormRowInput[]; errors: Record<string, string> } {
    const errors: Record<string, string> = {};
    const itemIds = new Set(view.agendaItems.map((i) => i.id));
    const participantIds = new Set(view.meeting.participants.map((p) => p.person.id));
    const existing = new Map(view.rows.filter((r) => r.decisionId).map((r) => [r.decisionId!, r]));
    const rows: FormRowInput[] = [];
    input.forEach((raw, i) => {
      const row: FormRowInput = { ...raw, decision: raw.decision.trim(), followUpText: raw.followUpText.trim() };
      const stored = row.decisionId ? existing.get(row.decisionId) : undefined;
      // Ids the card carries must belong to this meeting's form; anything else is forged or stale.
      if (row.decisionId && !stored) throw new AppError("stale-card", strings.form.stale);
      if (row.followUpId && stored?.followUpId !== row.followUpId) throw new AppError("stale-card", strings.form.stale);
      if (row.keep) {
        if (!stored) throw new AppError("stale-card", strings.form.stale);
        rows.push({ ...toInput(stored), keep: true });
        return;
      }
      if (!row.decision && !row.followUpText) {
        rows.push(row); // an emptied row: removed if it existed, ignored if new
        return;
      }
      if (!row.decision) errors[`decision_${i}`] = strings.form.decisionRequired;
      else if (row.decision.length > limits.decisionText) errors[`decision_${i}`] = strings.generic.tooLong(limits.decisionText);
      if (row.agendaItemId && !itemIds.has(row.agendaItemId)) errors[`item_${i}`] = strings.form.unknownItem;
      if (row.followUpText) {
        if (row.followUpText.length > limits.followUpText) errors[`followup_${i}`] = strings.generic.tooLong(limits.followUpText);
        if (!row.ownerId) errors[`owner_${i}`] = strings.form.ownerRequired;
        else if (!participantIds.has(row.ownerId)) errors[`owner_${i}`] = strings.form.ownerNotParticipant;
        if (!row.dueDate) errors[`due_${i}`] = strings.form.dueRequired;
        else if (!isValidLocalDate(row.dueDate)) errors[`due_${i}`] = strings.generic.invalidDate;
        else if (row.dueDate !== stored?.dueDate && compareDates(row.dueDate, today) < 0) errors[`due_${i}`] = strings.generic.dateInPast;
        else if (compareDates(row.dueDate, addDays(today, 730)) > 0) errors[`due_${i}`] = strings.generic.dateTooFar;
      }
      rows.push(row);
    });
    const decisions = rows.filter((r) => r.decision).length;
    if (decisions > limits.decisionsPerMeeting) {
      throw new AppError("invalid-input", strings.form.tooManyDecisions(limits.decisionsPerMeeting), errors);
    }
    return { rows, errors };
  }

  function diff(view: FormView, rows: FormRowInput[]): FormChange {
    const change: FormChange = {
      createDecisions: [],
      updateDecisions: [],
      deleteDecisionIds: [],
      createFollowUps: [],
      updateFollowUps: [],
      cancelFollowUpIds: [],
    };
    const stored = new Map(view.rows.filter((r) => r.decisionId).map((r) => [r.decisionId!, r]));
    const kept = new Set<string>();
    let position = 0;
    for (const row of rows) {
      const before = row.decisionId ? stored.get(row.decisionId) : undefined;
      if (!row.decision) {
        continue; // emptied: handled below as not kept
      }
      const decisionId = before?.decisionId ?? newId();
      if (before) {
        kept.add(decisionId);
        // Always rewritten: its position may have moved even when its text did not.
        change.updateDecisions.push({ id: decisionId, agendaItemId: row.agendaItemId, position, text: row.decision });
      } else {
        change.createDecisions.push({ id: decisionId, agendaItemId: row.agendaItemId, position, text: row.decision });
      }
      position += 1;
      const fuBefore = before?.followUpId;
      if (row.keep) continue;
      if (row.followUpText) {
        const fu = { decisionId, text: row.followUpText, ownerId: row.ownerId!, dueDate: row.dueDate! };
        if (fuBefore) {
          const changes: Record<string, unknown> = {};
          if (before?.followUpText !== fu.text) changes.text = { from: before?.followUpText, to: fu.text };
          if (before?.ownerId !== fu.ownerId) changes.ownerId = { from: before?.ownerId, to: fu.ownerId };
          if (before?.dueDate !== fu.dueDate) changes.dueDate = { from: before?.dueDate, to: fu.dueDate };
          if (Object.keys(changes).length > 0) change.updateFollowUps.push({ id: fuBefore, ...fu, changes });
        } else {
          change.createFollowUps.push({ id: newId(), ...fu });
        }
      } else if (fuBefore) {
        change.cancelFollowUpIds.push(fuBefore);
      }
    }
    for (const [id, r] of stored) {
      if (!kept.has(id)) {
        change.deleteDecisionIds.push(id);
        if (r.followUpId) change.cancelFollowUpIds.push(r.followUpId);
      }
    }
    return change;
  }

  return {
    open,

    /** What the referat shows: for the meeting's participants only. */
    async referat(actor: Person, meetingId: string) {
      const meeting = await meetings.getForParticipant(actor, meetingId);
      const [agendaItems, rows, followUps] = await Promise.all([
        meetingRepo.agendaItems(meeting.id),
        forms.rows(meeting.id),
        followUpRepo.listByMeeting(meeting.id),
      ]);
      return { meeting, agendaItems, rows, followUps };
    },

    /**
     * Saves the form as submitted (optionally closing the meeting). `version` is the meeting
     * version the card was rendered from; if someone saved in between, nothing is written and
     * the person is shown the current form.
     */
    async save(actor: Person, meetingId: string, version: number, input: FormRowInput[], close: boolean): Promise<{ view: FormView; revision: number; closedNow: boolean }> {
      const view = await open(actor, meetingId);
      if (view.meeting.version !== version) throw new AppError("stale-card", strings.form.stale);
      const now = clock.now();
      const today = localDateOf(now, settings.timezone);
      const { rows, errors } = validate(view, input, today);
      if (Object.keys(errors).length > 0) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, errors);
      const change = diff(view, rows);
      const revision = await forms.apply(meetingId, version, change, actor.id, now);
      if (revision === undefined) throw new AppError("stale-card", strings.form.stale);

      // Plan what the change means for people: new owners are told, due reminders follow the date.
      const calendar = settings.calendar;
      const planned = [
        ...change.createFollowUps.flatMap((f) => [followUpAssignedRow(f, actor.id, calendar, now), followUpDueRow(f, calendar, now)]),
        ...change.updateFollowUps.flatMap((f) => [
          ...(f.changes.ownerId ? [followUpAssignedRow(f, actor.id, calendar, now)] : []),
          followUpDueRow(f, calendar, now),
        ]),
      ];
      for (const f of change.updateFollowUps) {
        await notifications.cancelPending(f.id, { kinds: ["followup_due"], exceptKeys: [dueKey(f)] });
      }
      for (const id of change.cancelFollowUpIds) await notifications.cancelPending(id);
      let closedNow = false;
      if (close && view.meeting.status === "planned") {
        const carried = await meetingRepo.carriedFollowUps(view.meeting);
        closedNow = await meetingRepo.close(
          meetingId,
          now,
          carried.map((c) => ({ id: newId(), title: c.followUp.text, followUpId: c.followUp.id })),
        );
        if (closedNow) {
          await notifications.cancelPending(meetingId, { kinds: ["meeting_pack"] });
          planned.push(...referatRows(view.meeting, actor.id, calendar, now));
        }
      }
      await notifications.plan(planned);
      return { view: await open(actor, meetingId), revision, closedNow };
    },
  };
}
