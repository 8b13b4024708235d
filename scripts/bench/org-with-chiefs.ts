import { readFileSync, writeFileSync } from "node:fs";
import { parse, stringify } from "yaml";
import { EXAMPLE_ORG_FILE } from "../../src/bot.js";

/** A person to add to the organisation file. */
export interface ExtraPerson {
  id: string;
  name: string;
  aadObjectId: string;
}

/**
 * Writes the example organisation to `path` with `extra` people added and every person a chief of
 * its first area (Område Midt). The delivery runs (the benchmark, the crash tests) send everyone
 * the card about what weighs on a unit, and that card goes only to a chief of the unit (decision
 * 0020); the bot imports its organisation file at every start, so the roles must be in the file.
 */
export function writeOrgWithChiefs(path: string, extra: ExtraPerson[] = []): string {
  const org = parse(readFileSync(EXAMPLE_ORG_FILE, "utf8")) as { people: (Omit<ExtraPerson, "aadObjectId"> & { aadObjectId?: string })[]; areas: { chiefs: string[] }[] };
  // A chief has Teams: the example's people outside Teams (decision 0025) get an Entra id here.
  org.people.forEach((p, i) => {
    p.aadObjectId ??= `00000000-0000-0000-0000-${String(900_000_000_000 + i).padStart(12, "0")}`;
  });
  org.people.push(...extra);
  org.areas[0]!.chiefs = org.people.map((p) => p.id);
  writeFileSync(path, stringify(org));
  return path;
}
