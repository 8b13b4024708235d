import { resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EXAMPLE_ORG_FILE } from "../../src/bot.js";
import { OrganisationFileError, readOrganisationFile } from "../../src/store/organisation-file-loader.js";
import { testStore } from "../helpers/test-db.js";

const fixture = (name: string) => resolve(import.meta.dirname, "../fixtures/org", name);

describe("the organisation file", () => {
  it("accepts the shipped example", () => {
    const org = readOrganisationFile(EXAMPLE_ORG_FILE);
    expect(org.areas[0]!.chiefs).toEqual(["alex"]);
    // One area with a dagtilbud, a selvejende dagtilbud, a skole and an FU unit.
    expect(org.areas[0]!.units.map((u) => `${u.type}${u.selvejende ? " (selvejende)" : ""}`)).toEqual(["dagtilbud", "dagtilbud (selvejende)", "skole", "fu"]);
    // Staff have their Microsoft 365 address («Føj til kalender» invites them); the board's parents and the youth representative none.
    const email = new Map(org.people.map((p) => [p.id, p.email]));
    expect(email.get("megan")).toBe("megan.bowen@eksempelkommune.dk");
    expect([email.get("bo"), email.get("birthe"), email.get("noah")]).toEqual([undefined, undefined, undefined]);
  });

  it("checks the optional e-mail address: a valid address, text, one per person; in Danish with its line", () => {
    let error: OrganisationFileError | undefined;
    try {
      readOrganisationFile(fixture("bad-email.yaml"));
    } catch (e) {
      error = e as OrganisationFileError;
    }
    const p = error!.problems.join("\n");
    expect(p).toContain("bad-email.yaml:9: people[1].email er ikke en gyldig e-mailadresse (fx megan.bowen@kommune.dk)");
    expect(p).toContain("bad-email.yaml:13: people[2].email skal være tekst (personens e-mailadresse, fx megan.bowen@kommune.dk)");
    expect(p).toContain("bad-email.yaml:17: people[3].email bruges af to personer");
    expect(error!.problems).toHaveLength(3);
  });

  it("rejects a bad file naming file, line and field for every problem, in Danish", () => {
    let error: OrganisationFileError | undefined;
    try {
      readOrganisationFile(fixture("bad.yaml"));
    } catch (e) {
      error = e as OrganisationFileError;
    }
    expect(error).toBeInstanceOf(OrganisationFileError);
    const p = error!.problems.join("\n");
    expect(p).toContain(`${fixture("bad.yaml")}:5: people[1].id skal være en kort nøgle`);
    expect(p).toMatch(/bad\.yaml:5: people\[1\]\.aadObjectId mangler/);
    expect(p).toContain("bad.yaml:9: people[2].aadObjectId bruges af to personer");
    expect(p).toContain("bad.yaml:17: areas[0].units[0].type skal være dagtilbud, skole eller fu");
    expect(p).toContain('bad.yaml:18: areas[0].units[0].leaders[0] "sofie" findes ikke under people');
  });

  it("says so when the file is missing or not YAML", () => {
    expect(() => readOrganisationFile(fixture("missing.yaml"))).toThrow(/kan ikke læses/);
    expect(() => readOrganisationFile(resolve(import.meta.dirname, "../fixtures/activities/message.json"))).toThrow(OrganisationFileError);
  });
});

