import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ageGroupOf, DEFAULT_LOOP_START_DAY, derivationIssue, discussedIn } from "../../src/domain/loop-start.js";
import { loopEnd, validateOrganisation } from "../../src/domain/organisation-file.js";
import { proposeYearWheel } from "../../src/domain/year-wheel.js";
import { createWorkingCalendar } from "../../src/lib/working-calendar.js";
import { readFileSync } from "node:fs";
import { parse } from "yaml";

/**
 * When a læringsloop begins (decision 0021, seed 002): right after the political discussion of the
 * quality report, 6–18 in even years, 0–6 in odd ones; derived from the age group unless the file sets it.
 */
const people = [{ id: "alex", name: "Alex Wilber", aadObjectId: "a1" }, { id: "megan", name: "Megan Bowen", aadObjectId: "a2" }];
const areas = [
  {
    id: "midt",
    name: "Område Midt",
    chiefs: ["alex"],
    units: [
      { id: "solsikken", name: "Dagtilbud Solsikken", type: "dagtilbud", leaders: ["megan"] },
      { id: "aaskolen", name: "Åskolen", type: "skole", leaders: ["megan"] },
    ],
  },
];
const themes = [{ id: "sprog", title: "Sprog" }];
const file = (loops: object[], extra: object = {}) => ({ people, areas, loops, ...extra });

function loopsOf(raw: object) {
  const r = validateOrganisation(raw);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("\n"));
  return r.org.loops.map((l) => ({ id: l.id, start: l.start }));
}
function problems(raw: object): string[] {
  const r = validateOrganisation(raw);
  return r.ok ? [] : r.issues.map((i) => `${i.path.join(".")} ${i.message}`);
}

describe("the age group decides the year of the political discussion", () => {
  it.each([
    ["dagtilbud", "0-6", 2027, true],
    ["dagtilbud", "0-6", 2028, false],
    ["skole", "6-18", 2028, true],
    ["fu", "6-18", 2027, false],
  ] as const)("%s is %s; its report is discussed in %i: %s", (type, group, year, discussed) => {
    expect(ageGroupOf(type)).toBe(group);
    expect(discussedIn(group, year)).toBe(discussed);
  });
});

