import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CARDS_DIR } from "../src/cards/template.js";
import { teamsLightHostConfig } from "./teams-host-config.js";

/** A hash of what a card picture shows: its template, its sample data and the host config. */
export function cardFingerprint(name: string): string {
  const h = createHash("sha256");
  for (const file of [`${name}.json`, `${name}.sample.json`]) h.update(readFileSync(join(CARDS_DIR, file)));
  h.update(JSON.stringify(teamsLightHostConfig));
  return h.digest("hex").slice(0, 16);
}
