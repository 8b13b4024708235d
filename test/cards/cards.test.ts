import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import * as AC from "adaptivecards";
import { describe, expect, it } from "vitest";
import { cardSamples } from "../../scripts/card-samples.js";
import { EXAMPLE_ORG_FILE } from "../../src/bot.js";
import { loopEnd } from "../../src/domain/organisation-file.js";
import { readOrganisationFile } from "../../src/store/organisation-file-loader.js";
import { CARD_NAMES, CARDS_DIR, expand } from "../../src/cards/template.js";
import { actionHandlers } from "../../src/teams/handlers/actions/index.js";
import { verbs } from "../../src/teams/verbs.js";
import { strings } from "../../src/lib/strings.da.js";

const MAX_CARD_BYTES = 28 * 1024;

/** Parses a card with the official renderer's object model and returns every problem it reports. */
function problems(card: object): string[] {
  const ctx = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, ctx);
  const out: string[] = [];
  for (let i = 0; i < ctx.eventCount; i++) {
    const e = ctx.getEventAt(i);
    out.push(`${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  for (const e of parsed.validateProperties().validationEvents) out.push(`${AC.ValidationEvent[e.event]}: ${e.message}`);
  // The parser drops what it does not understand without always saying so: compare what survives.
  const before = JSON.stringify(card);
  const after = JSON.stringify(parsed.toJSON());
  // (An empty value is the same as none, and is not written back.)
  for (const key of ["verb", "id", "maxLength", "isRequired", "choices", "min", "value"]) {
    const count = (s: string) => (s.match(new RegExp(`"${key}":(?!"")`, "g")) ?? []).length;
    if (count(after) !== count(before)) out.push(`${key}: ${count(before)} in the card, ${count(after)} after parsing`);
  }
  return out;
}

/** Every Teams chart element (Chart.*) in a card. */
function chartsIn(node: unknown, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => chartsIn(n, found));
  else if (node && typeof node === "object") {
    const o = node as Record<string, unknown>;
    if (typeof o.type === "string" && o.type.startsWith("Chart.")) found.push(o);
    Object.values(o).forEach((v) => chartsIn(v, found));
  }
  return found;
}

/** Every Action.Execute verb anywhere in a card, including inside ShowCard sub-cards. */
function verbsIn(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => verbsIn(n, found));
  else if (node && typeof node === "object") {
    const o = node as Record<string, unknown>;
    if (o.type === "Action.Execute" && typeof o.verb === "string") found.add(o.verb);
    Object.values(o).forEach((v) => verbsIn(v, found));
  }
  return found;
}

/** Every element of one of these types anywhere in a card (ShowCard sub-cards included). */
function elementsOf(node: unknown, types: string[], found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => elementsOf(n, types, found));
  else if (node && typeof node === "object") {
    const o = node as Record<string, unknown>;
    if (typeof o.type === "string" && types.includes(o.type)) found.push(o);
    Object.values(o).forEach((v) => elementsOf(v, types, found));
  }
  return found;
}

describe("card templates", () => {
  it("has a sample for every template, equal to what the builders produce today", () => {
    for (const name of CARD_NAMES) {
      const onDisk = JSON.parse(readFileSync(resolve(CARDS_DIR, `${name}.sample.json`), "utf8"));
      expect(onDisk, `cards/${name}.sample.json is stale: run npm run cards:samples`).toEqual(JSON.parse(JSON.stringify(cardSamples[name])));
    }
  });

  it("samples a loop that starts as the example's derived one (0–6 from 1 March of an odd year, decision 0021)", () => {
    const example = readOrganisationFile(EXAMPLE_ORG_FILE).loops.find((l) => l.id === "0-6-2027")!;
    const lastDay = new Date(`${loopEnd(example.start)}T00:00:00Z`);
    lastDay.setUTCDate(lastDay.getUTCDate() - 1);
    // The årshjul may be moved up to the loop's last day.
    expect((cardSamples["year-wheel"] as { maxDate: string }).maxDate).toBe(lastDay.toISOString().slice(0, 10));
  });

  describe.each(CARD_NAMES)("%s", (name) => {
    const card = expand(name, cardSamples[name]);
    const json = JSON.stringify(card);

    it("is Adaptive Card 1.5 and parses without errors or warnings", () => {
      expect(card.version).toBe("1.5");
      // Teams' chart elements are unknown to the reference renderer (and the Agents Playground):
      // allowed only with a fallback, which is what those clients then show.
      const charts = chartsIn(card);
      for (const c of charts) expect((c.fallback as { type?: string } | undefined)?.type, `${String(c.type)} needs a fallback`).toBe("Container");
      const allowed = new Set(charts.map((c) => `UnknownElementType: Unknown element type "${String(c.type)}". Fallback will be used if present.`));
      expect(problems(card).filter((p) => !allowed.has(p))).toEqual([]);
    });

    it("fills every placeholder", () => {
      expect(json).not.toMatch(/\$\{/);
    });

    it(`stays under ${MAX_CARD_BYTES} bytes`, () => {
      expect(Buffer.byteLength(json, "utf8")).toBeLessThan(MAX_CARD_BYTES);
    });

    it("uses only Action.Execute buttons with verbs the bot handles", () => {
      const registered = new Set(Object.keys(actionHandlers));
      for (const v of verbsIn(card)) expect(registered, `verb ${v}`).toContain(v);
      expect(json).not.toMatch(/"Action\.Submit"/);
      // Action.OpenUrl only to open Teams' own new-meeting form («Føj til kalender», docs/decisions/0017-calendar-link.md)
      // or the unit's datapakke, an https address from the organisation file («Åbn datapakken», 0021).
      const links = [...json.matchAll(/"type":"Action\.OpenUrl","title":"([^"]*)","url":"([^"]*)"/g)].map((m) => ({ title: m[1], url: m[2]! }));
      expect(links.length).toBe((json.match(/"Action\.OpenUrl"/g) ?? []).length);
      for (const { title, url } of links) {
        if (title === strings.timing.datapakkeButton) expect(url).toMatch(/^https:\/\/[^\s"]+$/);
        else expect(url).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meeting\/new\?/);
      }
    });
  });

  it("gives every date and time field a Danish placeholder (else Teams shows «Select a date…»)", () => {
    let fields = 0;
    for (const name of CARD_NAMES) {
      const template = JSON.parse(readFileSync(resolve(CARDS_DIR, `${name}.json`), "utf8"));
      for (const input of elementsOf(template, ["Input.Date", "Input.Time"])) {
        fields += 1;
        expect(input.placeholder, `${name}: ${String(input.id)}`).toBe(input.type === "Input.Date" ? "${$root.datePlaceholder}" : "${$root.timePlaceholder}");
      }
      for (const input of elementsOf(expand(name, cardSamples[name]), ["Input.Date", "Input.Time"])) {
        expect(input.placeholder, `${name}: ${String(input.id)}`).toBe(input.type === "Input.Date" ? strings.generic.datePlaceholder : strings.generic.timePlaceholder);
      }
    }
    expect(fields).toBe(16); // 13, the initiatives card's from and evaluation dates, and the board's afrapportering's frist
  });

  it("registers a handler for every verb, and the templates use every verb", () => {
    const all = new Set<string>();
    for (const name of CARD_NAMES) verbsIn(JSON.parse(readFileSync(resolve(CARDS_DIR, `${name}.json`), "utf8")), all);
    expect(new Set(Object.keys(actionHandlers))).toEqual(new Set(Object.values(verbs)));
    expect([...all].sort()).toEqual(Object.values(verbs).sort());
  });
});
