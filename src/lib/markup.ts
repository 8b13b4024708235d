/**
 * People's text is data, never markup (docs/decisions/0011-people-text.md).
 *
 * Teams renders a subset of Markdown in card texts (TextBlock, FactSet, …): desktop and web through
 * the JavaScript renderer with markdown-it, the phones through the Adaptive Cards shared model's
 * own parser. A string is shown literally by `escapeMarkdown`; text written as Markdown on purpose
 * is a `Markup`, made only by the `md` tagged template (which escapes what is put into it) or
 * `mdLink`. src/cards/template.ts's `expand` escapes every other string in a Markdown field.
 */

/** U+2060 WORD JOINER: invisible, no width, no line break; it separates what a parser would join. */
const WJ = "\u2060";

/** Characters the phones' parser and markdown-it both read as literal after a backslash. */
const BACKSLASHED = new Set(["*", "_", "[", "]", "`"]);

/**
 * Lines that would start a block (list, heading, quote, setext underline, table, fence, indented
 * code, ordered list «1. » / «1) ») get an invisible word joiner in front, so they start a paragraph.
 */
const BLOCK_START = /^(?:[ \t]|[-+#>=~|:<]|\d{1,9}[.)](?=[ \t]|$))/;

/**
 * `text` as Teams shows it literally in a Markdown field. Only what could form markup is touched:
 * `*`, `_`, `[`, `]` and backticks get a backslash (markdown-it and the phones' renderer both drop
 * it); a backslash, and `<`, `&`, `{{`, `~~`, `==` and `)` where they could start a tag, an entity, a
 * date function, strikethrough, a highlight or (on the phones) a list, get an invisible word joiner.
 * `lineStart`: whether the text may begin a line (false only for our own separators).
 */
export function escapeMarkdown(text: string, lineStart = true): string {
  let out = "";
  const lines = text.split(/(\r\n|\r|\n)/);
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!;
    if (li % 2 === 1) {
      out += line; // the line break itself
      continue;
    }
    if ((li > 0 || lineStart) && BLOCK_START.test(line)) out += WJ;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      const next = line[i + 1] ?? "";
      if (BACKSLASHED.has(c)) out += `\\${c}`;
      else if (c === "\\") out += `\\${WJ}`;
      else if (c === "<" && /[A-Za-z/!?]/.test(next)) out += `<${WJ}`;
      else if (c === "&" && /[#A-Za-z0-9]/.test(next)) out += `&${WJ}`;
      else if ((c === "{" || c === "~" || c === "=") && next === c) out += c + WJ;
      else if (c === ")" && /[-+*0-9]/.test(next)) out += `)${WJ}`;
      else out += c;
    }
  }
  return out;
}

const TOKEN = Symbol("markup");

/**
 * Text meant as Markdown: our own words with emphasis or a link, where every value put into it was
 * escaped. Made only by `md` and `mdLink`; a plain string is never taken for one.
 */
export class Markup {
  readonly #source: string;

  constructor(token: symbol, source: string) {
    if (token !== TOKEN) throw new Error("Markup is made with md`…` or mdLink()");
    this.#source = source;
  }

  /** The Markdown, as it goes into the card. */
  get source(): string {
    return this.#source;
  }

  /** Used by mistake as a string, it is shown as the literal text it is (asterisks and all). */
  toString(): string {
    return this.#source;
  }

  /** How sample data files (cards/*.sample.json) write it; `reviveMarkup` reads it back. */
  toJSON(): { $markup: string } {
    return { $markup: this.#source };
  }
}

/** A text for a card: a person's (or any) plain text, or our own Markup. */
export type CardText = string | Markup;

export const isMarkup = (v: unknown): v is Markup => v instanceof Markup;

/**
 * Markdown written on purpose, e.g. md`Skriv **hjælp** for at se mere` or md`**${name}** (frist …)`:
 * the literal parts are Markdown, every value is escaped (a Markup value is kept as it is).
 */
export function md(parts: TemplateStringsArray, ...values: (CardText | number)[]): Markup {
  let out = parts[0] ?? "";
  values.forEach((v, i) => {
    // A value is escaped as if it began a line wherever it stands (after «- » it may as well).
    out += isMarkup(v) ? v.source : escapeMarkdown(String(v));
    out += parts[i + 1] ?? "";
  });
  return new Markup(TOKEN, out);
}

/** Texts and Markup joined by `separator` (itself literal text), as one Markup. */
export function joinMarkup(items: readonly CardText[], separator: string): Markup {
  let out = "";
  items.forEach((v, i) => {
    if (i > 0) out += escapeMarkdown(separator, false);
    out += isMarkup(v) ? v.source : escapeMarkdown(v);
  });
  return new Markup(TOKEN, out);
}

/**
 * A link whose address is ours (an https download link, never one a person typed): the label is
 * escaped, and characters that would end the address early are percent-encoded.
 */
export function mdLink(label: CardText, url: string): Markup {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) throw new Error("mdLink takes an absolute http(s) address");
  const safe = url.replace(/[()<>\\[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
  return new Markup(TOKEN, `[${isMarkup(label) ? label.source : escapeMarkdown(label, false)}](${safe})`);
}

/**
 * Sample data read back from a JSON file (cards/*.sample.json): `{ "$markup": "…" }` objects become
 * Markup again. Only for our own files, never for anything that came with a request.
 */
export function reviveMarkup(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reviveMarkup);
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === "$markup" && typeof o.$markup === "string") return new Markup(TOKEN, o.$markup);
    return Object.fromEntries(keys.map((k) => [k, reviveMarkup(o[k])]));
  }
  return value;
}
