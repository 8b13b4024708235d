/**
 * `npm run cards:pictures`: renders every card template with its sample data (cards/*.sample.json)
 * in headless Chromium with the official `adaptivecards` renderer and a Teams-like light host
 * config, and writes docs/cards/<name>.png plus docs/cards/index.json (a fingerprint of each
 * template and sample, so a test can tell when a picture no longer matches its card).
 * Needs Debian's Chromium (`apt-get install -y chromium`, or CHROMIUM_PATH).
 * Date and time fields are the browser's own inputs and show in headless Chromium's format
 * (mm/dd/yyyy); Teams shows them in the user's language.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { CARD_NAMES, CARDS_DIR, expand } from "../src/cards/template.js";
import { reviveMarkup } from "../src/lib/markup.js";
import { cardFingerprint } from "./card-fingerprint.js";
import { teamsLightHostConfig } from "./teams-host-config.js";

const OUT = resolve(import.meta.dirname, "../docs/cards");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const renderer = createRequire(import.meta.url).resolve("adaptivecards/dist/adaptivecards.min.js");

mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const page = await browser.newPage({ locale: "da-DK", viewport: { width: 520, height: 800 }, deviceScaleFactor: 2 });
await page.setContent(`<!doctype html><html lang="da"><head><meta charset="utf-8"><style>
  body { margin: 0; background: #f5f5f5; font-family: "Segoe UI", "DejaVu Sans", sans-serif; }
  #frame { width: 440px; margin: 16px; background: #fff; border-radius: 6px; box-shadow: 0 1px 3px rgba(0,0,0,.18); padding: 16px; }
  .ac-pushButton { border: 1px solid #d1d1d1; background: #fff; border-radius: 4px; padding: 5px 12px; font-weight: 600; color: #242424; }
  .ac-pushButton.style-positive { background: #5b5fc7; border-color: #5b5fc7; color: #fff; }
  input, textarea, select { border: 1px solid #d1d1d1; border-radius: 4px; padding: 5px 8px; font: inherit; }
</style></head><body><div id="frame"></div></body></html>`);
await page.addScriptTag({ path: renderer });
await page.addScriptTag({ path: createRequire(import.meta.url).resolve("markdown-it/dist/markdown-it.min.js") });

const index: Record<string, string> = {};
for (const name of CARD_NAMES) {
  const sample = reviveMarkup(JSON.parse(readFileSync(join(CARDS_DIR, `${name}.sample.json`), "utf8"))) as object;
  const card = expand(name, sample);
  await page.evaluate(
    ({ card, hostConfig }) => {
      const AC = (globalThis as unknown as { AdaptiveCards: Record<string, any> }).AdaptiveCards; // eslint-disable-line @typescript-eslint/no-explicit-any
      // Teams renders a Markdown subset (bold, italic, lists, links) with markdown-it on desktop and web.
      const markdownit = (globalThis as unknown as { markdownit: () => { disable(rules: string[]): { render(text: string): string } } }).markdownit;
      const md = markdownit().disable(["image", "table", "heading", "hr", "code", "reference", "lheading", "html_block", "fence", "blockquote", "strikethrough"]);
      AC.AdaptiveCard.onProcessMarkdown = (text: string, result: { outputHtml: string; didProcess: boolean }) => {
        result.outputHtml = md.render(text);
        result.didProcess = true;
      };
      const ac = new AC.AdaptiveCard();
      ac.hostConfig = new AC.HostConfig(hostConfig);
      ac.parse(card);
      const frame = (globalThis as unknown as { document: { getElementById(id: string): { replaceChildren(...n: unknown[]): void } } }).document.getElementById("frame");
      frame.replaceChildren(ac.render());
    },
    { card, hostConfig: teamsLightHostConfig },
  );
  await page.locator("#frame").screenshot({ path: join(OUT, `${name}.png`) });
  index[name] = cardFingerprint(name);
  console.log(`docs/cards/${name}.png`);
}
writeFileSync(join(OUT, "index.json"), `${JSON.stringify(index, null, 2)}\n`);
await browser.close();
