import { writeFileSync } from "node:fs";

/** A person of a generated organisation: id, Entra object id (a GUID) and e-mail. */
export interface OrgPerson {
  id: string;
  aadObjectId: string;
  email: string;
}

const guid = (n: number) => `10000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/**
 * Writes an organisation file with `areas` areas, each with one chief and `unitsPerArea` dagtilbud,
 * each with a leader and `pedagogicalLeaders` pædagogiske ledere, everyone with an e-mail address
 * (so each is invited to their events), and the dagtilbud's læringsloop 2027–2028.
 */
export function writeOrganisation(path: string, opts: { areas: number; unitsPerArea: number; pedagogicalLeaders: number }): { chiefs: { chief: OrgPerson; unitIds: string[] }[]; people: OrgPerson[] } {
  let n = 0;
  const person = (id: string): OrgPerson => ({ id, aadObjectId: guid(++n), email: `${id}@storkommune.dk` });
  const people: OrgPerson[] = [];
  const areaLines: string[] = [];
  const chiefs: { chief: OrgPerson; unitIds: string[] }[] = [];
  for (let a = 0; a < opts.areas; a++) {
    const chief = person(opts.areas === 1 ? "chef" : `chef-${a}`);
    people.push(chief);
    const unitIds: string[] = [];
    areaLines.push(`  - id: omraade-${a}`, `    name: Område ${a}`, `    chiefs: [${chief.id}]`, "    units:");
    for (let u = 0; u < opts.unitsPerArea; u++) {
      const i = a * opts.unitsPerArea + u;
      const id = `enhed-${String(i).padStart(3, "0")}`;
      unitIds.push(id);
      const leader = person(`leder-${i}`);
      const pls = Array.from({ length: opts.pedagogicalLeaders }, (_, k) => person(`pl-${i}-${String.fromCharCode(97 + k)}`));
      people.push(leader, ...pls);
      areaLines.push(`      - id: ${id}`, `        name: Dagtilbud ${String(i).padStart(3, "0")}`, "        type: dagtilbud", `        leaders: [${leader.id}]`, `        pedagogicalLeaders: [${pls.map((p) => p.id).join(", ")}]`);
    }
    chiefs.push({ chief, unitIds });
  }
  const lines = [
    "kommune: Stor Kommune",
    "people:",
    ...people.flatMap((p) => [`  - id: ${p.id}`, `    name: Person ${p.id}`, `    aadObjectId: ${p.aadObjectId}`, `    email: ${p.email}`]),
    "areas:",
    ...areaLines,
    "loops:",
    "  - id: 0-6-2027",
    "    name: 2027–2028, 0–6-årsområdet",
    "    start: 2027-01-01",
    "    unitTypes: [dagtilbud]",
    "    themes:",
    "      - { id: sprog, title: Sprog og kommunikation }",
    "      - { id: trivsel, title: Trivsel og fællesskaber }",
  ];
  writeFileSync(path, `${lines.join("\n")}\n`);
  return { chiefs, people };
}

/** One chief with `units` dagtilbud, each with a leader and two pædagogiske ledere. */
export function writeChiefWithUnits(path: string, units: number): { chief: OrgPerson; unitIds: string[]; people: OrgPerson[] } {
  const { chiefs, people } = writeOrganisation(path, { areas: 1, unitsPerArea: units, pedagogicalLeaders: 2 });
  return { ...chiefs[0]!, people };
}
