import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { CARDS_DIR } from "../src/cards/template.js";
import { cardSamples } from "./card-samples.js";

/** Writes cards/<name>.sample.json for every template. */
for (const [name, data] of Object.entries(cardSamples)) {
  writeFileSync(resolve(CARDS_DIR, `${name}.sample.json`), `${JSON.stringify(data, null, 2)}\n`);
  console.log(`cards/${name}.sample.json`);
}
