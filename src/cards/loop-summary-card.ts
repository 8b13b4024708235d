import { strings } from "../lib/strings.da.js";
import { formatDateShort, formatInstantDateShort } from "../lib/format-da.js";
import type { LoopSummary, SummaryDecision } from "../domain/loop-summary-service.js";
import { fitLevels } from "./budget.js";
import { shorten } from "./feedback.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface LoopSummaryCardInput {
  summary: LoopSummary;
  tz: string;
}

/** How much of a long loop a card can show: texts cut to `chars`, at most `decisions` per samtale. */
interface SummaryFit {
  chars: number;
  decisions: number;
}
const FITS: readonly SummaryFit[] = [
  { chars: Infinity, decisions: Infinity },
  { chars: 200, decisions: 8 },
  { chars: 80, decisions: 4 },
  { chars: 40, decisions: 2 },
];

/** A focus area's state at the loop's end: active or ended, its evaluation date, what evaluations decided. */
export function focusState(f: LoopSummary["focusAreas"][number], tz: string): string {
  const s = strings.loopSummary;
  const { area, evaluations } = f;
  return [
    evaluations.endedAt ? s.ended(formatInstantDateShort(evaluations.endedAt, tz)) : s.active,
    ...(area.status === "active" && area.evaluateOn ? [s.evaluateOn(formatDateShort(area.evaluateOn))] : []),
    ...(evaluations.extended > 0 ? [s.extended(evaluations.extended)] : []),
    ...(evaluations.evaluateNext ? [s.evaluateNext] : []),
  ].join(" · ");
}

/** What the loop learned in a unit: its focus areas, and the decisions of its læringssamtaler with their agreements. */
export function loopSummaryCardData({ summary, tz }: LoopSummaryCardInput, fit: SummaryFit = FITS[0]!) {
  const s = strings.loopSummary;
  const line = (d: SummaryDecision) => s.decisionLine(shorten(d.text, fit.chars), d.followUps.done, d.followUps.open, d.followUps.ended);
  const cut = (items: { label: string }[]) => [...items.slice(0, fit.decisions), ...(items.length > fit.decisions ? [{ label: strings.generic.andMore(items.length - fit.decisions) }] : [])];
  return {
    title: s.title(summary.unit.name),
    subtitle: summary.loop.name,
    intro: s.intro(summary.samtaler.length),
    focusHeading: s.focusHeading,
    noFocus: summary.focusAreas.length === 0 ? s.noFocus : "",
    focus: summary.focusAreas.map((f) => ({
      label: s.focusLine(shorten(f.area.title, fit.chars), f.themeTitle),
      state: focusState(f, tz),
      decisions: cut(f.decisions.map((d) => ({ label: s.datedDecision(formatInstantDateShort(d.at, tz), line(d)) }))),
    })),
    decisionsHeading: summary.samtaler.some((x) => x.decisions.length > 0) ? s.otherDecisionsHeading : "",
    samtaler: summary.samtaler
      .filter((x) => x.decisions.length > 0)
      .map((x) => ({ heading: s.samtale(formatInstantDateShort(x.meeting.startsAt, tz)), decisions: cut(x.decisions.map((d) => ({ label: line(d) }))) })),
    totals: s.totals(summary.followUps.done, summary.followUps.open, summary.followUps.ended),
  };
}

export const buildLoopSummaryCard = (input: LoopSummaryCardInput): AdaptiveCard => fitLevels(FITS, (fit) => expand("loop-summary", loopSummaryCardData(input, fit)));
