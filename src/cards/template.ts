import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import type * as ACData from "adaptivecards-templating";
import { escapeMarkdown, isMarkup } from "../lib/markup.js";
import { cleanForDisplay } from "../lib/text.js";
import { PACKAGE_ROOT } from "../lib/package-root.js";

/** The folder holding the Adaptive Card templates (cards/*.json at the project root). */
export const CARDS_DIR = resolve(PACKAGE_ROOT, "cards");

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
  | "referat-remark"
  | "year-wheel"
  | "initiatives"
  | "loop-summary"
  | "focus-areas"
  | "board-statement"
  | "board-report"
  | "evaluation"
  | "reassign"
  | "digest"
  | "preferences"
  | "reminder"
  | "channel-link"
  | "area-status"
  | "unit-detail"
  | "channel-digest"
  | "export-links"
  | "adhoc"
  | "guest-links"
  | "busy";

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
  "referat-remark",
  "year-wheel",
  "initiatives",
  "loop-summary",
  "focus-areas",
  "board-statement",
  "board-report",
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
  "adhoc",
  "guest-links",
  "busy",
];

export type AdaptiveCard = Record<string, unknown> & { type: "AdaptiveCard" };

/**
 * The template engine, loaded on first use: with the expression language under it, it is the
 * heaviest package the bot loaded at start (about a sixth of it, decision 0030). The bot warms it right
 * after it is healthy (warmTemplates), so the first card does not wait for it either.
 */
let engine: typeof ACData | undefined;
const templateEngine = () => (engine ??= createRequire(import.meta.url)("adaptivecards-templating") as typeof ACData);

/** Each template's JSON, read and parsed once. */
const sources = new Map<CardName, unknown>();
const templates = new Map<CardName, ACData.Template>();

/**
 * Reads and parses every template once (call at start-up, so a broken file stops the start; later
 * calls are free). The template engine is not loaded here: see warmTemplates.
 */
export function loadTemplates(dir = CARDS_DIR): void {
  for (const name of CARD_NAMES) {
    if (!sources.has(name)) sources.set(name, JSON.parse(readFileSync(resolve(dir, `${name}.json`), "utf8")));
  }
}

/** Loads the template engine and prepares every template (after start-up, before the first card). */
export function warmTemplates(): void {
  loadTemplates();
  for (const name of CARD_NAMES) template(name);
}

function template(name: CardName): ACData.Template {
  let t = templates.get(name);
  if (!t) {
    if (!sources.has(name)) loadTemplates();
    t = new (templateEngine().Template)(sources.get(name));
    templates.set(name, t);
  }
  return t;
}

/**
 * Expands a template with its data. Every field the template names must be present in `data`.
 *
 * People's text is shown as text (docs/decisions/0011-people-text.md): every string in `data` is
 * escaped where the card renders Markdown (`markdownKeys`), and left as it is everywhere else
 * (input values, action data, ids, choice values, labels, placeholders, button titles). Markdown
 * comes only from the template's own literal text (our code, e.g. the «- » of a bullet) and from
 * `Markup` values (md`…`). No builder has to remember either.
 */
export function expand(name: CardName, data: object): AdaptiveCard {
  const expanded = template(name).expand({ $root: prepare(data) }) as AdaptiveCard;
  return finish(expanded) as AdaptiveCard;
}

/** Marks where a data string begins and ends inside an expanded string (private-use characters). */
const OPEN = "\uE000";
const CLOSE = "\uE001";
const MARKS = /[\uE000\uE001]/g;

/**
 * The data as the template engine gets it: a plain string between the marks, without any mark
 * characters of its own (so no text can end its marking early) and without the control and
 * invisible characters that carry nothing (removed on input too; this covers older data); an empty
 * string stays empty, so `$when` tests keep working. A Markup value becomes its Markdown.
 */
function prepare(value: unknown): unknown {
  if (typeof value === "string") {
    const clean = cleanForDisplay(value.replace(MARKS, ""));
    return clean === "" ? "" : OPEN + clean + CLOSE;
  }
  if (isMarkup(value)) return value.source.replace(MARKS, "");
  if (Array.isArray(value)) return value.map(prepare);
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, prepare(v)]));
  }
  return value;
}

/** A string in a field Teams renders as Markdown: the data strings in it escaped, the rest kept. */
function markdownField(s: string): string {
  if (!s.includes(OPEN)) return s;
  const parts = s.split(/(\uE000[^\uE001]*\uE001)/);
  let out = "";
  parts.forEach((part, i) => {
    if (!part.startsWith(OPEN)) {
      out += part.replace(MARKS, "");
      return;
    }
    // Every data string may start a line as far as escaping goes (after «- », say); the word
    // joiner it may get costs nothing to see.
    let text = escapeMarkdown(part.slice(1, -1));
    // «!» right before our own «[…](…)» would make a link an image.
    if (text.endsWith("!") && (parts[i + 1] ?? "").startsWith("[")) text += "\u2060";
    out += text;
  });
  return out;
}

/** A string in a field shown as it is (values, ids, labels, titles of buttons): only the marks go. */
const plainField = (s: string): string => s.replace(MARKS, "");

/**
 * The properties Teams renders as Markdown, per element type: TextBlock.text, a fact's title and
 * value, an input's error message and a toggle's title (the JavaScript renderer draws those with a
 * TextBlock), and the titles of an expanded choice set (radio buttons and check boxes, likewise).
 * Input labels, placeholders, compact choice titles, button titles and chart texts are plain.
 */
function markdownKeys(o: Record<string, unknown>): ReadonlySet<string> {
  const type = typeof o.type === "string" ? o.type : "";
  const keys = new Set<string>();
  if (type === "TextBlock") keys.add("text");
  if (type.startsWith("Input.")) keys.add("errorMessage");
  if (type === "Input.Toggle") keys.add("title");
  return keys;
}

const FACT_KEYS: ReadonlySet<string> = new Set(["title", "value"]);
const CHOICE_KEYS: ReadonlySet<string> = new Set(["title"]);
const NONE: ReadonlySet<string> = new Set();

function finish(node: unknown, inherited: ReadonlySet<string> = NONE): unknown {
  if (typeof node === "string") return plainField(node);
  if (Array.isArray(node)) return node.map((n) => finish(n, inherited));
  if (!node || typeof node !== "object") return node;
  const o = node as Record<string, unknown>;
  const own = markdownKeys(o);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === "string") out[k] = own.has(k) || inherited.has(k) ? markdownField(v) : plainField(v);
    else if (k === "facts" && o.type === "FactSet") out[k] = finish(v, FACT_KEYS);
    else if (k === "choices" && o.type === "Input.ChoiceSet" && (o.style === "expanded" || o.isMultiSelect === true)) out[k] = finish(v, CHOICE_KEYS);
    else out[k] = finish(v);
  }
  return out;
}
