import { describe, expect, it } from "vitest";
import { boardStatementAuthors, laeringssamtaleCircle, loopYearOf, oneOnOneCircle, youthTakesPart, type UnitRoster } from "../../src/domain/participants.js";
import type { UnitType } from "../../src/domain/types.js";

const roster = (over: Partial<UnitRoster> = {}, type: UnitType = "dagtilbud", selvejende = false): UnitRoster => ({
  unit: { id: "u", name: "U", type, selvejende, areaId: "a", active: true },
  chiefIds: ["chef"],
  consultantIds: ["konsulent"],
  leaderIds: ["leder"],
  pedagogicalLeaderIds: ["pl"],
  staffRepresentativeIds: ["mr"],
  boardRepresentativeIds: ["best"],
  youthRepresentativeIds: [],
  departmentLeaderRepresentativeIds: [],
  ...over,
});
const ids = (r: UnitRoster, first: boolean) => laeringssamtaleCircle(r, { firstOfLoop: first })!.participants.map((p) => `${p.personId}:${p.role}`);

/** Seed 002, "Deltagerkreds": one table per unit type, and the selvejende dagtilbud. */
describe("who takes part in a læringssamtale", () => {
  it("dagtilbud: chief chairs; leader, pædagogiske ledere, staff, consultant; the board on the first of the loop", () => {
    expect(ids(roster(), true)).toEqual(["chef:chair", "leder:leader", "pl:paedagogisk_leder", "mr:medarbejderrepraesentant", "best:bestyrelsesrepraesentant", "konsulent:konsulent"]);
    expect(ids(roster(), false)).toEqual(["chef:chair", "leder:leader", "pl:paedagogisk_leder", "mr:medarbejderrepraesentant", "konsulent:konsulent"]);
    // The board gives its statement (input D) before the later ones instead.
    const later = laeringssamtaleCircle(roster(), { firstOfLoop: false })!;
    expect(boardStatementAuthors(roster(), later)).toEqual(["best"]);
    expect(boardStatementAuthors(roster(), laeringssamtaleCircle(roster(), { firstOfLoop: true })!)).toEqual([]);
  });

  it("selvejende dagtilbud: the board holds every one of them, without the chief", () => {
    const r = roster({ boardRepresentativeIds: ["best", "best2"] }, "dagtilbud", true);
    for (const first of [true, false]) {
      const circle = laeringssamtaleCircle(r, { firstOfLoop: first })!;
      expect(circle.chairId).toBe("best");
      expect(circle.participants.map((p) => p.personId)).toEqual(["best", "best2", "leder", "pl", "mr", "konsulent"]);
      expect(boardStatementAuthors(r, circle)).toEqual([]);
    }
    expect(laeringssamtaleCircle(roster({ boardRepresentativeIds: [] }, "dagtilbud", true), { firstOfLoop: true })).toBeUndefined();
  });

  it("skole: the same circle, and the elevråd's representative on the first of the loop", () => {
    const r = roster({ youthRepresentativeIds: ["elev"] }, "skole");
    expect(ids(r, true)).toEqual(["chef:chair", "leder:leader", "pl:paedagogisk_leder", "mr:medarbejderrepraesentant", "best:bestyrelsesrepraesentant", "elev:ungerepraesentant", "konsulent:konsulent"]);
    expect(ids(r, false)).not.toContain("elev:ungerepraesentant");
  });

  it("FU: the leader with viceleder and centre leaders (listed as pædagogiske ledere), and the senat on one of the four", () => {
    const r = roster({ pedagogicalLeaderIds: ["vice", "fc1", "uk1"], youthRepresentativeIds: ["senat"], boardRepresentativeIds: [] }, "fu");
    expect(ids(r, true)).toEqual(["chef:chair", "leder:leader", "vice:paedagogisk_leder", "fc1:paedagogisk_leder", "uk1:paedagogisk_leder", "mr:medarbejderrepraesentant", "senat:ungerepraesentant", "konsulent:konsulent"]);
    expect(ids(r, false)).toEqual(["chef:chair", "leder:leader", "vice:paedagogisk_leder", "fc1:paedagogisk_leder", "uk1:paedagogisk_leder", "mr:medarbejderrepraesentant", "konsulent:konsulent"]);
  });

  it("lists a person once, in their first role, and keeps the chief the meeting was planned by", () => {
    const r = roster({ chiefIds: ["chef", "chef2"], staffRepresentativeIds: ["pl", "mr"] });
    expect(ids(r, false).filter((x) => x.startsWith("pl:"))).toEqual(["pl:paedagogisk_leder"]);
    expect(laeringssamtaleCircle(r, { firstOfLoop: false, chiefId: "chef2" })!.chairId).toBe("chef2");
    expect(laeringssamtaleCircle(r, { firstOfLoop: false, chiefId: "someone" })!.chairId).toBe("chef");
    expect(laeringssamtaleCircle(roster({ chiefIds: [] }), { firstOfLoop: true })).toBeUndefined();
  });
});

