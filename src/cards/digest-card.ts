import { strings } from "../lib/strings.da.js";
import { formatDateShort } from "../lib/format-da.js";
import type { UnitFollowUpCounts } from "../domain/ports.js";
import type { FollowUp, Unit } from "../domain/types.js";
import { shorten } from "./feedback.js";
import type { CardText } from "../lib/markup.js";
import { expand, type AdaptiveCard } from "./template.js";

/** At most this many lines; the rest are counted («… og 3 flere»), so the card stays small. */
const MAX_LINES = 25;
const MAX_TEXT = 200;

export interface DigestCardData {
  title: string;
  intro: string;
  items: { line: CardText }[];
  more: string;
  hint: CardText;
  tasksButton: string;
  showTasks: boolean;
  settingsButton: string;
}

function lines(all: CardText[]): Pick<DigestCardData, "items" | "more"> {
  return {
    items: all.slice(0, MAX_LINES).map((line) => ({ line })),
    more: all.length > MAX_LINES ? strings.generic.andMore(all.length - MAX_LINES) : "",
  };
}

/** The owner's weekly overview: follow-ups past their frist, oldest first. */
export function overdueDigestCardData(items: FollowUp[]): DigestCardData {
  const s = strings.digest;
  const sorted = [...items].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return {
    title: s.overdueTitle,
    intro: s.overdueIntro(items.length),
    ...lines(sorted.map((f) => s.overdueItem(shorten(f.text, MAX_TEXT), formatDateShort(f.dueDate)))),
    hint: s.settingsHint,
    tasksButton: s.tasksButton,
    showTasks: true,
    settingsButton: s.settingsButton,
  };
}

/** The chief's weekly overview: per unit, open, overdue and done in the last week. */
export function chiefDigestCardData(units: { unit: Unit; counts: UnitFollowUpCounts }[]): DigestCardData {
  const s = strings.digest;
  return {
    title: s.chiefTitle,
    intro: units.length ? s.chiefIntro : s.noUnits,
    ...lines(units.map(({ unit, counts }) => s.chiefItem(unit.name, counts.open, counts.overdue, counts.doneRecently))),
    hint: s.settingsHint,
    tasksButton: s.tasksButton,
    showTasks: false,
    settingsButton: s.settingsButton,
  };
}

export const buildDigestCard = (data: DigestCardData): AdaptiveCard => expand("digest", data);
