import { isMarkup, joinMarkup, type CardText } from "../lib/markup.js";
import { kindLabel } from "./meeting-labels.js";
import { strings } from "../lib/strings.da.js";
import { formatDateShort, formatDateTime, formatTime } from "../lib/format-da.js";
import { limits } from "../domain/limits.js";
import { fitToBudget } from "./budget.js";
import { mergeRecommendations, type FormRowInput, type FormSaveSummary, type FormView } from "../domain/form-service.js";
import { shortHash } from "../lib/short-hash.js";
import type { FormRow } from "../domain/types.js";
import type { IntentionLoad } from "../domain/congestion-service.js";
import { fieldError, shorten, type CardFeedback } from "./feedback.js";
import { meetingWhen, participantNames } from "./meeting-labels.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface FollowUpFormRowData {
  heading: string;
  editable: boolean;
  readOnlyText: string;
  statusText: string;
  itemInput: string;
  itemValue: string;
  itemError: string;
  focusInput: string;
  focusValue: string;
  focusError: string;
  decisionInput: string;
  decisionValue: string;
  decisionError: string;
  followUpInput: string;
  followUpValue: string;
  followUpError: string;
  ownerInput: string;
  ownerValue: string;
  ownerError: string;
  dueInput: string;
  dueValue: string;
  dueError: string;
  evalInput: string;
  evalValue: string;
  evalError: string;
}

export interface FollowUpFormCardData {
  title: string;
  subtitle: string;
  notice: CardText;
  error: CardText;
  closedNote: string;
  /** The reopened state is said where it cannot be missed. */
  reopenedNote: string;
  intro: string;
  rows: FollowUpFormRowData[];
  itemLabel: string;
  itemChoices: { title: string; value: string }[];
  /** A læringssamtale with active focus areas: which one a decision is about (the loop's summary groups by it). */
  focusOffered: boolean;
  focusLabel: string;
  focusChoices: { title: string; value: string }[];
  decisionLabel: string;
  decisionPlaceholder: string;
  followUpLabel: string;
  followUpPlaceholder: string;
  ownerLabel: string;
  ownerPlaceholder: string;
  ownerChoices: { title: string; value: string }[];
  dueLabel: string;
  evalLabel: string;
  datePlaceholder: string;
  recommendationsHeading: string;
  recommendationsIntro: string;
  recommendationPlaceholder: string;
  recommendations: { input: string; label: string; value: string; error: string }[];
  congestion: string;
  decisionMax: number;
  followUpMax: number;
  keptNote: string;
  historyText: string;
  /** The answer to the last click again, beside the buttons (a long form's top is out of sight). */
  footerNotice: CardText;
  footerError: CardText;
  saveButton: string;
  /** «Gem og afslut mødet»: opens the confirmation (an Action.ShowCard), empty when it cannot close. */
  closeButton: string;
  /** Said in the confirmation: before the meeting has begun, and when the referat would be empty. */
  closeBeforeStart: string;
  closeEmpty: string;
  closeHeading: string;
  closeConsequences: { text: string }[];
  closeSubmit: string;
  /** «Genåbn mødet» with its confirmation, for the chair of a closed meeting while it may be reopened. */
  reopenButton: string;
  reopenConfirm: string;
  reopenBeforeStart: string;
  reopenSubmit: string;
  meetingId: string;
  version: number;
  /** How many times the meeting had been closed when the card was rendered. */
  referatVersion: number;
  rowRefs: { decisionId: string; followUpId: string; keep: boolean; shown: { ownerId: string; dueDate: string } }[];
  /** JSON: per agenda item, the short hash of the stored indstilling the card shows (see mergeRecommendations). */
  recShown: string;
}

/** Input ids of row `i`; the handler reads the submitted values back with the same names. */
export const formInputIds = (i: number) => ({
  item: `item_${i}`,
  focus: `focus_${i}`,
  decision: `decision_${i}`,
  followUp: `followup_${i}`,
  owner: `owner_${i}`,
  due: `due_${i}`,
  evaluate: `eval_${i}`,
});

