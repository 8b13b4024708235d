import { strings } from "../lib/strings.da.js";
import { formatDateTime } from "../lib/format-da.js";
import type { FormRowInput, FormView } from "../domain/form-service.js";
import type { FormRow } from "../domain/types.js";
import { fieldError, type CardFeedback } from "./feedback.js";
import { meetingWhen } from "./meeting-labels.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface FollowUpFormRowData {
  heading: string;
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
}

export interface FollowUpFormCardData {
  title: string;
  subtitle: string;
  notice: string;
  error: string;
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
  maxLength: number;
  historyText: string;
  saveButton: string;
  closeButton: string;
  meetingId: string;
  version: number;
  rowRefs: { decisionId: string; followUpId: string }[];
}

/** Input ids of row `i`; the handler reads the submitted values back with the same names. */
export const formInputIds = (i: number) => ({
  item: `item_${i}`,
  decision: `decision_${i}`,
  followUp: `followup_${i}`,
  owner: `owner_${i}`,
  due: `due_${i}`,
});

/** Blank rows offered after the filled ones, so a chief never has to ask for more room. */
export const BLANK_ROWS = 2;

export interface FollowUpFormCardInput {
  view: FormView;
  tz: string;
  maxLength: number;
  /** Rows as typed, kept when a save is refused; otherwise the stored rows are shown. */
  typed?: FormRowInput[];
  feedback?: CardFeedback;
  savedAt?: Date;
  revision?: number;
}

export function followUpFormCardData({ view, tz, maxLength, typed, feedback, savedAt, revision }: FollowUpFormCardInput): FollowUpFormCardData {
  const s = strings.form;
  const { meeting } = view;
  const source: (FormRow | FormRowInput)[] = typed ?? view.rows;
  const stored = new Map(view.rows.map((r) => [r.decisionId, r]));
  const rows: (FormRow | FormRowInput | undefined)[] = [...source, ...Array.from({ length: BLANK_ROWS }, () => undefined)];
  let n = 0;
  const itemNumber = new Map(view.agendaItems.map((it) => [it.id, ++n]));
  const data: FollowUpFormCardData = {
    title: s.title,
    subtitle: `${meeting.participants.map((p) => p.person.name).join(", ")} · ${meetingWhen(meeting, tz)}`,
    notice: feedback?.notice ?? (savedAt && revision ? s.saved(formatDateTime(savedAt, tz), revision) : ""),
    error: feedback?.error ?? "",
    closedNote: meeting.status === "closed" ? s.closedNote : "",
    intro: s.intro,
    rows: rows.map((r, i) => {
      const ids = formInputIds(i);
      const st = r?.decisionId ? stored.get(r.decisionId) : undefined;
      const status =
        st?.followUpStatus === "done" ? strings.followUp.done : st?.followUpStatus === "open" ? strings.followUp.open : "";
      return {
        heading: s.row(i + 1),
        statusText: status ? `${s.followUpLabel}: ${status}` : "",
        itemInput: ids.item,
        itemValue: r?.agendaItemId ?? "",
        itemError: fieldError(feedback, ids.item),
        decisionInput: ids.decision,
        decisionValue: r?.decision ?? "",
        decisionError: fieldError(feedback, ids.decision),
        followUpInput: ids.followUp,
        followUpValue: r?.followUpText ?? "",
        followUpError: fieldError(feedback, ids.followUp),
        ownerInput: ids.owner,
        ownerValue: r?.ownerId ?? "",
        ownerError: fieldError(feedback, ids.owner),
        dueInput: ids.due,
        dueValue: r?.dueDate ?? "",
        dueError: fieldError(feedback, ids.due),
      };
    }),
    itemLabel: s.itemLabel,
    itemChoices: view.agendaItems
      .filter((it) => it.kind !== "carried")
      .map((it) => ({ title: strings.agenda.item(itemNumber.get(it.id)!, it.title), value: it.id })),
    decisionLabel: s.decisionLabel,
    decisionPlaceholder: s.decisionPlaceholder,
    followUpLabel: s.followUpLabel,
    followUpPlaceholder: s.followUpPlaceholder,
    ownerLabel: s.ownerLabel,
    ownerPlaceholder: s.ownerPlaceholder,
    ownerChoices: meeting.participants.map((p) => ({ title: p.person.name, value: p.person.id })),
    dueLabel: s.dueLabel,
    maxLength,
    historyText: view.revisions > 0 ? s.history(view.revisions) : "",
    saveButton: s.save,
    closeButton: meeting.status === "planned" ? s.saveAndClose : "",
    meetingId: meeting.id,
    version: meeting.version,
    rowRefs: rows.map((r) => ({ decisionId: r?.decisionId ?? "", followUpId: r?.followUpId ?? "" })),
  };
  return data;
}

export const buildFollowUpFormCard = (input: FollowUpFormCardInput): AdaptiveCard => expand("followup-form", followUpFormCardData(input));
