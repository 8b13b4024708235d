import { strings } from "../lib/strings.da.js";
import { formatDateShort } from "../lib/format-da.js";
import { addDays, localDateOf } from "../lib/zoned-time.js";
import type { FocusArea, ProposedFocusArea } from "../domain/types.js";
import { defaultEvaluateOn, MAX_FOCUS_AREAS, type FocusAreaRowInput, type FocusAreaView } from "../domain/focus-area-service.js";
import { fitLevels } from "./budget.js";
import { fieldError, shorten, type CardFeedback } from "./feedback.js";
import { kindLabel, meetingWhen } from "./meeting-labels.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface FocusAreasCardInput {
  view: FocusAreaView;
  tz: string;
  today: string;
  typed?: FocusAreaRowInput[];
  feedback?: CardFeedback;
}

/** The ids and versions of the rows a card showed, carried back in its data (as JSON). */
export interface FocusRowRef {
  id?: string;
  version?: number;
  /** A new row prefilled from the leader's proposal (on the chair's card). */
  proposed?: boolean;
}

/** Input names of row i. */
export const focusInputs = (i: number) => ({ theme: `theme_${i}`, title: `title_${i}`, evaluate: `eval_${i}`, end: `end_${i}` });

/** How much of the long lists a card can show: theme titles cut to `chars`, at most `ended` ended areas. */
interface FocusFit {
  chars: number;
  ended: number;
}
const FOCUS_FITS: readonly FocusFit[] = [
  { chars: Infinity, ended: Infinity },
  { chars: 150, ended: 10 },
  { chars: 60, ended: 5 },
  { chars: 40, ended: 0 },
];

/** The unit's local focus areas: the active ones editable (by the chair), room for new ones up to the maximum. */
export function focusAreasCardData({ view, tz, today, typed, feedback }: FocusAreasCardInput, fit: FocusFit = FOCUS_FITS[0]!) {
  const s = strings.focus;
  const p = strings.proposals.focus;
  const { meeting, loop, proposal } = view;
  const active = view.areas.filter((a) => a.status === "active");
  const pending = proposal?.status === "pending" ? proposal : undefined;
  const nameOf = (id: string) => meeting.participants.find((x) => x.person.id === id)?.person.name ?? "";
  const themeTitle = (id: string) => shorten(loop.themes.find((t) => t.id === id)?.title ?? "", fit.chars);
  // The chair's card: the active areas, then the leader's proposal waiting for approval, then room
  // for new ones. The leader's card while she may propose: her proposal. Anyone else: what is in force
  // (or, before anything is approved, the proposal), read only.
  type Shown = { stored?: FocusArea; proposed?: ProposedFocusArea };
  const shownRows: Shown[] = view.editable
    ? [...active.map((a) => ({ stored: a })), ...(pending?.rows ?? []).map((r) => ({ proposed: r }))]
    : view.proposing
      ? (proposal?.rows ?? []).map((r) => ({ proposed: r }))
      : active.length > 0
        ? active.map((a) => ({ stored: a }))
        : (pending?.rows ?? []).map((r) => ({ proposed: r }));
  const inputs = view.editable || view.proposing;
  const slots = inputs ? Math.max(shownRows.length, Math.min(MAX_FOCUS_AREAS, shownRows.length + 2)) : shownRows.length;
  const refs: FocusRowRef[] = [];
  const byDefault = defaultEvaluateOn(loop, today) ?? "";
  const rows = Array.from({ length: slots }, (_, i) => {
    const { stored, proposed } = shownRows[i] ?? {};
    const shown = stored ?? proposed;
    const t = typed?.[i];
    refs.push(stored ? { id: stored.id, version: stored.version } : proposed && view.editable ? { proposed: true } : {});
    const names = focusInputs(i);
    return {
      heading: s.row(i + 1),
      readOnly: shown ? `${shown.title} (tema: ${themeTitle(shown.themeId)})${shown.evaluateOn ? ` · evalueres ${formatDateShort(shown.evaluateOn)}` : ""}` : "",
      themeInput: names.theme,
      themeValue: t?.themeId ?? shown?.themeId ?? "",
      themeError: fieldError(feedback, names.theme),
      titleInput: names.title,
      titleValue: t?.title ?? shown?.title ?? "",
      titleError: fieldError(feedback, names.title),
      evalInput: names.evaluate,
      evalValue: t?.evaluateOn ?? shown?.evaluateOn ?? (stored ? "" : byDefault),
      evalError: fieldError(feedback, names.evaluate),
      endInput: stored && view.editable ? names.end : "",
    };
  });
  const ended = view.areas.filter((a) => a.status === "ended");
  const when = (d: Date) => formatDateShort(localDateOf(d, tz));
  const record = proposal
    ? proposal.status === "approved" && proposal.approvedById && proposal.approvedAt
      ? `${p.proposedBy(nameOf(proposal.proposedById))} ${p.approvedBy(nameOf(proposal.approvedById), when(proposal.approvedAt))}`
      : p.proposedBy(nameOf(proposal.proposedById), when(proposal.updatedAt))
    : "";
  const intro = view.editable
    ? pending
      ? p.introChair(nameOf(pending.proposedById))
      : meeting.firstOfLoop
        ? s.intro(loop.name)
        : s.introLater
    : view.proposing
      ? p.introLeader(loop.name)
      : pending && active.length === 0
        ? p.proposalHeading
        : s.readOnly;
  return {
    title: s.title,
    subtitle: `${kindLabel(meeting)} · ${meeting.unit.name} · ${meetingWhen(meeting, tz)}`,
    notice: feedback?.notice ?? "",
    warning: view.load?.over ? strings.congestion.cardNotice(view.load) : "",
    error: feedback?.error ?? "",
    intro,
    record,
    rows,
    editable: view.editable,
    inputs,
    themeLabel: s.themeLabel,
    themePlaceholder: s.themePlaceholder,
    themes: loop.themes.filter((t) => t.active).map((t) => ({ title: shorten(t.title, fit.chars), value: t.id })),
    titleLabel: s.titleLabel,
    titlePlaceholder: s.titlePlaceholder,
    evaluateLabel: s.evaluateLabel,
    evaluateHint: inputs ? s.evaluateHint : "",
    minDate: addDays(today, 1),
    datePlaceholder: strings.generic.datePlaceholder,
    endLabel: s.endLabel,
    endedHeading: ended.length ? s.ended : "",
    ended: [
      ...ended.slice(0, fit.ended).map((a) => ({ label: `${shorten(a.title, fit.chars)} (tema: ${themeTitle(a.themeId)})` })),
      ...(ended.length > fit.ended ? [{ label: strings.generic.andMore(ended.length - fit.ended) }] : []),
    ],
    saveButton: pending ? p.approve : s.save,
    proposeButton: view.proposing ? (proposal ? p.sendChanges : p.send) : "",
    proposalVersion: String(proposal?.status === "pending" ? proposal.version : 0),
    meetingId: meeting.id,
    rowRefs: JSON.stringify(refs),
  };
}

/** With a long history or long theme names, the lists are cut step by step to fit a Teams card. */
export const buildFocusAreasCard = (input: FocusAreasCardInput): AdaptiveCard => fitLevels(FOCUS_FITS, (fit) => expand("focus-areas", focusAreasCardData(input, fit)));
