import { Window } from "happy-dom";
import MarkdownIt from "markdown-it";

/**
 * Renders a card with the official `adaptivecards` renderer (the one Teams' desktop and web
 * clients are built on) in a happy-dom document, with markdown-it as its Markdown processor
 * (`AdaptiveCard.onProcessMarkdown`, as Teams hooks it in):
 * - "teams": the subset Teams documents for cards (bold, italic, lists, links), configured as
 *   Microsoft's own Teams sample apps do (Company Communicator's adaptiveCard.ts);
 * - "full": markdown-it with everything it does by default (what the renderer itself uses when it
 *   finds markdown-it), the worst case.
 */
export type MarkdownFlavour = "teams" | "full";

const window = new Window();
const g = globalThis as Record<string, unknown>;
for (const key of Object.getOwnPropertyNames(window)) if (!(key in g)) g[key] = (window as unknown as Record<string, unknown>)[key];
g.window = window;
g.document = window.document;

const AC = await import("adaptivecards");

const processors: Record<MarkdownFlavour, MarkdownIt> = {
  teams: new MarkdownIt().disable(["image", "table", "heading", "hr", "code", "reference", "lheading", "html_block", "fence", "blockquote", "strikethrough"]),
  full: new MarkdownIt(),
};

/** Elements that only Markdown (or HTML) in a text can make. */
export const FORMATTING_TAGS = ["a", "strong", "em", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "blockquote", "img", "s", "del", "table", "hr", "mark", "b", "i"] as const;

export interface RenderedCard {
  html: string;
  /** What a person reads: the rendered text with the invisible word joiners left out. */
  text: string;
  tags: Record<string, number>;
  links: string[];
}

export function renderCard(card: object, flavour: MarkdownFlavour): RenderedCard {
  AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = processors[flavour].render(text);
    result.didProcess = true;
  };
  const ac = new AC.AdaptiveCard();
  ac.parse(card);
  const el = ac.render();
  if (!el) throw new Error("the card did not render");
  const tags: Record<string, number> = {};
  for (const t of FORMATTING_TAGS) tags[t] = el.getElementsByTagName(t).length;
  const links = Array.from(el.getElementsByTagName("a"), (a) => (a as { getAttribute(name: string): string | null }).getAttribute("href") ?? "");
  return { html: el.outerHTML, text: (el.textContent ?? "").replace(/\u2060/g, ""), tags, links };
}