describe("a loop's start is derived from its age group unless the file sets it", () => {
  it("a dagtilbud loop starts in an odd year, a skole/FU loop in an even one, on the default day (1 March)", () => {
    expect(DEFAULT_LOOP_START_DAY).toBe("03-01");
    expect(loopsOf(file([
      { id: "0-6-2027", name: "0–6", year: 2027, unitTypes: ["dagtilbud"], themes },
      { id: "6-18-2028", name: "6–18", year: 2028, unitTypes: ["skole", "fu"], themes },
    ]))).toEqual([{ id: "0-6-2027", start: "2027-03-01" }, { id: "6-18-2028", start: "2028-03-01" }]);
    expect(loopEnd("2027-03-01")).toBe("2029-03-01");
  });

  it("the organisation's loopStartDay moves the derived start (when the political discussion usually is)", () => {
    expect(loopsOf(file([{ id: "0-6-2027", name: "0–6", year: 2027, unitTypes: ["dagtilbud"], themes }], { loopStartDay: "04-15" }))).toEqual([{ id: "0-6-2027", start: "2027-04-15" }]);
  });

  it("an explicit start wins, also one in a year the rule would not choose", () => {
    expect(loopsOf(file([
      { id: "0-6-x", name: "0–6", start: "2028-08-01", unitTypes: ["dagtilbud"], themes },
      { id: "blandet", name: "alle", start: "2031-01-15", unitTypes: ["dagtilbud", "skole"], themes },
    ], { loopStartDay: "04-15" }))).toEqual([{ id: "0-6-x", start: "2028-08-01" }, { id: "blandet", start: "2031-01-15" }]);
  });

  it("refuses in Danish: a year against the age group, a mixed loop without start, both or neither, a malformed start or day", () => {
    expect(derivationIssue(["skole"], 2027)).toContain("6–18-årsområdets kvalitetsrapport drøftes politisk i lige år, ikke 2027");
    expect(problems(file([{ id: "a", name: "a", year: 2028, unitTypes: ["dagtilbud"], themes }]))).toEqual([
      "loops.0.year 0–6-årsområdets kvalitetsrapport drøftes politisk i ulige år, ikke 2028: skriv 2027 eller 2029, eller skriv start (en dato), hvis loopet skal begynde et andet år",
    ]);
    expect(problems(file([{ id: "a", name: "a", year: 2027, unitTypes: ["dagtilbud", "fu"], themes }]))[0]).toContain("blander 0–6 og 6–18 år");
    expect(problems(file([{ id: "a", name: "a", year: 2027, start: "2027-03-01", unitTypes: ["dagtilbud"], themes }]))).toEqual(["loops.0.year skriv enten year (året for den politiske drøftelse) eller start (en dato), ikke begge"]);
    expect(problems(file([{ id: "a", name: "a", unitTypes: ["dagtilbud"], themes }]))[0]).toMatch(/^loops\.0\.year mangler: skriv year/);
    expect(problems(file([{ id: "a", name: "a", start: "2027-3-1", unitTypes: ["dagtilbud"], themes }]))).toEqual(["loops.0.start skal være en dato som 2027-01-01"]);
    expect(problems(file([{ id: "a", name: "a", start: "2027-02-30", unitTypes: ["dagtilbud"], themes }]))).toEqual(["loops.0.start er ikke en gyldig dato"]);
    expect(problems(file([{ id: "a", name: "a", year: "2027", unitTypes: ["dagtilbud"], themes }]))).toEqual(["loops.0.year skal være et årstal som 2027"]);
    expect(problems(file([{ id: "a", name: "a", year: 2027, unitTypes: [], themes }]))).toEqual(["loops.0.unitTypes skal nævne mindst én enhedstype"]);
    expect(problems(file([], { loopStartDay: "02-29" }))).toEqual(["loopStartDay skal være en dag som 03-01 (måned-dag, ikke 29. februar)"]);
    expect(problems(file([], { loopStartDay: "3. marts" }))).toEqual(["loopStartDay skal være en dag som 03-01 (måned-dag, ikke 29. februar)"]);
  });

  it("two derived loops of one age group two years apart do not overlap; one year apart they do", () => {
    expect(loopsOf(file([
      { id: "a", name: "a", year: 2027, unitTypes: ["dagtilbud"], themes },
      { id: "b", name: "b", year: 2029, unitTypes: ["dagtilbud"], themes },
    ]))).toEqual([{ id: "a", start: "2027-03-01" }, { id: "b", start: "2029-03-01" }]);
    expect(problems(file([
      { id: "a", name: "a", year: 2027, unitTypes: ["dagtilbud"], themes },
      { id: "b", name: "b", start: "2028-03-01", unitTypes: ["dagtilbud"], themes },
    ]))).toEqual(["loops.1.start overlapper læringsloopet i loops[0] for dagtilbud (et læringsloop varer to år)"]);
  });

  it("the example organisation follows the rule: no loop sets its start, 0–6 in an odd year, 6–18 in an even one", () => {
    const raw = parse(readFileSync(resolve(import.meta.dirname, "../../config/organisation.example.yaml"), "utf8")) as { loops: { start?: string; year?: number }[] };
    expect(raw.loops.every((l) => l.start === undefined && typeof l.year === "number")).toBe(true);
    const r = validateOrganisation(raw);
    if (!r.ok) throw new Error("the example is valid");
    for (const l of r.org.loops) {
      const year = Number(l.start.slice(0, 4));
      for (const type of l.unitTypes) expect(discussedIn(ageGroupOf(type), year), `${l.id} ${type}`).toBe(true);
    }
  });

  it("the first læringssamtale of a derived loop comes right after the political discussion: in the spring of its start year", () => {
    const calendar = createWorkingCalendar({ closedDays: ["12-24", "12-31"] });
    for (const start of ["2027-03-01", "2028-03-01"]) {
      const plan = proposeYearWheel({ loopStart: start, years: 2, calendar });
      const samtaler = plan.filter((m) => m.kind === "laeringssamtale").map((m) => m.date);
      expect(samtaler).toHaveLength(4);
      expect(samtaler[0]!.slice(0, 7) >= start.slice(0, 7) && samtaler[0]! < `${start.slice(0, 4)}-06-01`).toBe(true);
      // The fourth, in the second autumn, comes before the next report (two years after the start).
      expect(samtaler[3]! < loopEnd(start)).toBe(true);
    }
  });
});

