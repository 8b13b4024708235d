import { escapeHtml } from "../lib/html.js";
import { isMarkup, type CardText } from "../lib/markup.js";

const TOKEN = Symbol("html");

/**
 * HTML we wrote: made only by the `html` tagged template (which escapes every value put into it)
 * or `markupHtml` (our own Markdown, rendered). A plain string is never taken for one.
 */
export class Html {
  readonly #source: string;
  constructor(token: symbol, source: string) {
    if (token !== TOKEN) throw new Error("Html is made with html`…`");
    this.#source = source;
  }
  get source(): string {
    return this.#source;
  }
  toString(): string {
    return this.#source;
  }
}

/** What may go into `html`: text (escaped), numbers, our own Html, lists of them; nothing for null, undefined and false. */
export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

function valueHtml(v: HtmlValue): string {
  if (v === null || v === undefined || v === false || v === true) return "";
  if (v instanceof Html) return v.source;
  if (Array.isArray(v)) return v.map(valueHtml).join("");
  return escapeHtml(String(v));
}

/**
 * HTML written on purpose: the literal parts are markup, every value is escaped (an Html value is
 * kept as it is), in text and in attribute values alike (quotes are escaped too).
 */
export function html(parts: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = parts[0] ?? "";
  values.forEach((v, i) => {
    out += valueHtml(v);
    out += parts[i + 1] ?? "";
  });
  return new Html(TOKEN, out);
}

/** A constant of our own that must not be escaped (the stylesheet in <style>, which is no HTML). Never for anything a person typed. */
export const constantHtml = (source: string): Html => new Html(TOKEN, source);

const WJ = "\u2060";
const BACKSLASHED = new Set(["*", "_", "[", "]", "`", "\\"]);

/** One line of our Markdown: escapes read back, **bold**, and links to our own https addresses. */
function inline(line: string): string {
  let out = "";
  let strong = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    const next = line[i + 1] ?? "";
    if (c === WJ) continue;
    if (c === "\\" && BACKSLASHED.has(next)) {
      out += escapeHtml(next);
      i++;
    } else if (c === "*" && next === "*") {
      out += strong ? "</strong>" : "<strong>";
      strong = !strong;
      i++;
    } else if (c === "[") {
      // mdLink: [label](https://…), the label escaped, the address ours.
      const link = /^\[((?:\\.|[^\]\\])*)\]\((https?:\/\/[^\s)]+)\)/.exec(line.slice(i));
      if (link) {
        out += `<a href="${escapeHtml(link[2]!)}">${inline(link[1]!)}</a>`;
        i += link[0].length - 1;
      } else out += "[";
    } else out += escapeHtml(c);
  }
  if (strong) out += "</strong>";
  return out;
}

/**
 * A card's text as HTML: a person's (or any) plain string escaped, with its line breaks kept; our
 * own Markup (src/lib/markup.ts) rendered from the small Markdown the cards use (bold, links, «- » lists).
 */
export function cardTextHtml(text: CardText): Html {
  if (!isMarkup(text)) return new Html(TOKEN, escapeHtml(text).replace(/\r\n|\r|\n/g, "<br>"));
  const blocks = text.source.split(/\n{2,}/);
  const out = blocks.map((block) => {
    const lines = block.split("\n");
    if (lines.every((l) => l.startsWith("- "))) return `<ul>${lines.map((l) => `<li>${inline(l.slice(2))}</li>`).join("")}</ul>`;
    return lines.map(inline).join("<br>");
  });
  return new Html(TOKEN, out.filter((b) => b !== "").join(blocks.length > 1 ? "<br><br>" : ""));
}