describe("applying the organisation file", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  beforeEach(async () => {
    t = await testStore();
  });
  afterEach(() => t.close());

  it("updates people and roles, marks people who left inactive, and never touches meetings or follow-ups", async () => {
    const db = t.store.db;
    await db.meeting.create({ data: { id: "m1", kind: "one_on_one", unitId: "solsikken", chairId: "alex", startsAt: new Date("2027-01-18T09:00:00Z"), durationMinutes: 60, participants: { create: [{ personId: "alex", role: "chair" }, { personId: "megan", role: "leader" }] } } });
    await db.followUp.create({ data: { id: "f1", meetingId: "m1", unitId: "solsikken", meetingKind: "one_on_one", text: "Opfølgning", ownerId: "sofie", dueDate: "2027-02-01" } });

    const summary = await t.store.people.applyOrganisation(readOrganisationFile(fixture("changed.yaml")));
    // Sofie and the nine others not in the changed file go inactive; Sofie still owns an open follow-up.
    // The changed file has no loops: the example's two, which nothing points to (the 1:1 names none), are deleted.
    expect(summary).toEqual({ areas: 1, units: 1, people: 3, deactivated: 11, loops: 0, removedLoops: 2, keptLoops: [], toReassign: [{ personId: "sofie", name: "Sofie Ærø Østergaard", openFollowUps: 1 }] });

    expect(await db.person.findUniqueOrThrow({ where: { id: "megan" } })).toMatchObject({ name: "Megan Bowen-Holm", active: true });
    expect(await db.person.findUniqueOrThrow({ where: { id: "sofie" } })).toMatchObject({ active: false });
    expect(await db.unit.findUniqueOrThrow({ where: { id: "aaskolen" } })).toMatchObject({ active: false });
    expect((await t.store.people.leadersForChief("alex")).map((l) => `${l.unit.id}/${l.leader.id}`)).toEqual(["solsikken/lars"]);
    expect(await db.meeting.count()).toBe(1);
    expect(await db.followUp.findUniqueOrThrow({ where: { id: "f1" } })).toMatchObject({ ownerId: "sofie", status: "open" });

    // Applying the same file again changes nothing.
    expect(await t.store.people.applyOrganisation(readOrganisationFile(fixture("changed.yaml")))).toMatchObject({ areas: 1, units: 1, people: 3, deactivated: 0 });
  });

  it("stores people outside Teams without an Entra id, and never deactivates a chair's guest (not in the file)", async () => {
    const db = t.store.db;
    expect(await db.person.findUniqueOrThrow({ where: { id: "noah" }, select: { aadObjectId: true, phone: true, origin: true } })).toEqual({ aadObjectId: null, phone: "+45 20 30 40 50", origin: "file" });
    expect((await t.store.people.externalIds(["noah", "rikke", "birthe", "alex"])).size).toBe(2);
    await db.person.create({ data: { id: "guest-1", name: "Anne Holm", aadObjectId: null, origin: "guest", email: "anne@example.com" } });
    const summary = await t.store.people.applyOrganisation(readOrganisationFile(EXAMPLE_ORG_FILE));
    expect(summary.deactivated).toBe(0);
    expect(await db.person.findUniqueOrThrow({ where: { id: "guest-1" }, select: { active: true } })).toEqual({ active: true });
  });

  it("writes only the people and units that changed; someone back in the file is active again", async () => {
    const db = t.store.db;
    const stamps = async () => new Map([...(await db.person.findMany()), ...(await db.unit.findMany())].map((r) => [r.id, r.updatedAt.getTime()]));
    const file = readOrganisationFile(EXAMPLE_ORG_FILE);
    const before = await stamps();
    await new Promise((r) => setTimeout(r, 5));
    await t.store.people.applyOrganisation(file);
    expect(await stamps()).toEqual(before);

    await t.store.people.applyOrganisation(readOrganisationFile(fixture("changed.yaml")));
    expect(await db.person.findUniqueOrThrow({ where: { id: "sofie" } })).toMatchObject({ active: false });
    const megan = file.people.find((p) => p.id === "megan")!;
    const solsikken = file.areas.flatMap((a) => a.units).find((u) => u.id === "solsikken")!;
    await t.store.people.applyOrganisation({
      ...file,
      people: file.people.map((p) => (p === megan ? { ...p, name: "Megan Holm", email: "megan.holm@kommune.dk" } : p)),
      areas: file.areas.map((a) => ({ ...a, units: a.units.map((u) => (u === solsikken ? { ...u, name: "Solsikken Børnehus", intentionCeiling: 9 } : u)) })),
    });
    expect(await db.person.findUniqueOrThrow({ where: { id: "sofie" } })).toMatchObject({ active: true });
    expect(await db.person.findUniqueOrThrow({ where: { id: "megan" } })).toMatchObject({ name: "Megan Holm", email: "megan.holm@kommune.dk", active: true });
    expect(await db.unit.findUniqueOrThrow({ where: { id: "solsikken" } })).toMatchObject({ name: "Solsikken Børnehus", intentionCeiling: 9, active: true });
    expect(await db.unit.findUniqueOrThrow({ where: { id: "aaskolen" } })).toMatchObject({ active: true });
    expect(await db.person.count({ where: { active: true } })).toBe(file.people.length);
  });
});