describe("a unit's datapakke per loop in the organisation file", () => {
  const withDatapakker = (datapakker: unknown, loops: object[] = [{ id: "0-6-2027", name: "0–6", year: 2027, unitTypes: ["dagtilbud"], themes }]) =>
    file(loops, { areas: [{ ...areas[0], units: [{ ...areas[0]!.units[0], datapakker }, areas[0]!.units[1]] }] });

  it("takes an https address per loop of the unit's type", () => {
    const r = validateOrganisation(withDatapakker({ "0-6-2027": "https://lis.kommune.dk/datapakke?enhed=solsikken" }));
    expect(r.ok && r.org.areas[0]!.units[0]!.datapakker).toEqual({ "0-6-2027": "https://lis.kommune.dk/datapakke?enhed=solsikken" });
    // Stored as the parser reads it, which is what the button opens.
    const parsed = validateOrganisation(withDatapakker({ "0-6-2027": "https://LIS.Kommune.dk/børn?x=æ" }));
    expect(parsed.ok && parsed.org.areas[0]!.units[0]!.datapakker).toEqual({ "0-6-2027": "https://lis.kommune.dk/b%C3%B8rn?x=%C3%A6" });
    const bare = validateOrganisation(withDatapakker({ "0-6-2027": "https://lis.kommune.dk" }));
    expect(bare.ok && bare.org.areas[0]!.units[0]!.datapakker).toEqual({ "0-6-2027": "https://lis.kommune.dk/" });
    // None given: none.
    const none = validateOrganisation(file([]));
    expect(none.ok && none.org.areas[0]!.units[0]!.datapakker).toEqual({});
  });

  it("refuses in Danish what is not https, has spaces, names an unknown loop or a loop of another unit type", () => {
    const https = "skal være en https-adresse uden mellemrum (fx https://lis.kommune.dk/datapakke)";
    expect(problems(withDatapakker({ "0-6-2027": "http://lis.kommune.dk/x" }))).toEqual([`areas.0.units.0.datapakker.0-6-2027 ${https}`]);
    expect(problems(withDatapakker({ "0-6-2027": "javascript:alert(1)" }))).toEqual([`areas.0.units.0.datapakker.0-6-2027 ${https}`]);
    expect(problems(withDatapakker({ "0-6-2027": "https://lis.kommune.dk/a b" }))).toEqual([`areas.0.units.0.datapakker.0-6-2027 ${https}`]);
    expect(problems(withDatapakker({ "0-6-2027": "lis.kommune.dk" }))).toEqual([`areas.0.units.0.datapakker.0-6-2027 ${https}`]);
    // Only the form https://host/… as written: what the parser would repair opens another address than the file gives.
    for (const u of ["https:lis.kommune.dk/x", "https:\\\\lis.kommune.dk\\x", "https:///lis.kommune.dk", "HTTPS://lis.kommune.dk/x", "https:/lis.kommune.dk/x", "https://lis.kommune.dk\\evil.dk/x", "https://lis.kommune.dk/a\\b", "https://@lis.kommune.dk/x", "https://lis.kommune.dk/a\tb"]) {
      expect(problems(withDatapakker({ "0-6-2027": u })), u).toEqual([`areas.0.units.0.datapakker.0-6-2027 ${https}`]);
    }
    // Invisible and direction-changing characters, which the card would strip from what it shows.
    const invisible = "areas.0.units.0.datapakker.0-6-2027 indeholder et usynligt tegn eller en retningsmarkering (fx U+200B eller U+202E): skriv adressen igen uden";
    for (const u of ["https://lis.kommune.dk/\u200Bx", "https://lis.kommune.dk/\u202Ekd.live", "https://lis\u200D.kommune.dk/x", "https://lis.kommune.dk/x\u2066", "https://lis.kommune.dk/\u00ADx"]) {
      expect(problems(withDatapakker({ "0-6-2027": u })), JSON.stringify(u)).toEqual([invisible]);
    }
    expect(problems(withDatapakker({ "0-6-2029": "https://lis.kommune.dk/x" }))).toEqual(['areas.0.units.0.datapakker.0-6-2029 "0-6-2029" findes ikke under loops']);
    expect(problems(withDatapakker({ "6-18-2028": "https://lis.kommune.dk/x" }, [{ id: "6-18-2028", name: "6–18", year: 2028, unitTypes: ["skole"], themes }]))).toEqual([
      'areas.0.units.0.datapakker.6-18-2028 læringsloopet "6-18-2028" gælder ikke enhedstypen dagtilbud',
    ]);
    expect(problems(withDatapakker(["https://lis.kommune.dk/x"]))[0]).toContain("skal være loop-id'er med en adresse hver");
  });
});