/** The indstilling input of an agenda item. */
export const recommendationInputId = (agendaItemId: string): string => `rec_${agendaItemId}`;

/**
 * One empty row for a new decision after the filled ones, always exactly one (issue 18, point 8:
 * each save added another); saving with it filled offers the next.
 */
export const BLANK_ROWS = 1;

export interface FollowUpFormCardInput {
  view: FormView;
  tz: string;
  /** Now: whether the meeting has begun (the confirmation to close says so). */
  now: Date;
  /** Rows as typed, kept when a save is refused; otherwise the stored rows are shown. */
  typed?: FormRowInput[];
  feedback?: CardFeedback;
  /** The save this card answers: when, the revision it made, and what it wrote. */
  saved?: { at: Date; revision: number; summary: FormSaveSummary };
  /** Indstillinger as typed, by agenda item id, kept when a save is refused. */
  typedRecommendations?: Record<string, string>;
  /** What the refused card had shown (hashes): a typed text equal to it shows the stored one. */
  shownRecommendations?: Record<string, string>;
  /** The unit's load after the save: over the ceiling, the card says so. */
  load?: IntentionLoad;
}

const isBlank = (r: FormRowInput): boolean => !r.decisionId && !r.decision.trim() && !r.followUpText.trim();

/** What a save wrote, in a sentence: «Gemt kl. 10.42: 2 nye beslutninger, 1 nyt opfølgningspunkt (version 3).» */
export function savedText(saved: { at: Date; revision: number; summary: FormSaveSummary }, tz: string): string {
  const s = strings.form;
  const { summary } = saved;
  const parts = (Object.keys(s.savedParts) as (keyof typeof s.savedParts)[]).filter((k) => summary[k] > 0).map((k) => s.savedParts[k](summary[k]));
  if (parts.length > 0) return s.saved(formatTime(saved.at, tz), parts, saved.revision);
  return summary.empty ? s.nothingEmpty : s.nothingNew(saved.revision);
}

/** Two notices as one (either may carry our emphasis). */
const both = (a: CardText, b: CardText): CardText => {
  const parts = [a, b].filter((t) => t !== "");
  return parts.some(isMarkup) ? joinMarkup(parts, " ") : parts.join(" ");
};

/** Who gets the referat, from the chair's side: «Megan Bowen og dig». */
export const referatRecipients = (view: Pick<FormView, "meeting">): string =>
  strings.closing.recipients(view.meeting.participants.filter((p) => p.person.id !== view.meeting.chairId).map((p) => p.person.name));


/**
 * `locked` is how many of the stored rows (oldest first) are shown read-only, which the budget
 * raises only when an all-editable card would not fit in Teams.
 */
