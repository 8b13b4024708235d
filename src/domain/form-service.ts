import { mayOwnFollowUp } from "./followup-owners.js";
import { AppError } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { strings } from "../lib/strings.da.js";
import { addDays, compareDates, isValidLocalDate, localDateOf } from "../lib/zoned-time.js";
import { assertChair, isChair } from "./access.js";
import { limits } from "./limits.js";
import type { CongestionService, IntentionLoad } from "./congestion-service.js";
import { templateOf } from "./meeting-template.js";
import { expiryRows, followUpAssignedRow, followUpReminderRows, MEETING_ROW_KINDS, referatRows } from "./notification-keys.js";
import { planFollowUpReminders } from "./reminder-planning.js";
import type { MeetingService } from "./meeting-service.js";
import type { LoopSummaryService } from "./loop-summary-service.js";
import type { BoardReportService } from "./board-report-service.js";
import type { Clock, FocusAreaRepository, FollowUpRepository, FormChange, FormRepository, MeetingRepository, NotificationRepository } from "./ports.js";
import type { DomainSettings } from "./settings.js";
import type { AgendaItem, FocusArea, FollowUpView, FormRow, Meeting, Person, ReferatVersion } from "./types.js";
import { isReopened, reopenDeadline } from "./closing.js";
import type { MeetingTemplate } from "./meeting-template.js";
import { effectsOf, meetingChanged, noEffects, type Changed, type Effects } from "./effects.js";
import { shortHash } from "../lib/short-hash.js";


/**
 * A follow-up's owner and due date as the card showed them. Its owner may postpone it while the
 * chief has the form open, so only what the chief changed is written. (The text changes only
 * through this form, which the meeting's version already guards.)
 */
export interface ShownFollowUp {
  ownerId: string;
  dueDate: string;
}

/** One row as submitted from the card, before validation. Ids come from the card's own data. */
export interface FormRowInput {
  /** Shown read-only on the card (to fit it): keep the stored row exactly as it is. */
  keep?: boolean;
  decisionId?: string;
  followUpId?: string;
  /** The follow-up's values when the card was rendered. */
  shown?: ShownFollowUp;
  agendaItemId?: string;
  /**
   * The focus area a læringssamtale's decision is about: "" none; undefined (a card without the
   * picker) keeps what is stored.
   */
  focusAreaId?: string;
  decision: string;
  followUpText: string;
  ownerId?: string;
  dueDate?: string;
  /** Optional evaluation date (solnedgangsklausul). */
  evaluateOn?: string;
}

export interface FormView {
  meeting: Meeting;
  template: MeetingTemplate;
  agendaItems: AgendaItem[];
  /**
   * A læringssamtale's: the unit's active focus areas of the loop, which a decision may be about,
   * and any ended one a stored decision names (shown and kept selected; none elsewhere).
   */
  focusAreas?: FocusArea[];
  rows: FormRow[];
  revisions: number;
  /** Where the meeting stands in closing and reopening (what the form says and offers). */
  closing: ClosingView;
}

/** A meeting's closing as the opfølgningsskema and the referat show it. */
export interface ClosingView {
  /** Its referater, oldest first (none until it is closed). */
  referater: ReferatVersion[];
  /** Reopened for corrections: when, and by whom (the latest referat is being corrected). */
  reopened?: { at: Date; by: string };
  /** Closed, and its chair may reopen it until then. */
  reopenUntil?: Date;
  /** How many days after closing a meeting may be reopened (0: not at all). */
  reopenDays: number;
}

/** What one save wrote, counted, for the card to say (point 8 of issue 18: a save says what it saved). */
export interface FormSaveSummary {
  newDecisions: number;
  changedDecisions: number;
  removedDecisions: number;
  newFollowUps: number;
  changedFollowUps: number;
  cancelledFollowUps: number;
  recommendations: number;
  /** After the save: the form has no decision and no indstilling (the referat would be empty). */
  empty: boolean;
}