describe("the roles seed 002 names for FU and the young (issue 21, point 6)", () => {
  it("FU: the afdelingslederrepræsentant takes part in every læringssamtale, after the leadership", () => {
    const r = roster({ pedagogicalLeaderIds: ["vice"], departmentLeaderRepresentativeIds: ["afd"], boardRepresentativeIds: [] }, "fu");
    for (const first of [true, false]) expect(ids(r, first)).toEqual(["chef:chair", "leder:leader", "vice:paedagogisk_leder", "afd:afdelingslederrepraesentant", "mr:medarbejderrepraesentant", "konsulent:konsulent"]);
    // Only FU has them (the organisation file refuses them elsewhere; a roster is not trusted either).
    expect(ids(roster({ departmentLeaderRepresentativeIds: ["afd"] }, "skole"), false)).not.toContain("afd:afdelingslederrepraesentant");
  });

  it("the young take part once a year: the first læringssamtale of each year of the loop", () => {
    const loopStart = "2027-01-01";
    const plan = [
      { id: "ls1", kind: "laeringssamtale", date: "2027-03-10", sequence: 1 },
      { id: "ls2", kind: "laeringssamtale", date: "2027-10-06", sequence: 2 },
      { id: "ls3", kind: "laeringssamtale", date: "2028-03-08", sequence: 3 },
      { id: "ls4", kind: "laeringssamtale", date: "2028-10-04", sequence: 4 },
      { id: "one", kind: "one_on_one", date: "2027-02-01", sequence: 1 },
    ];
    expect(plan.filter((m) => m.kind === "laeringssamtale" && youthTakesPart(m, plan, loopStart)).map((m) => m.id)).toEqual(["ls1", "ls3"]);
    // Moved before the third, the second læringssamtale of year two stays without them; a loop starting mid-year counts its own years.
    expect(youthTakesPart({ id: "ls4", date: "2028-02-01", sequence: 4 }, plan.map((m) => (m.id === "ls4" ? { ...m, date: "2028-02-01" } : m)), loopStart)).toBe(true);
    expect(loopYearOf("2028-07-31", "2027-08-01")).toBe(0);
    expect(loopYearOf("2028-08-01", "2027-08-01")).toBe(1);
    const r = roster({ youthRepresentativeIds: ["senat"], boardRepresentativeIds: [] }, "fu");
    expect(laeringssamtaleCircle(r, { firstOfLoop: false, youthTakesPart: true })!.participants).toContainEqual({ personId: "senat", role: "ungerepraesentant" });
    expect(laeringssamtaleCircle(r, { firstOfLoop: false, youthTakesPart: false })!.participants.map((p) => p.personId)).not.toContain("senat");
  });
});

describe("who takes part in a 1:1", () => {
  it("is the chair and the person followed up on", () => {
    expect(oneOnOneCircle("chef", "leder")).toEqual({ chairId: "chef", participants: [{ personId: "chef", role: "chair" }, { personId: "leder", role: "leader" }] });
  });
});
