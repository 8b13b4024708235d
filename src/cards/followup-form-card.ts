import type { CardText } from "../lib/markup.js";
import { kindLabel } from "./meeting-labels.js";
import { strings } from "../lib/strings.da.js";
import { formatDateShort, formatDateTime } from "../lib/format-da.js";
import { limits } from "../domain/limits.js";
import { fitToBudget } from "./budget.js";
import type { FormRowInput, FormView } from "../domain/form-service.js";
import type { FormRow } from "../domain/types.js";
import type { IntentionLoad } from "../domain/congestion-service.js";
import { fieldError, shorten, type CardFeedback } from "./feedback.js";
import { meetingWhen } from "./meeting-labels.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface FollowUpFormRowData {
  heading: string;
  editable: boolean;
  readOnlyText: string;
  statusText: string;
  itemInput: string;
  itemValue: string;
  itemError: string;
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
  intro: string;
  rows: FollowUpFormRowData[];
  itemLabel: string;
  itemChoices: { title: string; value: string }[];
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
  saveButton: string;
  closeButton: string;
  meetingId: string;
  version: number;
  rowRefs: { decisionId: string; followUpId: string; keep: boolean; shown: { ownerId: string; dueDate: string } }[];
}

/** Input ids of row `i`; the handler reads the submitted values back with the same names. */
export const formInputIds = (i: number) => ({
  item: `item_${i}`,
  decision: `decision_${i}`,
  followUp: `followup_${i}`,
  owner: `owner_${i}`,
  due: `due_${i}`,
  evaluate: `eval_${i}`,
});

/** The indstilling input of an agenda item. */
export const recommendationInputId = (agendaItemId: string): string => `rec_${agendaItemId}`;

/** Blank rows offered after the filled ones, so a chief never has to ask for more room. */
export const BLANK_ROWS = 2;

export interface FollowUpFormCardInput {
  view: FormView;
  tz: string;
  /** Rows as typed, kept when a save is refused; otherwise the stored rows are shown. */
  typed?: FormRowInput[];
  feedback?: CardFeedback;
  savedAt?: Date;
  revision?: number;
  /** Indstillinger as typed, by agenda item id, kept when a save is refused. */
  typedRecommendations?: Record<string, string>;
  /** The unit's load after the save: over the ceiling, the card says so. */
  load?: IntentionLoad;
}

const isBlank = (r: FormRowInput): boolean => !r.decisionId && !r.decision.trim() && !r.followUpText.trim();


/**
 * `locked` is how many of the stored rows (oldest first) are shown read-only, which the budget
 * raises only when an all-editable card would not fit in Teams.
 */
export function followUpFormCardData({ view, tz, typed, feedback, savedAt, revision, typedRecommendations, load }: FollowUpFormCardInput, locked = 0): FollowUpFormCardData {
  const s = strings.form;
  const { meeting } = view;
  // Typed rows include the blank ones the card offered: drop trailing empties, or every refused
  // save would add more blank rows.
  const trimmed = typed ? [...typed] : undefined;
  while (trimmed?.length && isBlank(trimmed[trimmed.length - 1]!)) trimmed.pop();
  const source: (FormRow | FormRowInput)[] = trimmed ?? view.rows;
  const stored = new Map(view.rows.map((r) => [r.decisionId, r]));
  const filled = source.filter((r) => r.decision || r.decisionId).length;
  const blanks = Math.max(0, Math.min(BLANK_ROWS, limits.decisionsPerMeeting - filled));
  const rows: (FormRow | FormRowInput | undefined)[] = [...source, ...Array.from({ length: blanks }, () => undefined)];
  const isLocked = (r: FormRow | FormRowInput | undefined, i: number) => Boolean(r?.decisionId && stored.has(r.decisionId) && i < locked);
  const names = new Map(meeting.participants.map((p) => [p.person.id, p.person.name]));
  /** One input's three template fields: its id, its value and its error. */
  const field = <K extends string>(key: K, id: string, value: string | undefined) =>
    ({ [`${key}Input`]: id, [`${key}Value`]: value ?? "", [`${key}Error`]: fieldError(feedback, id) }) as Record<`${K}Input` | `${K}Value` | `${K}Error`, string>;
  let n = 0;
  const itemNumber = new Map(view.agendaItems.map((it) => [it.id, ++n]));
  const data: FollowUpFormCardData = {
    title: s.title(kindLabel(view.meeting)),
    subtitle: `${meeting.participants.map((p) => p.person.name).join(", ")} · ${meetingWhen(meeting, tz)}`,
    notice: feedback?.notice ?? (savedAt && revision ? s.saved(formatDateTime(savedAt, tz), revision) : ""),
    error: feedback?.error ?? "",
    closedNote: meeting.status === "closed" ? s.closedNote : "",
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
        ...field("decision", ids.decision, r?.decision),
        ...field("followUp", ids.followUp, r?.followUpText),
        ...field("owner", ids.owner, r?.ownerId),
        ...field("due", ids.due, r?.dueDate),
        ...field("eval", ids.evaluate, r?.evaluateOn),
      };
    }),
    itemLabel: s.itemLabel,
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
            value: typedRecommendations?.[it.id] ?? it.recommendation ?? "",
            error: fieldError(feedback, recommendationInputId(it.id)),
          }))
      : [],
    congestion: load?.over ? strings.congestion.cardNotice(load.count, load.ceiling) : "",
    decisionMax: limits.decisionText,
    followUpMax: limits.followUpText,
    keptNote: locked > 0 ? s.keptRows(rows.filter(isLocked).length) : "",
    historyText: view.revisions > 0 ? s.history(view.revisions) : "",
    saveButton: s.save,
    closeButton: meeting.status === "planned" ? s.saveAndClose : "",
    meetingId: meeting.id,
    version: meeting.version,
    // The stored follow-up values as shown, so a save writes only what the chief changed.
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