/** What the referat shows: one of its versions, for one participant. */
export interface ReferatView {
  meeting: Meeting;
  /** Agenda items, with the indstillinger of the version shown. */
  agendaItems: AgendaItem[];
  rows: FormRow[];
  /** Its own follow-ups that are open (now, for the current referat; then, for an earlier one). */
  openFollowUps: number;
  /** Follow-ups from earlier meetings it followed up on, as they stand now. */
  carried: FollowUpView[];
  /** The referat shown (undefined: a meeting not closed yet, as it stands). */
  shown?: ReferatVersion & { closedBy: string };
  /** A referat from the history, not the one in force. */
  earlier: boolean;
  /** The version shown can no longer be read (its texts were erased after the retention period). */
  erased: boolean;
  closing: ClosingView;
}

export interface FormServiceDeps {
  meetings: MeetingService;
  meetingRepo: MeetingRepository;
  forms: FormRepository;
  followUpRepo: FollowUpRepository;
  focusAreas: FocusAreaRepository;
  notifications: NotificationRepository;
  congestion: CongestionService;
  /** Closing a unit's fourth læringssamtale of the loop sends its chiefs what the loop learned. */
  loopSummaries: LoopSummaryService;
  /** A selvejende dagtilbud's yearly afrapportering, planned when the year's last læringssamtale is closed. */
  boardReports: Pick<BoardReportService, "rowsAfterClosing">;
  clock: Clock;
  settings: DomainSettings;
}

export type FormService = ReturnType<typeof createFormService>;

const toInput = (r: FormRow): FormRowInput => ({
  decisionId: r.decisionId,
  followUpId: r.followUpId,
  agendaItemId: r.agendaItemId,
  focusAreaId: r.focusAreaId,
  decision: r.decision,
  followUpText: r.followUpText ?? "",
  ownerId: r.ownerId,
  dueDate: r.dueDate,
  evaluateOn: r.evaluateOn,
});

/**
 * From a card older than the form, new rows may be ones a moment ago's save already stored (a
 * double click): match them by content to stored rows the card did not know, so they are not
 * stored twice.
 */
function matchRepeatedRows(view: FormView, input: FormRowInput[]): FormRowInput[] {
  const known = new Set(input.map((r) => r.decisionId).filter(Boolean));
  const pool = view.rows.filter((r) => r.decisionId && !known.has(r.decisionId));
  const same = (a: FormRowInput, b: FormRow) =>
    a.decision.trim() === b.decision &&
    a.followUpText.trim() === (b.followUpText ?? "") &&
    (a.followUpText.trim() ? a.ownerId === b.ownerId && a.dueDate === b.dueDate : true) &&
    (a.agendaItemId ?? undefined) === (b.agendaItemId ?? undefined) &&
    (a.focusAreaId || undefined) === (b.focusAreaId ?? undefined);
  return input.map((r) => {
    if (r.decisionId || !r.decision.trim()) return r;
    const i = pool.findIndex((b) => same(r, b));
    if (i < 0) return r;
    const [b] = pool.splice(i, 1);
    return { ...r, decisionId: b!.decisionId, followUpId: b!.followUpId, shown: b!.followUpId ? { ownerId: b!.ownerId ?? "", dueDate: b!.dueDate ?? "" } : undefined };
  });
}

const isEmpty = (c: FormChange): boolean =>
  c.createDecisions.length + c.updateDecisions.length + c.deleteDecisionIds.length + c.createFollowUps.length + c.updateFollowUps.length + c.cancelFollowUpIds.length + c.recommendations.length === 0;

const emptyChange = (): FormChange => ({ createDecisions: [], updateDecisions: [], deleteDecisionIds: [], createFollowUps: [], updateFollowUps: [], cancelFollowUpIds: [], recommendations: [] });

/**
 * What a change wrote, counted; `rows`: the form after it. `repeated`: new rows of this card that
 * a moment ago's save of the same card already stored (a double click, or an attempt repeated
 * after the first was killed): for the person they are saved by this click, and said so again.
 */
