import { strings } from "../lib/strings.da.js";
import { formatDateShort } from "../lib/format-da.js";
import { addDays } from "../lib/zoned-time.js";
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
  const { meeting, loop } = view;
  const active = view.areas.filter((a) => a.status === "active");
  const themeTitle = (id: string) => shorten(loop.themes.find((t) => t.id === id)?.title ?? "", fit.chars);
  const slots = view.editable ? Math.max(active.length, Math.min(MAX_FOCUS_AREAS, active.length + 2)) : active.length;
  const refs: FocusRowRef[] = [];
  const byDefault = defaultEvaluateOn(loop, today) ?? "";
  const rows = Array.from({ length: slots }, (_, i) => {
    const stored = active[i];
    const t = typed?.[i];
    refs.push(stored ? { id: stored.id, version: stored.version } : {});
    const names = focusInputs(i);
    return {
      heading: s.row(i + 1),
      readOnly: stored ? `${stored.title} (tema: ${themeTitle(stored.themeId)})${stored.evaluateOn ? ` · evalueres ${formatDateShort(stored.evaluateOn)}` : ""}` : "",
      themeInput: names.theme,
      themeValue: t?.themeId ?? stored?.themeId ?? "",
      themeError: fieldError(feedback, names.theme),
      titleInput: names.title,
      titleValue: t?.title ?? stored?.title ?? "",
      titleError: fieldError(feedback, names.title),
      evalInput: names.evaluate,
      evalValue: t?.evaluateOn ?? stored?.evaluateOn ?? (stored ? "" : byDefault),
      evalError: fieldError(feedback, names.evaluate),
      endInput: stored ? names.end : "",
    };
  });
  const ended = view.areas.filter((a) => a.status === "ended");
  return {
    title: s.title,
    subtitle: `${kindLabel(meeting)} · ${meeting.unit.name} · ${meetingWhen(meeting, tz)}`,
    notice: feedback?.notice ?? "",
    warning: view.load?.over ? strings.congestion.cardNotice(view.load) : "",
    error: feedback?.error ?? "",
    intro: view.editable ? (meeting.firstOfLoop ? s.intro(loop.name) : s.introLater) : s.readOnly,
    rows,
    editable: view.editable,
    themeLabel: s.themeLabel,
    themePlaceholder: s.themePlaceholder,
    themes: loop.themes.filter((t) => t.active).map((t) => ({ title: shorten(t.title, fit.chars), value: t.id })),
    titleLabel: s.titleLabel,
    titlePlaceholder: s.titlePlaceholder,
    evaluateLabel: s.evaluateLabel,
    evaluateHint: view.editable ? s.evaluateHint : "",
    minDate: addDays(today, 1),
    datePlaceholder: strings.generic.datePlaceholder,
    endLabel: s.endLabel,
    endedHeading: ended.length ? s.ended : "",
    ended: [
      ...ended.slice(0, fit.ended).map((a) => ({ label: `${shorten(a.title, fit.chars)} (tema: ${themeTitle(a.themeId)})` })),
      ...(ended.length > fit.ended ? [{ label: strings.generic.andMore(ended.length - fit.ended) }] : []),
    ],
    saveButton: s.save,
    meetingId: meeting.id,
    rowRefs: JSON.stringify(refs),
  };
}

/** With a long history or long theme names, the lists are cut step by step to fit a Teams card. */
export const buildFocusAreasCard = (input: FocusAreasCardInput): AdaptiveCard => fitLevels(FOCUS_FITS, (fit) => expand("focus-areas", focusAreasCardData(input, fit)));
