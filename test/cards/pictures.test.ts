import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { cardFingerprint } from "../../scripts/card-fingerprint.js";
import { CARD_NAMES } from "../../src/cards/template.js";

const DOCS = resolve(import.meta.dirname, "../../docs/cards");

describe("card pictures in docs/cards", () => {
  const index = JSON.parse(readFileSync(resolve(DOCS, "index.json"), "utf8")) as Record<string, string>;

  it.each(CARD_NAMES)("%s has a picture of its current template and sample (else: npm run cards:pictures)", (name) => {
    const png = resolve(DOCS, `${name}.png`);
    expect(existsSync(png)).toBe(true);
    expect(readFileSync(png).subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(index[name], `docs/cards/${name}.png is older than cards/${name}.json or its sample`).toBe(cardFingerprint(name));
  });
});
