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
    await db.followUp.create({ data: { id: "f1", meetingId: "m1", text: "Opfølgning", ownerId: "sofie", dueDate: "2027-02-01" } });

    const summary = await t.store.people.applyOrganisation(readOrganisationFile(fixture("changed.yaml")));
    // Sofie and the seven others not in the changed file go inactive; Sofie still owns an open follow-up.
    expect(summary).toEqual({ areas: 1, units: 1, people: 3, deactivated: 8, loops: 0, toReassign: [{ personId: "sofie", name: "Sofie Ærø Østergaard", openFollowUps: 1 }] });

    expect(await db.person.findUniqueOrThrow({ where: { id: "megan" } })).toMatchObject({ name: "Megan Bowen-Holm", active: true });
    expect(await db.person.findUniqueOrThrow({ where: { id: "sofie" } })).toMatchObject({ active: false });
    expect(await db.unit.findUniqueOrThrow({ where: { id: "aaskolen" } })).toMatchObject({ active: false });
    expect((await t.store.people.leadersForChief("alex")).map((l) => `${l.unit.id}/${l.leader.id}`)).toEqual(["solsikken/lars"]);
    expect(await db.meeting.count()).toBe(1);
    expect(await db.followUp.findUniqueOrThrow({ where: { id: "f1" } })).toMatchObject({ ownerId: "sofie", status: "open" });

    // Applying the same file again changes nothing.
    expect(await t.store.people.applyOrganisation(readOrganisationFile(fixture("changed.yaml")))).toMatchObject({ areas: 1, units: 1, people: 3, deactivated: 0 });
  });
});

describe("roles from the organisation file", () => {
  it("stores pædagogiske ledere, staff and board representatives and consultants with their unit or area", async () => {
    const t = await testStore();
    const roles = await t.store.db.role.findMany({ where: { role: { notIn: ["chef", "leder"] } }, orderBy: { role: "asc" } });
    expect(roles.map((r) => `${r.role}:${r.personId}:${r.unitId ?? r.areaId}`).sort()).toEqual([
      "bestyrelsesrepraesentant:birthe:kastanjen",
      "bestyrelsesrepraesentant:bo:solsikken",
      "konsulent:karim:midt",
      "medarbejderrepraesentant:hanne:solsikken",
      "paedagogisk_leder:jonas:solsikken",
      "paedagogisk_leder:ole:aaskolen",
    ]);
    await t.close();
  });

  it("names an unknown person in any role list, with its line", () => {
    const file = resolve(import.meta.dirname, "../fixtures/org/unknown-pl.yaml");
    expect(() => readOrganisationFile(file)).toThrow(/unknown-pl\.yaml:\d+: areas\[0\]\.units\[0\]\.pedagogicalLeaders\[0\] "ukendt" findes ikke under people/);
  });
});
