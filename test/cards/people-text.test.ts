import { describe, expect, it } from "vitest";
import { cardSamples } from "../../scripts/card-samples.js";
import { CARD_NAMES, expand, type CardName } from "../../src/cards/template.js";
import { chiefDigestCardData, overdueDigestCardData, buildDigestCard } from "../../src/cards/digest-card.js";
import { buildNoticeCard } from "../../src/cards/notice-card.js";
import { isMarkup, md } from "../../src/lib/markup.js";
import { cleanForDisplay } from "../../src/lib/text.js";
import type { FollowUp, Unit } from "../../src/domain/types.js";
import { renderCard, type MarkdownFlavour } from "../helpers/render-card.js";

/**
 * Issue «Nothing spoofed»: text a person typed is shown as text in every card. Every card kind is
 * expanded with its sample data where every string (everything a person, the organisation file or
 * a template could have put there) is a hostile text, rendered with the official renderer and
 * markdown-it, and compared with the same card where every string is a plain word: the hostile
 * card must not have one link, emphasis, list, heading or any other formatting more, and the
 * hostile text must be readable as typed. Our own intended Markdown (Markup) still renders.
 */
const HOSTILE = [
  "[Opdatér dit kodeord](https://evil.example/login)",
  "**Vigtigt** _nu_ *straks* __fed__ ***begge***",
  "- punkt\n* punkt\n+ punkt\n1. første\n2) anden\n# Overskrift\n> citat\n---\nTitel\n===",
  '<b>fed</b> <a href="https://evil.example">her</a> &lt;tag&gt; &#91;x&#93; <!-- skjult -->',
  "Tekst\u200B med\u200B nul\u0000tegn og \u202Eomvendt\u202C og \u2066isoleret\u2069",
  "`kode` ~~slettet~~ ==mærket== {{DATE(2027-01-01T08:00:00Z, SHORT)}} <https://evil.example>",
  "\\[lænke](https://evil.example) ![billede](https://evil.example/x.png) \\*ikke\\*",
  "[ref]\n\n[ref]: https://evil.example",
  "(parentes)- liste (x)1. liste [Opdatér](<https://evil.example>)",
  "    indrykket kode\n\n```\nhegn\n```",
];
const FLAVOURS: MarkdownFlavour[] = ["teams", "full"];

/** The sample data with every non-empty string replaced (Markup, our intended Markdown, is kept). */
function replaceStrings(value: unknown, by: string): unknown {
  if (typeof value === "string") return value === "" ? "" : by;
  if (isMarkup(value)) return value;
  if (Array.isArray(value)) return value.map((v) => replaceStrings(v, by));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceStrings(v, by)]));
  return value;
}

const containsMarkup = (value: unknown): boolean =>
  isMarkup(value) || (Array.isArray(value) ? value.some(containsMarkup) : !!value && typeof value === "object" && Object.values(value).some(containsMarkup));

const squash = (s: string) => s.replace(/\s+/g, " ").trim();

/** What a person should read for a hostile text: the same characters, less those that carry nothing. */
const visible = (s: string) => squash(cleanForDisplay(s));

describe("people's text in every card kind is shown as text", () => {
  describe.each(CARD_NAMES)("%s", (name: CardName) => {
    const sample = cardSamples[name];
    const plainCard = expand(name, replaceStrings(sample, "tekst") as object);

    it.each(FLAVOURS)("adds no formatting and shows every hostile text literally (%s Markdown)", (flavour) => {
      const plain = renderCard(plainCard, flavour);
      for (const hostile of HOSTILE) {
        const card = expand(name, replaceStrings(sample, hostile) as object);
        const shown = renderCard(card, flavour);
        expect(shown.tags, `${name}: ${JSON.stringify(hostile)}`).toEqual(plain.tags);
        expect(shown.links, `${name}: ${JSON.stringify(hostile)}`).toEqual(plain.links);
        expect(squash(shown.text), `${name}: ${JSON.stringify(hostile)}`).toContain(visible(hostile));
        // eslint-disable-next-line no-control-regex -- NUL must not reach a card
        expect(JSON.stringify(card)).not.toMatch(/[\u0000\u200B\u202E\u2066\uE000\uE001]/);
      }
    });

    it("keeps values, ids and action data exactly as they are (no escapes where nothing is rendered as Markdown)", () => {
      const hostile = HOSTILE[0]!;
      const card = expand(name, replaceStrings(sample, hostile) as object);
      const plainValues: string[] = [];
      const walk = (n: unknown, key = "") => {
        if (typeof n === "string" && ["value", "verb", "id", "placeholder", "label"].includes(key)) plainValues.push(n);
        else if (Array.isArray(n)) n.forEach((x) => walk(x, key));
        else if (n && typeof n === "object") Object.entries(n).forEach(([k, v]) => k !== "facts" && walk(v, k === "data" ? "value" : k));
      };
      walk(card);
      for (const v of plainValues) expect(v).not.toMatch(/\\\[|\u2060/);
    });

    if (containsMarkup(sample)) {
      it("still renders our own intended Markdown, and shows no stray asterisks", () => {
        const shown = renderCard(plainCard, "teams");
        expect((shown.tags.strong ?? 0) + (shown.tags.a ?? 0)).toBeGreaterThan(0);
        expect(shown.text).not.toContain("**");
      });
    }
  });
});

describe("the silent cut", () => {
  it.each(CARD_NAMES)("%s: every text field a person types in has its limit (Teams stops there before sending)", (name) => {
    const inputs: Record<string, unknown>[] = [];
    const walk = (n: unknown) => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === "object") {
        const o = n as Record<string, unknown>;
        if (o.type === "Input.Text") inputs.push(o);
        Object.values(o).forEach(walk);
      }
    };
    walk(expand(name, cardSamples[name]));
    for (const i of inputs) expect(Number(i.maxLength), `${name}: ${String(i.id)}`).toBeGreaterThan(0);
  });
});

describe("people's text inside our own Markdown", () => {
  const hostile = HOSTILE[0]!;
  const unit: Unit = { id: "u", name: `Enhed ${hostile}`, type: "dagtilbud", selvejende: false, areaId: "a", active: true };
  const followUp = { id: "f", text: `**Mit punkt** ${hostile}`, dueDate: "2027-01-10" } as FollowUp;

  it.each(FLAVOURS)("the weekly overviews bold the item and show the text as typed (%s)", (flavour) => {
    for (const data of [overdueDigestCardData([followUp]), chiefDigestCardData([{ unit, counts: { open: 1, overdue: 0, doneRecently: 0 } as never }])]) {
      const shown = renderCard(buildDigestCard(data), flavour);
      expect(shown.links).toEqual([]);
      expect(shown.tags.em).toBe(0);
      expect(shown.text).toContain(hostile);
    }
    const overdue = renderCard(buildDigestCard(overdueDigestCardData([followUp])), flavour);
    // One bold item (the whole text) and «indstillinger» in the hint; the text's own ** stay visible.
    expect(overdue.tags.strong).toBe(2);
    expect(overdue.text).toContain(`**Mit punkt** ${hostile}`);
  });

  it.each(FLAVOURS)("a notice built with md`…` escapes what is put into it (%s)", (flavour) => {
    const shown = renderCard(buildNoticeCard(md`«${hostile}» er ikke en dato. Skriv **fraværende slut**.`), flavour);
    expect(shown.links).toEqual([]);
    expect(shown.tags.strong).toBe(1);
    expect(shown.text).toContain(`«${hostile}» er ikke en dato. Skriv fraværende slut.`);
  });
});
