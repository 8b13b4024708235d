import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import MarkdownIt from "markdown-it";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { validateOrganisation } from "../../src/domain/organisation-file.js";
import { meetingTemplateSchema } from "../../src/domain/meeting-template.js";
import { escapeMarkdown, joinMarkup, md, mdLink } from "../../src/lib/markup.js";
import { cleanForDisplay, normaliseText } from "../../src/lib/text.js";

describe("normaliseText: what a person typed, before anything checks it", () => {
  it.each([
    ["a zero-width space alone", "\u200B", ""],
    ["NUL characters alone", "\u0000\u0000\u0000", ""],
    ["invisible and bidi characters alone", " \u200B\u200D\u2060\uFEFF\u202E\u2066\u200F ", ""],
    ["a Hangul filler or a Braille blank", "\u3164 \u2800", ""],
    ["a combining mark alone", "\u0301", ""],
    ["spaces, tabs and newlines around", " \t\n Opfølgning \n", "Opfølgning"],
    ["decomposed Danish letters (NFC)", "A\u030Arhus og Ø", "Århus og Ø"],
    ["controls inside (not tab or newline)", "Aftalt\u0000 med\u0007 teamet\tnu\r\nså", "Aftalt med teamet\tnu\nså"],
    ["a right-to-left override", "faktura\u202Efdp.exe", "fakturafdp.exe"],
    ["zero-width spaces inside", "Sprog\u200Bdata", "Sprogdata"],
    ["a joiner in an emoji sequence", "Godt gået 👩\u200D💻 ❤️", "Godt gået 👩\u200D💻 ❤️"],
    ["a joiner that joins nothing", "\u200Dhej\u200D du", "hej du"],
    ["Persian with a non-joiner", "می\u200Cخواهم", "می\u200Cخواهم"],
    ["Arabic, Hebrew and Greek as they are", "مرحبا שלום Γειά", "مرحبا שלום Γειά"],
  ])("%s", (_name, typed, expected) => {
    expect(normaliseText(typed)).toBe(expected);
  });

  it("leaves ordinary Danish text exactly as typed", () => {
    const text = "Sprogvurderingerne viser et fald – vi følger op på personalemødet (uge 6).\n\n- Punkt 1\n- Punkt 2";
    expect(normaliseText(text)).toBe(text);
    expect(cleanForDisplay(text)).toBe(text);
  });
});

describe("the organisation file and the templates are normalised the same way", () => {
  const org = () => parseYaml(readFileSync(resolve(import.meta.dirname, "../../config/organisation.example.yaml"), "utf8")) as { people: { name: string }[] };

  it("cleans names and refuses one with nothing visible in it", () => {
    const file = org();
    file.people[0]!.name = "Alex\u200B Wil\u0000ber\u202E";
    const ok = validateOrganisation(file);
    expect(ok.ok && ok.org.people[0]!.name).toBe("Alex Wilber");
    file.people[0]!.name = "\u200B\u2060";
    const bad = validateOrganisation(file);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.issues.map((i) => i.message).join()).toContain("må ikke være tom");
  });

  it("cleans a template's question text and help", () => {
    const raw = parseYaml(readFileSync(resolve(import.meta.dirname, "../../config/templates/1-1-ledelsesopfoelgning.yaml"), "utf8")) as { reflection: { roles: { leader: { questions: { text: string; help?: string }[] } } } };
    raw.reflection.roles.leader.questions[0]!.text = "Hvad\u200B viser\u0000 data?\u202E";
    raw.reflection.roles.leader.questions[0]!.help = "\u200B";
    const parsed = meetingTemplateSchema.parse(raw);
    expect(parsed.reflection.roles.leader!.questions[0]).toMatchObject({ text: "Hvad viser data?", help: "" });
  });
});

describe("Markup: our own Markdown, with people's text escaped inside it", () => {
  const render = (source: string) => new MarkdownIt().render(source);

  it("keeps the literal parts and escapes every value", () => {
    const m = md`**${"[x](https://evil.example) *y*"}** (frist ${"12.01.2027"})`;
    const html = render(m.source);
    expect(html).toContain("<strong>[x](https://evil.example) *y*</strong> (frist 12.01.2027)");
    expect(html).not.toContain("<a");
    expect(html).not.toContain("<em>");
  });

  it("escapes a value that would start a list or heading even after our own «- »", () => {
    const html = render(md`- ${"1. januar"}`.source);
    expect(html).not.toContain("<ol>");
    expect(render(joinMarkup([md`**a**`, "# b"], " · ").source).replace(/\u2060/g, "")).toContain("<strong>a</strong> · # b");
  });

  it("makes a link only to an address of ours, with the label escaped", () => {
    expect(render(mdLink("Hent *fil*", "https://bot.example/export/a_b-c").source)).toContain('<a href="https://bot.example/export/a_b-c">Hent *fil*</a>');
    expect(() => mdLink("x", "javascript:alert(1)")).toThrow();
  });

  it("escapes nothing in ordinary Danish text", () => {
    for (const t of ["Sprogvurderingerne viser et fald.", "Møde 12.01.2027 kl. 09.00 (uge 2)", "Børn & unge: 3 ud af 4"]) expect(escapeMarkdown(t)).toBe(t);
  });

  it("cannot be made from a plain string", () => {
    const forged = JSON.parse('{"$markup":"[x](https://evil.example)"}') as unknown;
    expect(render(escapeMarkdown(String((forged as { $markup: string }).$markup)))).not.toContain("<a");
  });
});
