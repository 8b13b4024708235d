import { describe, expect, it } from "vitest";
import { EXAMPLE_ORG_FILE } from "../../src/bot.js";
import { validateOrganisation } from "../../src/domain/organisation-file.js";
import { readOrganisationFile } from "../../src/store/organisation-file-loader.js";

/** People without a Teams account in the organisation file (issue 22, point 1; decision 0025). */
describe("people outside Teams in the organisation file", () => {
  const file = (people: Record<string, unknown>[], unit: Record<string, unknown> = {}, area: Record<string, unknown> = {}) => ({
    people: [{ id: "alex", name: "Alex Wilber", aadObjectId: "aad-alex" }, { id: "megan", name: "Megan Bowen", aadObjectId: "aad-megan" }, ...people],
    areas: [{ id: "midt", name: "Midt", chiefs: ["alex"], ...area, units: [{ id: "u", name: "Enheden", type: "skole", leaders: ["megan"], ...unit }] }],
  });
  const problems = (raw: unknown) => {
    const r = validateOrganisation(raw);
    return r.ok ? [] : r.issues.map((i) => `${i.path.join(".")} ${i.message}`);
  };

  it("accepts a board or youth representative without aadObjectId, with an e-mail or a Danish phone (stored as +45 12 34 56 78)", () => {
    for (const [written, stored] of [["12345678", "+45 12 34 56 78"], ["+45 12 34 56 78", "+45 12 34 56 78"], ["+4512345678", "+45 12 34 56 78"], [" 20 30 40 50 ", "+45 20 30 40 50"]] as const) {
      const r = validateOrganisation(file([{ id: "ida", name: "Ida Elev", phone: written }], { youthRepresentatives: ["ida"] }));
      expect(r.ok && r.org.people.find((p) => p.id === "ida")).toMatchObject({ phone: stored });
      expect(r.ok && r.org.people.find((p) => p.id === "ida")?.aadObjectId).toBeUndefined();
    }
    expect(problems(file([{ id: "far", name: "Per Far", email: "per@example.com" }], { boardRepresentatives: ["far"] }))).toEqual([]);
    // The example: Noah (youth, phone) and Rikke (Kastanjen's second board member, e-mail) are outside Teams; Birthe, who chairs Kastanjen's, is not.
    const example = readOrganisationFile(EXAMPLE_ORG_FILE);
    const byId = new Map(example.people.map((p) => [p.id, p]));
    expect([byId.get("noah")?.aadObjectId, byId.get("noah")?.phone]).toEqual([undefined, "+45 20 30 40 50"]);
    expect([byId.get("rikke")?.aadObjectId, byId.get("rikke")?.email]).toEqual([undefined, "rikke.friis@example.com"]);
    expect(byId.get("birthe")?.aadObjectId).toBeDefined();
  });

  it("refuses one without an e-mail or a phone, and a phone that is not Danish", () => {
    expect(problems(file([{ id: "ida", name: "Ida Elev" }], { youthRepresentatives: ["ida"] }))).toEqual([
      "people.2.aadObjectId mangler: en person uden Teams (uden aadObjectId) skal have en e-mail eller et telefonnummer, så mødelederen kan give personen sit link",
    ]);
    for (const bad of ["1234567", "+46 12 34 56 78", "12-34-56-78", "123456789"]) {
      expect(problems(file([{ id: "ida", name: "Ida Elev", phone: bad }], { youthRepresentatives: ["ida"] }))).toEqual([
        "people.2.phone skal være et dansk telefonnummer (8 cifre, fx 12 34 56 78 eller +45 12 34 56 78)",
      ]);
    }
  });

  it("refuses a person outside Teams in a role that needs Teams, naming the person and the role", () => {
    const per = { id: "per", name: "Per Lund", email: "per@example.com" };
    const say = (role: string) => `Per Lund har ingen Teams-konto (intet aadObjectId) og kan ikke være ${role}: kun bestyrelses- og ungerepræsentanter kan være uden Teams`;
    expect(problems(file([per], { leaders: ["megan", "per"] }))).toEqual([`areas.0.units.0.leaders.1 ${say("leder")}`]);
    expect(problems(file([per], { pedagogicalLeaders: ["per"] }))).toEqual([`areas.0.units.0.pedagogicalLeaders.0 ${say("pædagogisk leder")}`]);
    expect(problems(file([per], { staffRepresentatives: ["per"] }))).toEqual([`areas.0.units.0.staffRepresentatives.0 ${say("medarbejderrepræsentant")}`]);
    expect(problems(file([per], { type: "fu", departmentLeaderRepresentatives: ["per"] }))).toEqual([`areas.0.units.0.departmentLeaderRepresentatives.0 ${say("afdelingslederrepræsentant")}`]);
    expect(problems(file([per], {}, { consultants: ["per"] }))).toEqual([`areas.0.consultants.0 ${say("faglig konsulent")}`]);
    expect(problems(file([per], {}, { chiefs: ["alex", "per"] }))).toEqual([`areas.0.chiefs.1 ${say("Børn og Unge-chef")}`]);
  });

  it("refuses a selvejende dagtilbud whose first board representative (the chair of its læringssamtaler) is outside Teams", () => {
    const per = { id: "per", name: "Per Lund", email: "per@example.com" };
    const bo = { id: "bo", name: "Bo Kristensen", aadObjectId: "aad-bo" };
    expect(problems(file([per, bo], { type: "dagtilbud", selvejende: true, boardRepresentatives: ["per", "bo"] }))).toEqual([
      "areas.0.units.0.boardRepresentatives.0 Per Lund er den første bestyrelsesrepræsentant i et selvejende dagtilbud og holder derfor læringssamtalerne: skal have en Teams-konto (aadObjectId); sæt en bestyrelsesrepræsentant med Teams først",
    ]);
    expect(problems(file([per, bo], { type: "dagtilbud", selvejende: true, boardRepresentatives: ["bo", "per"] }))).toEqual([]);
  });

  it("allows two people without aadObjectId (they share no id)", () => {
    expect(problems(file([{ id: "a", name: "A", phone: "11111111" }, { id: "b", name: "B", phone: "22222222" }], { boardRepresentatives: ["a", "b"] }))).toEqual([]);
  });
});
