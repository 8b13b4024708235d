import { strings } from "../lib/strings.da.js";
import { formatDateShort } from "../lib/format-da.js";
import { addDays } from "../lib/zoned-time.js";
import { areaScope, type InitiativeInput, type InitiativeView } from "../domain/initiative-service.js";
import type { Initiative } from "../domain/types.js";
import { fieldError, shorten, type CardFeedback } from "./feedback.js";
import { fitLevels } from "./budget.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface InitiativesCardInput {
  view: InitiativeView;
  /** The card's one-time id (a new one after each registration). */
  requestId: string;
  /** What was typed, given back with the errors. */
  typed?: Omit<InitiativeInput, "requestId">;
  feedback?: CardFeedback;
  /** The initiative just ended from this card: shown in the list, marked ended, without a button. */
  ended?: Initiative;
}

/** How much of the lists a card can show. */
interface InitiativesFit {
  chars: number;
  active: number;
}
const FITS: readonly InitiativesFit[] = [
  { chars: Infinity, active: Infinity },
  { chars: 120, active: 30 },
  { chars: 60, active: 10 },
];

/**
 * The forvaltning's initiatives in the chief's areas, what weighs on each unit, and a form to
 * register a new one (docs/decisions/0020-what-weighs-on-a-unit.md).
 */
export function initiativesCardData({ view, requestId, typed, feedback, ended }: InitiativesCardInput, fit: InitiativesFit = FITS[0]!) {
  const s = strings.initiatives;
  const unitName = new Map(view.areas.flatMap((a) => a.units.map((u) => [u.id, u.name] as const)));
  const areaName = new Map(view.areas.map((a) => [a.id, a.name]));
  const appliesTo = (i: InitiativeView["initiatives"][number]) =>
    i.wholeArea ? s.wholeArea(areaName.get(i.areaId) ?? "") : i.unitIds.map((id) => unitName.get(id) ?? id).join(", ");
  const line = (i: Initiative) => s.line(shorten(i.title, fit.chars), formatDateShort(i.fromDate), i.evaluateOn ? formatDateShort(i.evaluateOn) : undefined, shorten(appliesTo(i), fit.chars));
  const active = [
    ...(ended && !view.initiatives.some((i) => i.id === ended.id) ? [{ id: "", version: 0, label: `${line(ended)} · ${strings.weightFixes.endedMark}`, title: "" }] : []),
    ...view.initiatives.map((i) => ({ id: i.id, version: i.version, label: line(i), title: shorten(i.title, fit.chars) })),
  ];
  const scopes = view.areas.flatMap((a) => [{ title: s.wholeArea(a.name), value: areaScope(a.id) }, ...a.units.map((u) => ({ title: u.name, value: u.id }))]);
  return {
    title: s.title,
    subtitle: view.areas.map((a) => a.name).join(" · "),
    notice: feedback?.notice ?? "",
    error: feedback?.error ?? "",
    intro: s.intro,
    loadHeading: s.loadHeading,
    loads: view.loads.map((l) => ({ label: s.loadLine(l.unitName, l.count, l.ceiling, l), color: l.over ? "Warning" : "Default" })),
    activeHeading: s.activeHeading,
    noneText: active.length === 0 ? s.none : "",
    active: [...active.slice(0, fit.active), ...(active.length > fit.active ? [{ id: "", version: 0, label: strings.generic.andMore(active.length - fit.active), title: "" }] : [])].map((a) => ({
      ...a,
      endQuestion: a.id ? strings.weightFixes.endInitiativeQuestion(a.title) : "",
    })),
    endButton: s.end,
    endConfirm: strings.weightFixes.endInitiativeConfirm,
    newHeading: s.newHeading,
    titleLabel: s.titleLabel,
    titlePlaceholder: s.titlePlaceholder,
    titleValue: typed?.title ?? "",
    titleError: fieldError(feedback, "title"),
    scopeLabel: s.scopeLabel,
    scopeValue: (typed?.scope ?? []).join(","),
    scopes,
    scopeError: fieldError(feedback, "scope"),
    fromLabel: s.fromLabel,
    fromValue: typed?.fromDate ?? view.today,
    fromError: fieldError(feedback, "fromDate"),
    evaluateLabel: s.evaluateLabel,
    evaluateValue: typed ? (typed.evaluateOn ?? "") : (view.defaultEvaluateOn ?? ""),
    evaluateHint: s.evaluateHint,
    evaluateError: fieldError(feedback, "evaluateOn"),
    minDate: addDays(view.today, 1),
    datePlaceholder: strings.generic.datePlaceholder,
    saveButton: s.save,
    requestId,
  };
}

export const buildInitiativesCard = (input: InitiativesCardInput): AdaptiveCard => fitLevels(FITS, (fit) => expand("initiatives", initiativesCardData(input, fit)));