function summarise(view: FormView, change: FormChange, rows: FormRow[], repeated = { decisions: 0, followUps: 0 }): FormSaveSummary {
  const before = new Map(view.rows.map((r) => [r.decisionId, r]));
  // A decision that only moved up (one above it was removed) was not changed by anyone.
  const changedDecisions = change.updateDecisions.filter((d) => {
    const b = before.get(d.id);
    return !b || b.decision !== d.text || (b.agendaItemId ?? undefined) !== (d.agendaItemId ?? undefined) || (b.focusAreaId ?? undefined) !== (d.focusAreaId ?? undefined);
  }).length;
  const recommendationsAfter = view.agendaItems.filter((it) => {
    const changed = change.recommendations.find((r) => r.agendaItemId === it.id);
    return changed ? changed.text !== "" : !!it.recommendation;
  }).length;
  return {
    newDecisions: change.createDecisions.length + repeated.decisions,
    changedDecisions,
    removedDecisions: change.deleteDecisionIds.length,
    newFollowUps: change.createFollowUps.length + repeated.followUps,
    changedFollowUps: change.updateFollowUps.length,
    cancelledFollowUps: change.cancelFollowUpIds.length,
    recommendations: change.recommendations.length,
    empty: rows.length === 0 && recommendationsAfter === 0,
  };
}

/** The longest indstilling per agenda item. */
export const RECOMMENDATION_MAX = 1000;

/**
 * The value to store for one follow-up field. The owner may have changed the stored value since
 * the card was rendered (a postponed date): a field the chief left as shown keeps the stored
 * value; a field both changed is a conflict.
 */
function merge(typed: string, shown: string | undefined, stored: string | undefined): { value: string; conflict: boolean } {
  if (shown === undefined || stored === undefined) return { value: typed, conflict: false };
  if (typed === shown) return { value: stored, conflict: false };
  return { value: typed, conflict: stored !== shown && stored !== typed };
}

/**
 * The indstillinger to save from what the skema sent: `shown` holds, per item, the short hash of
 * the text the card showed as stored. A typed text equal to what was shown keeps the stored one (a
 * draft made meanwhile on the dagsorden is not erased by a skema opened before it); a changed one
 * is what the person wrote. A card without hashes sends its texts as they are.
 */
export function mergeRecommendations(
  typed: Record<string, string>,
  shown: Record<string, string> | undefined,
  items: readonly { id: string; recommendation?: string }[],
): Record<string, string> {
  if (!shown) return typed;
  const stored = new Map(items.map((it) => [it.id, it.recommendation ?? ""]));
  return Object.fromEntries(
    Object.entries(typed).map(([itemId, text]) => {
      const now = stored.get(itemId);
      return [itemId, now !== undefined && shown[itemId] !== undefined && shortHash(text) === shown[itemId] ? now : text];
    }),
  );
}

/** Changed indstillinger, for items the template asks them for; errors go into `errors`. */
function recommendationChanges(view: FormView, input: Record<string, string>, errors: Record<string, string>): { agendaItemId: string; text: string }[] {
  if (!view.template.form.recommendations) return [];
  const out: { agendaItemId: string; text: string }[] = [];
  for (const [itemId, raw] of Object.entries(input)) {
    const item = view.agendaItems.find((it) => it.id === itemId && it.kind !== "carried");
    if (!item) throw new AppError("stale-card", strings.form.stale);
    const text = raw.trim();
    if (text.length > RECOMMENDATION_MAX) errors[`rec_${itemId}`] = strings.generic.tooLong(text.length, RECOMMENDATION_MAX);
    else if (text !== (item.recommendation ?? "")) out.push({ agendaItemId: itemId, text });
  }
  return out;
}

