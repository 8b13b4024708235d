import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_TEMPLATES_DIR } from "../../src/bot.js";
import { readTemplates, TemplateFileError } from "../../src/store/template-loader.js";

const copyTemplates = (edit?: (name: string, text: string) => string): string => {
  const dir = mkdtempSync(join(tmpdir(), "laeringsloop-templates-"));
  for (const f of readdirSync(DEFAULT_TEMPLATES_DIR).filter((f) => f.endsWith(".yaml"))) {
    const text = readFileSync(join(DEFAULT_TEMPLATES_DIR, f), "utf8");
    writeFileSync(join(dir, f), edit ? edit(f, text) : text);
  }
  return dir;
};

describe("meeting templates as data files", () => {
  it("reads the four shipped templates with a question set per role", () => {
    const t = readTemplates(DEFAULT_TEMPLATES_DIR);
    expect(Object.keys(t).sort()).toEqual(["1-1-ledelsesopfoelgning", "1-1-paedagogisk-leder", "laeringssamtale-foerste", "laeringssamtale-opfoelgende"]);
    const first = t["laeringssamtale-foerste"].reflection.roles;
    expect(Object.keys(first)).toEqual(["chair", "leader", "paedagogisk_leder", "afdelingslederrepraesentant", "medarbejderrepraesentant", "bestyrelsesrepraesentant", "ungerepraesentant", "konsulent", "ad_hoc"]);
    expect(first.leader!.questions.map((q) => q.source).filter(Boolean)).toEqual(["A", "B", "C", "D", "E"]);
    expect(t["laeringssamtale-foerste"].agenda.map((a) => a.step).filter(Boolean)).toEqual(["data", "refleksion", "beslutning", "beslutning", "opfoelgning"]);
    // Input A only for those who can open the datapakke (seed 002).
    for (const id of ["laeringssamtale-foerste", "laeringssamtale-opfoelgende"] as const) {
      const roles = t[id].reflection.roles;
      for (const role of ["bestyrelsesrepraesentant", "ungerepraesentant", "medarbejderrepraesentant", "ad_hoc"] as const) expect(roles[role]!.questions.some((q) => q.source === "A")).toBe(false);
      for (const role of ["chair", "leader", "paedagogisk_leder", "afdelingslederrepraesentant", "konsulent"] as const) expect(roles[role]!.questions.some((q) => q.source === "A")).toBe(true);
      expect(roles.leader!.questions.find((q) => q.source === "A")!.required).toBe(true);
      expect(roles.bestyrelsesrepraesentant!.questions.find((q) => q.source === "D")!.required).toBe(true);
      // The roles seed 002 adds (issue 21, point 6): nothing required of the afdelingslederrepræsentant, an ad hoc guest is asked one optional question.
      expect(roles.afdelingslederrepraesentant!.questions.filter((q) => q.required)).toEqual([]);
      expect(roles.ad_hoc!.questions.map((q) => `${q.id}:${q.required}`)).toEqual(["ad_hoc_faglighed:false"]);
    }
    // A 1:1 asks for little: at most two questions, none required, only the leader fills it.
    for (const id of ["1-1-ledelsesopfoelgning", "1-1-paedagogisk-leder"] as const) {
      expect(Object.keys(t[id].reflection.roles)).toEqual(["leader"]);
      expect(t[id].reflection.roles.leader!.questions.length).toBeLessThanOrEqual(2);
      expect(t[id].reflection.roles.leader!.questions.filter((q) => q.required)).toEqual([]);
    }
  });

  it("no template mentions læringsmiljøobservationer, which the framework drops (seed 002: «udgår»)", () => {
    // The templates themselves: the folder's README says why they are gone, and may name them.
    const files = readdirSync(DEFAULT_TEMPLATES_DIR).filter((f) => f.endsWith(".yaml"));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) expect(readFileSync(join(DEFAULT_TEMPLATES_DIR, f), "utf8")).not.toMatch(/læringsmiljøobservation/i);
  });

  it("still reads a template in the old shape (one set for all) as one set per role", () => {
    const oldShape = (fillers: string) => `reflection:
  intro: "Skriv kort."
  fillers: ${fillers}
  questions:
    - { id: data, text: "Hvad viser data?", required: true }
    - { id: sparring, text: "Sparring?", required: false }
`;
    const dir = copyTemplates((name, text) =>
      name === "1-1-ledelsesopfoelgning.yaml" || name === "laeringssamtale-opfoelgende.yaml"
        ? text.replace(/^reflection:\n[\s\S]*?(?=^form:)/m, oldShape(name.startsWith("1-1") ? "leader" : "participants"))
        : text,
    );
    const t = readTemplates(dir);
    expect(Object.keys(t["1-1-ledelsesopfoelgning"].reflection.roles)).toEqual(["leader"]);
    expect(t["1-1-ledelsesopfoelgning"].reflection.roles.leader!.questions.map((q) => `${q.id}:${q.required}`)).toEqual(["data:true", "sparring:false"]);
    const later = t["laeringssamtale-opfoelgende"].reflection.roles;
    expect(Object.keys(later)).toEqual(["chair", "leader", "paedagogisk_leder", "afdelingslederrepraesentant", "medarbejderrepraesentant", "bestyrelsesrepraesentant", "ungerepraesentant", "konsulent", "ad_hoc"]);
    expect(later.bestyrelsesrepraesentant!.questions.map((q) => q.id)).toEqual(["data", "sparring"]);
  });

  it("rejects a reflection with both shapes, or neither, with a clear message", () => {
    const problemsOf = (replacement: string): string[] => {
      const dir = copyTemplates((name, text) => (name === "1-1-ledelsesopfoelgning.yaml" ? text.replace(/^reflection:\n[\s\S]*?(?=^form:)/m, replacement) : text));
      try {
        readTemplates(dir);
      } catch (e) {
        return (e as TemplateFileError).problems;
      }
      return [];
    };
    const both = problemsOf(`reflection:
  intro: "Skriv kort."
  fillers: leader
  questions: [{ id: data, text: "Data?", required: false }]
  roles: { leader: { questions: [{ id: data, text: "Data?", required: false }] } }
`);
    expect(both).toHaveLength(1);
    expect(both[0]).toMatch(/1-1-ledelsesopfoelgning\.yaml:\d+: reflection skal have enten spørgsmål pr\. rolle \(roles\) eller den gamle form .*ikke begge \(use either roles or the old fillers\/questions, not both\)/);
    const neither = problemsOf(`reflection:
  intro: "Skriv kort."
`);
    expect(neither).toEqual([expect.stringMatching(/1-1-ledelsesopfoelgning\.yaml:\d+: reflection mangler spørgsmål pr\. rolle \(roles\)/)]);
    const unknownRole = problemsOf(`reflection:
  intro: "Skriv kort."
  roles: { forælder: { questions: [{ id: data, text: "Data?", required: false }] } }
`);
    expect(unknownRole).toContainEqual(expect.stringMatching(/1-1-ledelsesopfoelgning\.yaml:\d+: reflection\.roles må kun have rollerne chair, leader, paedagogisk_leder, afdelingslederrepraesentant, medarbejderrepraesentant, bestyrelsesrepraesentant, ungerepraesentant, konsulent, ad_hoc/));
    const twice = problemsOf(`reflection:
  intro: "Skriv kort."
  roles:
    leader:
      questions:
        - { id: data, text: "Data?", required: false }
        - { id: data, text: "Data igen?", required: false }
`);
    expect(twice).toEqual([expect.stringMatching(/1-1-ledelsesopfoelgning\.yaml:\d+: reflection\.roles\.leader\.questions\[1\]\.id "data" står der to gange/)]);
  });

  it("rejects a bad template with file, line and field in Danish, and a missing one by name", () => {
    const dir = copyTemplates((name, text) => (name === "1-1-ledelsesopfoelgning.yaml" ? text.replace("required: false", "required: ja") : text));
    let err: unknown;
    try {
      readTemplates(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TemplateFileError);
    const problems = (err as TemplateFileError).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/1-1-ledelsesopfoelgning\.yaml:\d+: reflection\.roles\.leader\.questions\[0\]\.required skal være true eller false/);
  });
});
