import { writeFileSync } from "node:fs";

/** A person of a generated organisation: id, Entra object id (a GUID) and e-mail. */
export interface OrgPerson {
  id: string;
  aadObjectId: string;
  email: string;
}

const guid = (n: number) => `10000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/**
 * Writes an organisation file with one chief and `units` dagtilbud, each with a leader and two
 * pædagogiske ledere, everyone with an e-mail address (so each is invited to their events).
 */
export function writeChiefWithUnits(path: string, units: number): { chief: OrgPerson; unitIds: string[]; people: OrgPerson[] } {
  let n = 0;
  const person = (id: string): OrgPerson => ({ id, aadObjectId: guid(++n), email: `${id}@storkommune.dk` });
  const chief = person("chef");
  const people = [chief];
  const unitLines: string[] = [];
  const unitIds: string[] = [];
  for (let i = 0; i < units; i++) {
    const id = `enhed-${String(i).padStart(3, "0")}`;
    unitIds.push(id);
    const leader = person(`leder-${i}`);
    const pls = [person(`pl-${i}-a`), person(`pl-${i}-b`)];
    people.push(leader, ...pls);
    unitLines.push(`      - id: ${id}`, `        name: Dagtilbud ${String(i).padStart(3, "0")}`, "        type: dagtilbud", `        leaders: [${leader.id}]`, `        pedagogicalLeaders: [${pls.map((p) => p.id).join(", ")}]`);
  }
  const lines = [
    "kommune: Stor Kommune",
    "people:",
    ...people.flatMap((p) => [`  - id: ${p.id}`, `    name: Person ${p.id}`, `    aadObjectId: ${p.aadObjectId}`, `    email: ${p.email}`]),
    "areas:",
    "  - id: stor",
    "    name: Område Stor",
    `    chiefs: [${chief.id}]`,
    "    units:",
    ...unitLines,
  ];
  writeFileSync(path, `${lines.join("\n")}\n`);
  return { chief, unitIds, people };
}