describe("loops and themes in the organisation file", () => {
  it("stores the example's two loops with their themes, for the unit types named", async () => {
    const t = await testStore();
    const loops = await t.store.db.loop.findMany({ include: { themes: { orderBy: { position: "asc" } } }, orderBy: { id: "asc" } });
    expect(loops.map((l) => [l.id, l.startDate, l.endDate, JSON.parse(l.unitTypes), l.themes.map((th) => th.id)])).toEqual([
      // Derived from the age group (decision 0021): 0–6 in an odd year, 6–18 in an even one, from 1 March.
      ["0-6-2027", "2027-03-01", "2029-03-01", ["dagtilbud"], ["0-6-2027/sprog", "0-6-2027/trivsel", "0-6-2027/overgange"]],
      ["6-18-2028", "2028-03-01", "2030-03-01", ["skole", "fu"], ["6-18-2028/laering", "6-18-2028/trivsel", "6-18-2028/fritid"]],
    ]);
    expect((await t.store.loops.current("fu", "2026-11-23"))?.id).toBe("6-18-2028");
    await t.close();
  });

  it("applies a changed loop without losing a focus area: a removed theme goes inactive, a new one is added", async () => {
    const t = await testStore();
    const db = t.store.db;
    await db.meeting.create({ data: { id: "m1", kind: "laeringssamtale", unitId: "solsikken", chairId: "alex", loopId: "0-6-2027", firstOfLoop: true, startsAt: new Date("2027-03-16T09:00:00Z"), durationMinutes: 120 } });
    await db.focusArea.create({ data: { id: "fa1", unitId: "solsikken", loopId: "0-6-2027", themeId: "0-6-2027/overgange", meetingId: "m1", title: "Overgang til skole", position: 1 } });

    const org = readOrganisationFile(EXAMPLE_ORG_FILE);
    const loop = org.loops.find((l) => l.id === "0-6-2027")!;
    loop.name = "2027–2028, dagtilbud";
    loop.themes = [...loop.themes.filter((th) => th.id !== "overgange"), { id: "leg", title: "Leg og bevægelse" }];
    expect(await t.store.people.applyOrganisation(org)).toMatchObject({ loops: 2, deactivated: 0 });

    const themes = await db.theme.findMany({ where: { loopId: "0-6-2027" }, orderBy: { key: "asc" } });
    expect(themes.map((th) => `${th.key}:${th.active}`)).toEqual(["leg:true", "overgange:false", "sprog:true", "trivsel:true"]);
    expect((await db.loop.findUniqueOrThrow({ where: { id: "0-6-2027" } })).name).toBe("2027–2028, dagtilbud");
    expect(await db.focusArea.findUniqueOrThrow({ where: { id: "fa1" } })).toMatchObject({ themeId: "0-6-2027/overgange", status: "active" });
    expect(await db.meeting.count()).toBe(1);
    // The theme comes back when the file has it again.
    expect(await t.store.people.applyOrganisation(readOrganisationFile(EXAMPLE_ORG_FILE))).toMatchObject({ loops: 2 });
    expect((await db.theme.findUniqueOrThrow({ where: { id: "0-6-2027/overgange" } })).active).toBe(true);
    await t.close();
  });

  it("replaces the datapakke rows at every import: a changed address replaces the row, an address gone from the file removes it", async () => {
    const t = await testStore();
    const rows = () => t.store.db.datapakke.findMany({ orderBy: [{ unitId: "asc" }, { loopId: "asc" }] });
    try {
      expect(await rows()).toEqual([{ unitId: "solsikken", loopId: "0-6-2027", url: "https://lis.eksempelkommune.dk/datapakker/solsikken/2027" }]);
      const example = readOrganisationFile(EXAMPLE_ORG_FILE);
      const withUnits = (edit: (u: (typeof example.areas)[number]["units"][number]) => object) => ({ ...example, areas: example.areas.map((a) => ({ ...a, units: a.units.map((u) => ({ ...u, ...edit(u) })) })) });
      await t.store.people.applyOrganisation(withUnits((u) => (u.id === "solsikken" ? { datapakker: { "0-6-2027": "https://lis.eksempelkommune.dk/ny" } } : {})));
      expect(await rows()).toEqual([{ unitId: "solsikken", loopId: "0-6-2027", url: "https://lis.eksempelkommune.dk/ny" }]);
      expect(await t.store.loops.datapakke("solsikken", "0-6-2027")).toBe("https://lis.eksempelkommune.dk/ny");
      await t.store.people.applyOrganisation(withUnits(() => ({ datapakker: {} })));
      expect(await rows()).toEqual([]);
      expect(await t.store.loops.datapakke("solsikken", "0-6-2027")).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it("an upgrade removes a loop gone from the file when nothing points to it, keeps and reports one in use, and `current` prefers the file's", async () => {
    // A database loaded from the old example: 6-18-2027 from 1 January 2027, renamed 6-18-2028 since.
    const t = await testStore({ edit: (org) => ({ ...org, loops: org.loops.map((l) => (l.id === "6-18-2028" ? { ...l, id: "6-18-2027", start: "2027-01-01" } : l)) }) });
    const db = t.store.db;
    try {
      expect((await t.store.loops.current("skole", "2026-11-23"))?.id).toBe("6-18-2027");
      const example = readOrganisationFile(EXAMPLE_ORG_FILE);
      // Nothing points to the old loop: the import deletes it with its themes.
      expect(await t.store.people.applyOrganisation(example)).toMatchObject({ loops: 2, removedLoops: 1, keptLoops: [] });
      expect((await db.loop.findMany({ orderBy: { id: "asc" } })).map((l) => l.id)).toEqual(["0-6-2027", "6-18-2028"]);
      expect(await db.theme.count({ where: { loopId: "6-18-2027" } })).toBe(0);
      expect((await t.store.loops.current("skole", "2026-11-23"))?.id).toBe("6-18-2028");

      // Again, now with Åskolen's year wheel and a læringssamtale in the old loop: kept, reported, not current.
      const old = { ...example, loops: example.loops.map((l) => (l.id === "6-18-2028" ? { ...l, id: "6-18-2027", start: "2027-01-01" } : l)) };
      await t.store.people.applyOrganisation(old);
      await db.yearWheel.create({ data: { id: "yw-old", unitId: "aaskolen", loopId: "6-18-2027" } });
      await db.meeting.create({ data: { id: "m-old", kind: "laeringssamtale", unitId: "aaskolen", chairId: "alex", loopId: "6-18-2027", firstOfLoop: true, startsAt: new Date("2027-01-20T09:00:00Z"), durationMinutes: 120 } });
      const summary = await t.store.people.applyOrganisation(example);
      expect(summary).toMatchObject({ loops: 2, removedLoops: 0, keptLoops: [{ id: "6-18-2027", name: "2028–2029, 6–18-årsområdet", meetings: 1, yearWheels: 1, focusAreas: 0, calendarLinks: 0 }] });
      expect(await db.loop.findUniqueOrThrow({ where: { id: "6-18-2027" } })).toMatchObject({ inFile: false });
      expect(await db.theme.count({ where: { loopId: "6-18-2027" } })).toBe(3);
      // The old loop runs on 1 June 2027 and the file's starts later: the file's is still the one.
      for (const date of ["2026-11-23", "2027-06-01", "2028-06-01"]) expect((await t.store.loops.current("skole", date))?.id, date).toBe("6-18-2028");
      expect((await t.store.loops.current("fu", "2027-06-01"))?.id).toBe("6-18-2028");
      expect((await t.store.loops.current("dagtilbud", "2027-06-01"))?.id).toBe("0-6-2027");
      // A file without a loop for skole: the kept one is better than none.
      expect((await t.store.loops.current("skole", "2027-06-01"))?.id).toBe("6-18-2028");
      await t.store.people.applyOrganisation({ ...example, loops: example.loops.filter((l) => l.id !== "6-18-2028") });
      expect((await t.store.loops.current("skole", "2027-06-01"))?.id).toBe("6-18-2027");
      // Back in the file: in it again.
      await t.store.people.applyOrganisation(old);
      expect(await db.loop.findUniqueOrThrow({ where: { id: "6-18-2027" } })).toMatchObject({ inFile: true });
    } finally {
      await t.close();
    }
  });

  it("rejects bad loops and unit settings with file, line and field, in Danish", () => {
    const file = fixture("bad-loops.yaml");
    let problems = "";
    try {
      readOrganisationFile(file);
    } catch (e) {
      problems = (e as OrganisationFileError).problems.join("\n");
    }
    expect(problems).toContain("bad-loops.yaml:15: areas[0].units[0].youthRepresentatives kan kun bruges for en skole eller et FU-område");
    expect(problems).toContain("bad-loops.yaml:16: areas[0].units[0].intentionCeiling skal være mindst 1");
    expect(problems).toContain("bad-loops.yaml:17: areas[0].units[0].departmentLeaderRepresentatives kan kun bruges for et FU-område (afdelingslederrepræsentant for klubbernes afdelingsledere)");
    expect(problems).toContain('bad-loops.yaml:25: loops[0].themes[1].id "sprog" står der to gange');
    expect(problems).toContain("bad-loops.yaml:28: loops[1].start overlapper læringsloopet i loops[0] for dagtilbud (et læringsloop varer to år)");
    expect(problems).toContain("bad-loops.yaml:34: loops[2].start er ikke en gyldig dato");
    expect(problems).toContain("bad-loops.yaml:35: loops[2].unitTypes[0] skal være dagtilbud, skole eller fu");
    expect(problems).toContain("bad-loops.yaml:36: loops[2].themes skal have mindst ét tema");
  });
});

describe("roles from the organisation file", () => {
  it("stores pædagogiske ledere, staff and board representatives and consultants with their unit or area", async () => {
    const t = await testStore();
    const roles = await t.store.db.role.findMany({ where: { role: { notIn: ["chef", "leder"] } }, orderBy: { role: "asc" } });
    expect(roles.map((r) => `${r.role}:${r.personId}:${r.unitId ?? r.areaId}`).sort()).toEqual([
      "afdelingslederrepraesentant:emil:klubben",
      "bestyrelsesrepraesentant:birthe:kastanjen",
      "bestyrelsesrepraesentant:bo:solsikken",
      "bestyrelsesrepraesentant:rikke:kastanjen",
      "konsulent:karim:midt",
      "medarbejderrepraesentant:hanne:solsikken",
      "paedagogisk_leder:jonas:solsikken",
      "paedagogisk_leder:ole:aaskolen",
      "ungerepraesentant:noah:klubben",
    ]);
    await t.close();
  });

  it("names an unknown person in any role list, with its line", () => {
    const file = resolve(import.meta.dirname, "../fixtures/org/unknown-pl.yaml");
    expect(() => readOrganisationFile(file)).toThrow(/unknown-pl\.yaml:\d+: areas\[0\]\.units\[0\]\.pedagogicalLeaders\[0\] "ukendt" findes ikke under people/);
  });
});

describe("a large organisation", () => {
  it("deactivates thousands of leavers and lists their open follow-ups, without overrunning the database's parameter limit", async () => {
    const t = await testStore();
    try {
      const db = t.store.db;
      const leavers = Array.from({ length: 3000 }, (_, i) => `leaver-${i}`);
      await db.person.createMany({ data: leavers.map((id) => ({ id, aadObjectId: `aad-${id}`, name: `Tidligere ${id}` })) });
      await db.unit.createMany({ data: Array.from({ length: 1200 }, (_, i) => ({ id: `gone-${i}`, name: `Nedlagt ${i}`, type: "skole", areaId: "midt" })) });
      await db.meeting.create({ data: { id: "old", kind: "one_on_one", unitId: "solsikken", chairId: "alex", startsAt: new Date("2026-01-05T09:00:00Z"), durationMinutes: 60, status: "closed" } });
      await db.followUp.createMany({ data: leavers.map((id, i) => ({ id: `f-${i}`, meetingId: "old", unitId: "solsikken", meetingKind: "one_on_one", text: "Åben", ownerId: id, dueDate: "2027-01-01" })) });

      const summary = await t.store.people.applyOrganisation(readOrganisationFile(EXAMPLE_ORG_FILE));
      expect(summary.deactivated).toBe(3000);
      expect(summary.toReassign).toHaveLength(3000);
      expect(summary.toReassign[0]).toMatchObject({ openFollowUps: 1 });
      expect(await db.unit.count({ where: { active: false } })).toBe(1200);
      expect(await db.person.count({ where: { active: true } })).toBe(readOrganisationFile(EXAMPLE_ORG_FILE).people.length);
    } finally {
      await t.close();
    }
  }, 60_000);
});