/** The follow-ups a change creates, edits or cancels, with their owners (before and after). */
function followUpsChanged(view: FormView, change: FormChange): Changed[] {
  const storedOwner = new Map(view.rows.flatMap((r) => (r.followUpId && r.ownerId ? [[r.followUpId, r.ownerId] as const] : [])));
  const one = (id: string, owners: (string | undefined)[]): Changed => ({
    subject: "followUp",
    id,
    meetingId: view.meeting.id,
    unitId: view.meeting.unit.id,
    ownerIds: [...new Set(owners.filter((o): o is string => !!o))],
  });
  return [
    ...change.createFollowUps.map((f) => one(f.id, [f.ownerId])),
    ...change.updateFollowUps.map((f) => one(f.id, [f.ownerId, storedOwner.get(f.id)])),
    ...change.cancelFollowUpIds.map((id) => one(id, [storedOwner.get(id)])),
  ];
}

/** The opfølgningsskema: decisions with their follow-ups, kept with a full history. */
export function createFormService(deps: FormServiceDeps) {
  const { meetings, meetingRepo, forms, followUpRepo, focusAreas, notifications, congestion, loopSummaries, clock, settings } = deps;

  /** Who closed or reopened: the chair, named as the meeting's participants name them. */
  const nameIn = (meeting: Meeting, personId: string): string => meeting.participants.find((p) => p.person.id === personId)?.person.name ?? "";

  async function closingOf(meeting: Meeting, viewer: Person): Promise<ClosingView> {
    const referater = meeting.referatVersion > 0 ? await meetingRepo.referatVersions(meeting.id) : [];
    const latest = referater.at(-1);
    const deadline = reopenDeadline(meeting, settings.meetingReopenDays, settings.timezone);
    return {
      referater,
      reopened: isReopened(meeting) && latest?.reopenedAt ? { at: latest.reopenedAt, by: nameIn(meeting, latest.reopenedById ?? "") } : undefined,
      reopenUntil: isChair(meeting, viewer.id) && deadline && clock.now() < deadline ? deadline : undefined,
      reopenDays: settings.meetingReopenDays,
    };
  }

  async function open(actor: Person, meetingId: string): Promise<FormView> {
    const meeting = await meetings.getForParticipant(actor, meetingId);
    assertChair(meeting, actor.id);
    const [agendaItems, rows, revisions, closing, areas] = await Promise.all([
      meetingRepo.agendaItems(meeting.id),
      forms.rows(meeting.id),
      forms.revisionCount(meeting.id),
      closingOf(meeting, actor),
      meeting.kind === "laeringssamtale" && meeting.loopId ? focusAreas.list(meeting.unit.id, meeting.loopId) : Promise.resolve([]),
    ]);
    const named = new Set(rows.map((r) => r.focusAreaId).filter(Boolean));
    const offered = areas.filter((a) => a.status === "active" || named.has(a.id));
    return { meeting, template: templateOf(meeting, settings.templates), agendaItems, focusAreas: offered, rows, revisions, closing };
  }

  /** Checks every row against the current form; returns the rows to store (merged) or the errors. */
  function validate(view: FormView, input: FormRowInput[], today: string): { rows: FormRowInput[]; errors: Record<string, string> } {
    const errors: Record<string, string> = {};
    const itemIds = new Set(view.agendaItems.map((i) => i.id));
    const participantIds = new Set(view.meeting.participants.map((p) => p.person.id));
    const existing = new Map(view.rows.filter((r) => r.decisionId).map((r) => [r.decisionId!, r]));
    const rows: FormRowInput[] = [];
    input.forEach((raw, i) => {
      const stored = raw.decisionId ? existing.get(raw.decisionId) : undefined;
      // Ids the card carries must belong to this meeting's form; anything else is forged or stale.
      if (raw.decisionId && !stored) throw new AppError("stale-card", strings.form.stale);
      if (raw.followUpId && stored?.followUpId !== raw.followUpId) throw new AppError("stale-card", strings.form.stale);
      if (raw.keep) {
        rows.push({ ...toInput(stored!), keep: true });
        return;
      }
      const row: FormRowInput = { ...raw, decision: raw.decision.trim(), followUpText: raw.followUpText.trim() };
      row.focusAreaId = raw.focusAreaId === undefined ? stored?.focusAreaId : raw.focusAreaId || undefined;
      if (stored?.followUpId && row.followUpText) {
        const owner = merge(row.ownerId ?? "", raw.shown?.ownerId, stored.ownerId);
        const due = merge(row.dueDate ?? "", raw.shown?.dueDate, stored.dueDate);
        if (owner.conflict || due.conflict) throw new AppError("stale-card", strings.form.stale);
        Object.assign(row, { ownerId: owner.value || undefined, dueDate: due.value || undefined });
      }
      if (!row.decision && !row.followUpText) {
        rows.push(row); // an emptied row: removed if it existed, ignored if new
        return;
      }
      if (!row.decision) errors[`decision_${i}`] = strings.form.decisionRequired;
      else if (row.decision.length > limits.decisionText) errors[`decision_${i}`] = strings.generic.tooLong(row.decision.length, limits.decisionText);
      if (row.agendaItemId && !itemIds.has(row.agendaItemId)) errors[`item_${i}`] = strings.form.unknownItem;
      // A focus area the decision is about: one of the unit's active ones (or the one it had, since ended).
      if (row.focusAreaId && row.focusAreaId !== stored?.focusAreaId && !(view.focusAreas ?? []).some((a) => a.id === row.focusAreaId && a.status === "active")) errors[`focus_${i}`] = strings.form.unknownFocusArea;
      if (row.followUpText) {
        if (row.followUpText.length > limits.followUpText) errors[`followup_${i}`] = strings.generic.tooLong(row.followUpText.length, limits.followUpText);
        if (!row.ownerId) errors[`owner_${i}`] = strings.form.ownerRequired;
        // The form offers the meeting's participants; the rule is the one «giv videre» follows too.
        else if (!participantIds.has(row.ownerId) || !mayOwnFollowUp(view.meeting, row.ownerId, undefined)) errors[`owner_${i}`] = strings.form.ownerNotParticipant;
        if (!row.dueDate) errors[`due_${i}`] = strings.form.dueRequired;
        else if (!isValidLocalDate(row.dueDate)) errors[`due_${i}`] = strings.generic.invalidDate;
        // A date already stored may lie in the past by now; only a new date must be from today on.
        else if (row.dueDate !== stored?.dueDate && compareDates(row.dueDate, today) < 0) errors[`due_${i}`] = strings.generic.dateInPast;
        else if (compareDates(row.dueDate, addDays(today, 730)) > 0) errors[`due_${i}`] = strings.generic.dateTooFar;
        row.evaluateOn = row.evaluateOn?.trim() || undefined;
        if (row.evaluateOn) {
          if (!isValidLocalDate(row.evaluateOn)) errors[`eval_${i}`] = strings.generic.invalidDate;
          else if (row.evaluateOn !== stored?.evaluateOn && compareDates(row.evaluateOn, today) <= 0) errors[`eval_${i}`] = strings.evaluation.dateFuture;
          else if (compareDates(row.evaluateOn, addDays(today, 730)) > 0) errors[`eval_${i}`] = strings.generic.dateTooFar;
        }
      }
      rows.push(row);
    });
    if (rows.filter((r) => r.decision).length > limits.decisionsPerMeeting) {
      throw new AppError("invalid-input", strings.form.tooManyDecisions(limits.decisionsPerMeeting), errors);
    }
    return { rows, errors };
  }

  /** What must be written to turn the stored form into `rows`: only real changes. */
  function diff(view: FormView, rows: FormRowInput[]): FormChange {
    const change: FormChange = { createDecisions: [], updateDecisions: [], deleteDecisionIds: [], createFollowUps: [], updateFollowUps: [], cancelFollowUpIds: [], recommendations: [] };
    const stored = new Map(view.rows.filter((r) => r.decisionId).map((r, i) => [r.decisionId!, { row: r, position: i }]));
    const kept = new Set<string>();
    let position = 0;
    for (const row of rows) {
      if (!row.decision) continue; // emptied: handled below as not kept
      const before = row.decisionId ? stored.get(row.decisionId) : undefined;
      const decisionId = before?.row.decisionId ?? newId();
      const decision = { id: decisionId, agendaItemId: row.agendaItemId, focusAreaId: row.focusAreaId, position, text: row.decision };
      if (before) {
        kept.add(decisionId);
        const b = before.row;
        if (b.decision !== row.decision || b.agendaItemId !== row.agendaItemId || (b.focusAreaId ?? undefined) !== (row.focusAreaId ?? undefined) || before.position !== position) change.updateDecisions.push(decision);
      } else change.createDecisions.push(decision);
      position += 1;
      const fuBefore = before?.row.followUpId;
      if (row.keep) continue;
      if (row.followUpText) {
        const fu = { decisionId, text: row.followUpText, ownerId: row.ownerId!, dueDate: row.dueDate!, evaluateOn: row.evaluateOn };
        if (fuBefore) {
          const b = before!.row;
          const changes: Record<string, unknown> = {};
          if (b.followUpText !== fu.text) changes.text = { from: b.followUpText, to: fu.text };
          if (b.ownerId !== fu.ownerId) changes.ownerId = { from: b.ownerId, to: fu.ownerId };
          if (b.dueDate !== fu.dueDate) changes.dueDate = { from: b.dueDate, to: fu.dueDate };
          if ((b.evaluateOn ?? undefined) !== fu.evaluateOn) changes.evaluateOn = { from: b.evaluateOn ?? null, to: fu.evaluateOn ?? null };
          if (Object.keys(changes).length > 0) change.updateFollowUps.push({ id: fuBefore, expectedVersion: b.followUpVersion ?? 0, ...fu, changes });
        } else change.createFollowUps.push({ id: newId(), ...fu });
      } else if (fuBefore) change.cancelFollowUpIds.push(fuBefore);
    }
    for (const [id, { row }] of stored) {
      if (kept.has(id)) continue;
      change.deleteDecisionIds.push(id);
      if (row.followUpId) change.cancelFollowUpIds.push(row.followUpId);
    }
    return change;
  }

  return {
    open,

    /**
     * The referat, for the meeting's participants only: the one in force (closed: as it stands;
     * reopened: as it was sent, until the corrected one is), or `version` from its history.
     */
    async referat(actor: Person, meetingId: string, version?: number): Promise<ReferatView> {
      const meeting = await meetings.getForParticipant(actor, meetingId);
      const [agendaItems, closing, carried] = await Promise.all([
        meetingRepo.agendaItems(meeting.id),
        closingOf(meeting, actor),
        meeting.carriedFrozen ? meetingRepo.frozenCarried(meeting.id) : meetingRepo.carriedFollowUps(meeting),
      ]);
      const latest = closing.referater.at(-1);
      const wanted = version === undefined ? latest : closing.referater.find((r) => r.version === version);
      if (version !== undefined && !wanted) throw new AppError("not-found", strings.generic.notFound);
      const base = { meeting, carried, closing, shown: wanted ? { ...wanted, closedBy: nameIn(meeting, wanted.closedById) } : undefined };
      // The referat in force on a closed meeting is the form as it stands (an owner's new frist shows).
      if (!wanted || (meeting.status === "closed" && wanted === latest)) {
        const [rows, followUps] = await Promise.all([forms.rows(meeting.id), followUpRepo.listByMeeting(meeting.id)]);
        return { ...base, agendaItems, rows, openFollowUps: followUps.filter((f) => f.status === "open").length, earlier: false, erased: false };
      }
      // A referat as it was sent: the form at the revision it showed (a correction under way is not shown).
      const form = await forms.at(meeting.id, wanted.formRevision);
      const items = agendaItems.map((it) => ({ ...it, recommendation: form?.recommendations[it.id] || undefined }));
      const rows = form?.rows ?? [];
      return {
        ...base,
        agendaItems: items,
        rows,
        openFollowUps: rows.filter((r) => r.followUpId && r.followUpStatus === "open").length,
        earlier: wanted !== latest,
        erased: !form,
      };
    },

    /**
     * Saves the form as submitted, and with `close` closes the meeting: its referat goes to the
     * participants (a corrected one when it was reopened). `close.after` is how many times the
     * meeting had been closed when the card was rendered: a card from before a reopening does not
     * close it again. `version` is the meeting version the card was rendered from. From an older
     * card, a save that changes nothing (a double click) is simply done; one that would change
     * something is refused and the person is shown the current form: nothing is overwritten
     * silently. A closed meeting's form changes only after the chair reopens it.
     */
    async save(
      actor: Person,
      meetingId: string,
      version: number,
      input: FormRowInput[],
      close: boolean | { after: number },
      recommendations: Record<string, string> = {},
      recommendationsShown?: Record<string, string>,
    ): Promise<{ view: FormView; revision: number; summary: FormSaveSummary; closedNow: boolean; referatVersion: number; load?: IntentionLoad; effects: Effects }> {
      const view = await open(actor, meetingId);
      const now = clock.now();
      const today = localDateOf(now, settings.timezone);
      const stale = view.meeting.version !== version;
      const open_ = view.meeting.status === "planned";
      const submitted = stale ? matchRepeatedRows(view, input) : input;
      const checked = (() => {
        try {
          const { rows, errors } = validate(view, submitted, today);
          const recs = recommendationChanges(view, mergeRecommendations(recommendations, recommendationsShown, view.agendaItems), errors);
          return { rows, recs, errors };
        } catch (err) {
          // A closed meeting says it is closed, whatever a stale card sent.
          if (open_ || !(err instanceof AppError)) throw err;
          return { rows: [], recs: [], errors: { form: "stale" } as Record<string, string> };
        }
      })();
      if (!open_) {
        // Closed (or cancelled): nothing is written. A save or close repeated from a card that
        // changes nothing is answered as done (and plans what its first attempt may not have).
        const unchanged = Object.keys(checked.errors).length === 0 && isEmpty({ ...diff(view, checked.rows), recommendations: checked.recs });
        if (!unchanged) throw new AppError("meeting-closed", view.meeting.status === "cancelled" ? strings.form.cancelledNoSave : strings.form.closedNoSave);
      } else if (Object.keys(checked.errors).length > 0) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, checked.errors);
      const change = open_ ? { ...diff(view, checked.rows), recommendations: checked.recs } : emptyChange();
      if (stale && !isEmpty(change)) throw new AppError("stale-card", strings.form.stale);
      // A card from before the meeting was last closed (and reopened since) does not close it again.
      if (open_ && typeof close === "object" && close.after !== view.meeting.referatVersion) throw new AppError("stale-card", strings.form.stale);

      let revision = view.revisions;
      const planned = [];
      let replanned = 0;
      /** Follow-ups a repeated save found already stored (their cards may not have been refreshed yet). */
      const repeated: Changed[] = [];
      const calendar = settings.calendar;
      if (isEmpty(change) && stale) {
        // A save repeated from the same card (a double click, or a repeated attempt whose first one
        // stopped after storing its rows): what those rows meant for people is planned again.
        // Planned keys are kept once, so nothing reaches anyone twice.
        for (const [i, r] of submitted.entries()) {
          const stored = !input[i]!.decisionId && r.followUpId ? view.rows.find((row) => row.followUpId === r.followUpId) : undefined;
          if (!stored?.ownerId || !stored.dueDate || stored.followUpStatus !== "open") continue;
          const f = { id: r.followUpId!, ownerId: stored.ownerId, dueDate: stored.dueDate };
          planned.push(followUpAssignedRow(f, actor.id, calendar, now));
          planned.push(...followUpReminderRows(f, settings.followUpDueSoonDays, calendar, now).filter((row) => row.dueAt > now));
          if (stored.evaluateOn) planned.push(...expiryRows("followup_expiry", f.id, stored.evaluateOn, [f.ownerId, view.meeting.chairId], calendar, now));
          repeated.push({ subject: "followUp", id: f.id, meetingId: view.meeting.id, unitId: view.meeting.unit.id, ownerIds: [f.ownerId] });
        }
      }
      if (!isEmpty(change)) {
        const applied = await forms.apply(meetingId, version, change, actor.id, now);
        if (applied === undefined) throw new AppError("stale-card", strings.form.stale);
        revision = applied;
        // What the change means for people: new owners are told, due reminders follow the date.
        for (const f of change.createFollowUps) {
          planned.push(followUpAssignedRow(f, actor.id, calendar, now));
          // A reminder that would go at once says what the assignment card already says.
          planned.push(...followUpReminderRows(f, settings.followUpDueSoonDays, calendar, now).filter((r) => r.dueAt > now));
        }
        for (const f of change.updateFollowUps) {
          if (f.changes.ownerId) planned.push(followUpAssignedRow(f, actor.id, calendar, now));
          replanned += await planFollowUpReminders(notifications, f, settings, now);
        }
        for (const id of change.cancelFollowUpIds) await notifications.cancelPending(id);
        // Evaluation dates: one card to the owner and one to the chair on the day.
        for (const f of [...change.createFollowUps, ...change.updateFollowUps]) {
          const rows = f.evaluateOn ? expiryRows("followup_expiry", f.id, f.evaluateOn, [f.ownerId, view.meeting.chairId], calendar, now) : [];
          planned.push(...rows);
          if ("expectedVersion" in f) await notifications.cancelPending(f.id, { kinds: ["followup_expiry"], exceptKeys: rows.map((r) => r.key) });
        }
      }
      let referatVersion = view.meeting.referatVersion;
      let closedNow = false;
      if (close && open_) {
        // What it followed up on is frozen at the first closing, and stays through a reopening.
        const carried = view.meeting.carriedFrozen ? [] : await meetingRepo.carriedFollowUps(view.meeting);
        const closed = await meetingRepo.close(meetingId, { after: view.meeting.referatVersion, carried: carried.map((c) => ({ id: newId(), title: c.followUp.text, followUpId: c.followUp.id })) }, { actorId: actor.id, at: now });
        if (closed !== undefined) {
          closedNow = true;
          referatVersion = closed;
        }
      }
      // Closed now, or closed already (a repeated «Gem og afslut», perhaps of an attempt that stopped
      // right after closing): the pack stops and its latest referat goes, each once.
      if (close && (closedNow || view.meeting.status === "closed")) {
        await notifications.cancelPending(meetingId, { kinds: [...MEETING_ROW_KINDS] });
        planned.push(...referatRows(view.meeting, actor.id, calendar, now, referatVersion));
        planned.push(...(await loopSummaries.rowsAfterClosing(view.meeting, now)));
        planned.push(...(await deps.boardReports.rowsAfterClosing(view.meeting, now)));
      }
      const added = await notifications.plan(planned, now);
      const congested = change.createFollowUps.length + change.cancelFollowUpIds.length > 0 ? await congestion.check(view.meeting.unit.id, actor.id) : { load: await congestion.load(view.meeting.unit.id, actor.id), planned: 0 };
      const effects =
        isEmpty(change) && !closedNow && repeated.length === 0 && added === 0
          ? noEffects
          : effectsOf([meetingChanged(view.meeting), ...followUpsChanged(view, change), ...repeated], added + replanned + congested.planned);
      const after = await open(actor, meetingId);
      const alreadySaved = stale ? submitted.filter((r, i) => !r.keep && r.decisionId && !input[i]!.decisionId) : [];
      const summary = summarise(view, change, after.rows, { decisions: alreadySaved.length, followUps: alreadySaved.filter((r) => r.followUpId).length });
      return { view: after, revision, summary, closedNow, referatVersion, load: congested.load, effects };
    },
  };
}