export function followUpFormCardData({ view, tz, now, typed, feedback, saved, typedRecommendations, shownRecommendations, load }: FollowUpFormCardInput, locked = 0): FollowUpFormCardData {
  const kept = typedRecommendations ? mergeRecommendations(typedRecommendations, shownRecommendations, view.agendaItems) : undefined;
  const s = strings.form;
  const c = strings.closing;
  const { meeting, closing } = view;
  const open = meeting.status === "planned";
  // Typed rows include the blank one the card offered: new rows left empty are dropped, or every
  // refused save would add another empty row.
  const trimmed = typed?.filter((r) => !isBlank(r));
  // A closed meeting's form is read-only; what was typed into an older copy stays editable in the
  // card (not saved) until the chair reopens the meeting or lets it go.
  const editable = open || trimmed !== undefined;
  const source: (FormRow | FormRowInput)[] = trimmed ?? view.rows;
  const stored = new Map(view.rows.map((r) => [r.decisionId, r]));
  const filled = source.filter((r) => r.decision || r.decisionId).length;
  const blanks = open ? Math.max(0, Math.min(BLANK_ROWS, limits.decisionsPerMeeting - filled)) : 0;
  const rows: (FormRow | FormRowInput | undefined)[] = [...source, ...Array.from({ length: blanks }, () => undefined)];
  const isLocked = (r: FormRow | FormRowInput | undefined, i: number) => Boolean(r?.decisionId && stored.has(r.decisionId) && (i < locked || !editable));
  const names = new Map(meeting.participants.map((p) => [p.person.id, p.person.name]));
  /** One input's three template fields: its id, its value and its error. */
  const field = <K extends string>(key: K, id: string, value: string | undefined) =>
    ({ [`${key}Input`]: id, [`${key}Value`]: value ?? "", [`${key}Error`]: fieldError(feedback, id) }) as Record<`${K}Input` | `${K}Value` | `${K}Error`, string>;
  const notice = both(saved ? savedText(saved, tz) : "", feedback?.notice ?? "");
  let n = 0;
  const itemNumber = new Map(view.agendaItems.map((it) => [it.id, ++n]));
  const data: FollowUpFormCardData = {
    title: s.title(kindLabel(view.meeting)),
    subtitle: `${participantNames(meeting)} · ${meetingWhen(meeting, tz)}`,
    notice,
    error: feedback?.error ?? "",
    closedNote:
      meeting.status === "closed"
        ? s.closedNote(formatDateTime(meeting.closedAt ?? now, tz), closing.reopenUntil ? formatDateTime(closing.reopenUntil, tz) : undefined)
        : meeting.status === "cancelled"
          ? s.cancelledNote
          : "",
    reopenedNote: closing.reopened ? s.reopenedNote(formatDateTime(closing.reopened.at, tz), closing.reopened.by) : "",
    intro: s.intro,
    rows: rows.map((r, i) => {
      const ids = formInputIds(i);
      const st = r?.decisionId ? stored.get(r.decisionId) : undefined;
      const lockedRow = isLocked(r, i);
      const status =
        st?.followUpStatus === "done" ? strings.followUp.done : st?.followUpStatus === "open" ? strings.followUp.open : "";
      return {
        heading: s.row(i + 1),
        editable: !lockedRow,
        readOnlyText: lockedRow && st
          ? [shorten(st.decision, 160), st.followUpText ? `${s.followUpLabel}: ${shorten(st.followUpText, 120)} (${names.get(st.ownerId ?? "") ?? ""}, ${s.dueLabel.toLowerCase()} ${st.dueDate ? formatDateShort(st.dueDate) : ""})` : ""].filter(Boolean).join("\n\n")
          : "",
        statusText: status ? `${s.followUpLabel}: ${status}` : "",
        ...field("item", ids.item, r?.agendaItemId),
        ...field("focus", ids.focus, r?.focusAreaId),
        ...field("decision", ids.decision, r?.decision),
        ...field("followUp", ids.followUp, r?.followUpText),
        ...field("owner", ids.owner, r?.ownerId),
        ...field("due", ids.due, r?.dueDate),
        ...field("eval", ids.evaluate, r?.evaluateOn),
      };
    }),
    itemLabel: s.itemLabel,
    focusOffered: (view.focusAreas ?? []).length > 0,
    focusLabel: s.focusLabel,
    focusChoices: [{ title: s.focusNone, value: "" }, ...(view.focusAreas ?? []).map((a) => ({ title: a.status === "active" ? shorten(a.title, 48) : strings.weightFixes.endedFocusArea(shorten(a.title, 36)), value: a.id }))],
    itemChoices: view.agendaItems
      .filter((it) => it.kind !== "carried")
      .map((it) => ({ title: shorten(strings.agenda.item(itemNumber.get(it.id)!, it.title), 48), value: it.id })),
    decisionLabel: s.decisionLabel,
    decisionPlaceholder: s.decisionPlaceholder,
    followUpLabel: s.followUpLabel,
    followUpPlaceholder: s.followUpPlaceholder,
    ownerLabel: s.ownerLabel,
    ownerPlaceholder: s.ownerPlaceholder,
    ownerChoices: meeting.participants.map((p) => ({ title: p.person.name, value: p.person.id })),
    dueLabel: s.dueLabel,
    evalLabel: s.evalLabel,
    datePlaceholder: strings.generic.datePlaceholder,
    recommendationsHeading: view.template.form.recommendations ? s.recommendationsHeading : "",
    recommendationsIntro: s.recommendationsIntro,
    recommendationPlaceholder: s.recommendationPlaceholder,
    recommendations: view.template.form.recommendations
      ? view.agendaItems
          .filter((it) => it.kind !== "carried")
          .map((it) => ({
            input: recommendationInputId(it.id),
            label: shorten(strings.agenda.item(itemNumber.get(it.id)!, it.title), 80),
            value: kept?.[it.id] ?? it.recommendation ?? "",
            error: fieldError(feedback, recommendationInputId(it.id)),
          }))
      : [],
    congestion: load?.over ? strings.congestion.cardNotice(load) : "",
    decisionMax: limits.decisionText,
    followUpMax: limits.followUpText,
    keptNote: locked > 0 ? s.keptRows(rows.filter(isLocked).length) : "",
    historyText: view.revisions > 0 ? s.history(view.revisions) : "",
    footerNotice: notice,
    footerError: feedback?.error ?? "",
    saveButton: open ? s.save : "",
    closeButton: open ? s.saveAndClose : "",
    closeBeforeStart: now < meeting.startsAt ? c.beforeStart(formatDateTime(meeting.startsAt, tz)) : "",
    // Said from what is saved: what is typed but not saved yet is saved by the same click.
    closeEmpty: view.rows.length === 0 && !view.agendaItems.some((it) => it.recommendation) ? c.emptyWarning : "",
    closeHeading: c.consequencesHeading,
    closeConsequences: [
      c.consequenceReferat(referatRecipients(view), meeting.referatVersion > 0),
      c.consequenceCarried,
      c.consequenceNoMore,
      c.consequenceReopen(closing.reopenDays),
    ].map((text) => ({ text })),
    closeSubmit: now < meeting.startsAt ? c.confirmBeforeStart : c.confirm,
    reopenButton: closing.reopenUntil ? c.reopenButton : "",
    reopenConfirm: closing.reopenUntil ? c.reopenConfirm(formatDateTime(closing.reopenUntil, tz)) : "",
    reopenBeforeStart: now < meeting.startsAt ? c.reopenBeforeStart(formatDateTime(meeting.startsAt, tz)) : "",
    reopenSubmit: c.reopenSubmit,
    meetingId: meeting.id,
    version: meeting.version,
    referatVersion: meeting.referatVersion,
    // The stored follow-up values as shown, so a save writes only what the chief changed.
    recShown: JSON.stringify(
      view.template.form.recommendations ? Object.fromEntries(view.agendaItems.filter((it) => it.kind !== "carried").map((it) => [it.id, shortHash(it.recommendation ?? "")])) : {},
    ),
    rowRefs: rows.map((r, i) => {
      const st = r?.decisionId ? stored.get(r.decisionId) : undefined;
      return {
        decisionId: st?.decisionId ?? "",
        followUpId: st?.followUpId ?? "",
        keep: isLocked(r, i),
        shown: { ownerId: st?.ownerId ?? "", dueDate: st?.dueDate ?? "" },
      };
    }),
  };
  return data;
}

/** The form with every row editable if it fits; otherwise the oldest rows read-only until it does. */
export const buildFollowUpFormCard = (input: FollowUpFormCardInput): AdaptiveCard => {
  const storedRows = input.view.rows.length;
  return fitToBudget(storedRows, 0, (editableFromEnd) => expand("followup-form", followUpFormCardData(input, storedRows - editableFromEnd)));
};
