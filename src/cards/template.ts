import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import * as ACData from "adaptivecards-templating";

/** The folder holding the Adaptive Card templates (cards/*.json at the project root). */
export const CARDS_DIR = resolve(import.meta.dirname, "../../cards");

export type CardName =
  | "welcome"
  | "help"
  | "notice"
  | "schedule"
  | "agenda"
  | "reflection"
  | "followup-form"
  | "followup"
  | "my-tasks"
  | "meetings"
  | "referat"
  | "year-wheel"
  | "focus-areas"
  | "board-statement"
  | "evaluation"
  | "reassign"
  | "digest"
  | "preferences"
  | "reminder"
  | "channel-link"
  | "area-status"
  | "unit-detail"
  | "channel-digest"
  | "export-links";

export const CARD_NAMES: CardName[] = [
  "welcome",
  "help",
  "notice",
  "schedule",
  "agenda",
  "reflection",
  "followup-form",
  "followup",
  "my-tasks",
  "meetings",
  "referat",
  "year-wheel",
  "focus-areas",
  "board-statement",
  "evaluation",
  "reassign",
  "digest",
  "preferences",
  "reminder",
  "channel-link",
  "area-status",
  "unit-detail",
  "channel-digest",
  "export-links",
];

export type AdaptiveCard = Record<string, unknown> & { type: "AdaptiveCard" };

const templates = new Map<CardName, ACData.Template>();

/** Reads every template once (call at start-up; later calls are free). */
export function loadTemplates(dir = CARDS_DIR): void {
  for (const name of CARD_NAMES) {
    if (!templates.has(name)) templates.set(name, new ACData.Template(JSON.parse(readFileSync(resolve(dir, `${name}.json`), "utf8"))));
  }
}

/** Expands a template with its data. Every field the template names must be present in `data`. */
export function expand(name: CardName, data: object): AdaptiveCard {
  if (!templates.has(name)) loadTemplates();
  return templates.get(name)!.expand({ $root: data }) as AdaptiveCard;
}
