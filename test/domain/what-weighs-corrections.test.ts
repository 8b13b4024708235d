import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { domainSettings } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { createDomainServices, type DomainServices } from "../../src/domain/services.js";
import type { Meeting, Person } from "../../src/domain/types.js";
import { AppError } from "../../src/lib/errors.js";
import { strings } from "../../src/lib/strings.da.js";
import { INITIATIVE_EVALUATION_HORIZON_DAYS } from "../../src/domain/initiative-service.js";
import { addDays } from "../../src/lib/zoned-time.js";
import { loadExport } from "../../src/domain/export.js";
import { ManualClock } from "../helpers/bot-harness.js";
import { testStore } from "../helpers/test-db.js";

/**
 * What weighs on a unit and what the loop learned (decision 0020), the details: an ended focus
 * area a decision names, the summary on the loop's last day, the export's «Opsamling», initiatives.
 * Område Midt: Alex (chief); Solsikken (Megan leads). Monday 23 November 2026; the loop 2027–2028.
 */
describe("what weighs on a unit: the details", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  let d: DomainServices;
  let clock: ManualClock;
  const person = async (id: string) => (await t.store.people.byId(id)) as Person;
  const meeting = async (id: string) => (await t.store.meetings.get(id)) as Meeting;
  const samtaler = async () =>
    (await t.store.db.meeting.findMany({ where: { unitId: "solsikken", kind: "laeringssamtale" }, orderBy: { startsAt: "asc" }, select: { id: true } })).map((m) => m.id);
  const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => (e instanceof AppError ? e : Promise.reject(e)));
  const at = async (meetingId: string) => clock.set(new Date((await meeting(meetingId)).startsAt.getTime() + 3 * 3_600_000).toISOString());

  beforeEach(async () => {
    t = await testStore();
    clock = new ManualClock(new Date("2026-11-23T09:00:00+01:00"));
    d = createDomainServices(t.store, clock, domainSettings(loadConfig({})));
    const alex = await person("alex");
    await d.yearWheels.confirm(alex, "solsikken", (await d.yearWheels.view(alex, "solsikken")).wheel.version);
  });
  afterEach(() => t.close());

  it("the opfølgningsskema keeps showing a decision's focus area after it has ended; another decision cannot choose it", async () => {
    const alex = await person("alex");
    const [first] = await samtaler();
    await d.focusAreas.save(alex, first!, [{ themeId: "0-6-2027/sprog", title: "Sprogmiljøet" }, { themeId: "0-6-2027/trivsel", title: "Legepladsen" }]);
    const legepladsen = await t.store.db.focusArea.findFirstOrThrow({ where: { title: "Legepladsen" } });
    await at(first!);
    await d.forms.save(alex, first!, (await meeting(first!)).version, [{ decision: "Nye legezoner", followUpText: "", focusAreaId: legepladsen.id }], false);
    await d.evaluations.end(alex, "focus", legepladsen.id, legepladsen.version);

    const view = await d.forms.open(alex, first!);
    expect(view.rows[0]).toMatchObject({ decision: "Nye legezoner", focusAreaId: legepladsen.id });
    expect(view.focusAreas!.map((a) => [a.title, a.status])).toEqual([
      ["Sprogmiljøet", "active"],
      ["Legepladsen", "ended"],
    ]);
    // Saved again as shown (the picker sends the stored choice): kept.
    const row = view.rows[0]!;
    await d.forms.save(alex, first!, view.meeting.version, [{ decisionId: row.decisionId, decision: "Nye legezoner ude og inde", followUpText: "", focusAreaId: legepladsen.id }], false);
    expect((await d.forms.open(alex, first!)).rows[0]).toMatchObject({ decision: "Nye legezoner ude og inde", focusAreaId: legepladsen.id });
    // A new decision about the ended one is refused in Danish, per field.
    const m = await meeting(first!);
    const wrong = await refusal(d.forms.save(alex, first!, m.version, [{ decisionId: row.decisionId, decision: "Nye legezoner ude og inde", followUpText: "", focusAreaId: legepladsen.id }, { decision: "Mere", followUpText: "", focusAreaId: legepladsen.id }], false));
    expect(wrong?.fieldErrors).toEqual({ focus_1: strings.form.unknownFocusArea });
  });

  it("the loop's summary also comes on the loop's last day to a unit with fewer than four closed læringssamtaler, once, with the same key", async () => {
    const alex = await person("alex");
    const [first, second] = await samtaler();
    await d.focusAreas.save(alex, first!, [{ themeId: "0-6-2027/sprog", title: "Sprogmiljøet" }]);
    for (const id of [first!, second!]) {
      await at(id);
      await d.forms.save(alex, id, (await meeting(id)).version, [{ decision: `Beslutning ${id === first ? 1 : 2}`, followUpText: "" }], true);
    }
    const rows = () => t.store.db.notification.findMany({ where: { kind: "loop_summary" } });
    expect(await rows()).toEqual([]); // two closed: nothing yet
    clock.set("2029-02-27T12:00:00+01:00");
    expect(await d.loopSummaries.planLastDay()).toBe(0);
    clock.set("2029-02-28T06:00:00+01:00"); // the loop's last day (the loop starts 1 March 2027; its end, 1 March 2029, is exclusive)
    expect(await d.loopSummaries.planLastDay()).toBe(1);
    expect(await d.loopSummaries.planLastDay()).toBe(0);
    const [row] = await rows();
    expect(row).toMatchObject({ key: `loop_summary:solsikken:${(await meeting(first!)).loopId}:alex`, personId: "alex" });
    const summary = await d.loopSummaries.view(alex, row!.subjectId);
    expect(summary.samtaler.map((s) => s.decisions.map((x) => x.text))).toEqual([["Beslutning 1"], ["Beslutning 2"]]);
    expect(summary.focusAreas.map((f) => f.area.title)).toEqual(["Sprogmiljøet"]);
    clock.set("2029-03-10T06:00:00+01:00"); // a bot down on the day plans it late, still once
    expect(await d.loopSummaries.planLastDay()).toBe(0);
    expect(await rows()).toHaveLength(1);
  });

  it("a unit that had the summary after its fourth læringssamtale gets nothing new on the last day; a bot down that day still sends it within two weeks", async () => {
    const alex = await person("alex");
    for (const id of await samtaler()) {
      await at(id);
      await d.forms.save(alex, id, (await meeting(id)).version, [], true);
    }
    expect(await t.store.db.notification.count({ where: { kind: "loop_summary" } })).toBe(1);
    clock.set("2029-02-28T06:00:00+01:00");
    expect(await d.loopSummaries.planLastDay()).toBe(0);
    await t.store.db.notification.deleteMany({ where: { kind: "loop_summary" } }); // as if never planned
    clock.set("2029-03-14T06:00:00+01:00");
    expect(await d.loopSummaries.planLastDay()).toBe(1);
    await t.store.db.notification.deleteMany({ where: { kind: "loop_summary" } });
    clock.set("2029-03-15T06:00:00+01:00");
    expect(await d.loopSummaries.planLastDay()).toBe(0);
  });

  it("the load needs its viewer: only the unit's chiefs are given it, and a call without a viewer does not compile", async () => {
    await t.store.db.unit.update({ where: { id: "solsikken" }, data: { intentionCeiling: 0 } });
    await d.focusAreas.save(await person("alex"), (await samtaler())[0]!, [{ themeId: "0-6-2027/sprog", title: "Sprogmiljøet" }]);
    expect(await d.congestion.load("solsikken", "alex")).toMatchObject({ count: 1, over: true });
    expect(await d.congestion.load("solsikken", "megan")).toBeUndefined();
    expect((await d.congestion.check("solsikken", "megan")).load).toBeUndefined();
    // @ts-expect-error the viewer is required: no caller can show the count to a leader by accident
    expect(await d.congestion.load("solsikken").catch(() => "refused")).toBeUndefined();
  });

  it("an initiative's one-time id is its submitter's: two chiefs' cards with the same id register two initiatives; each card once", async () => {
    await t.store.db.area.update({ where: { id: "midt" }, data: { roles: { create: [{ personId: "karim", role: "chef" }] } } });
    const requestId = "00000000-0000-4000-8000-00000000abcd";
    const a = await d.initiatives.register(await person("alex"), { title: "Ny model for sprogvurderinger", scope: ["solsikken"], requestId });
    const b = await d.initiatives.register(await person("karim"), { title: "Overgange til skole", scope: ["kastanjen"], requestId });
    expect([a.created, b.created]).toEqual([true, true]);
    expect(b.initiative).toMatchObject({ title: "Overgange til skole" });
    const again = await d.initiatives.register(await person("karim"), { title: "Overgange til skole", scope: ["kastanjen"], requestId });
    expect(again).toMatchObject({ created: false, initiative: { id: b.initiative.id } });
    expect(await t.store.db.initiative.count()).toBe(2);
    // What is stored says nothing of who submitted it (no person's id in an initiative).
    expect(JSON.stringify(await t.store.db.initiative.findMany())).not.toMatch(/alex|karim/);
  });

  it("an initiative's evaluation date has one limit, at registration and when extended: three years", async () => {
    const alex = await person("alex");
    const today = "2026-11-23";
    const limit = addDays(today, INITIATIVE_EVALUATION_HORIZON_DAYS);
    const tooFar = await refusal(d.initiatives.register(alex, { title: "X", scope: ["solsikken"], evaluateOn: addDays(limit, 1), requestId: "00000000-0000-4000-8000-000000000001" }));
    expect(tooFar?.fieldErrors).toEqual({ evaluateOn: strings.initiatives.evaluateTooFar });
    const { initiative } = await d.initiatives.register(alex, { title: "Ny model for sprogvurderinger", scope: ["solsikken"], requestId: "00000000-0000-4000-8000-000000000002" });
    const refused = await refusal(d.evaluations.extend(alex, "initiative", initiative.id, initiative.version, addDays(limit, 1)));
    expect(refused?.fieldErrors).toEqual({ newEvaluateOn: strings.initiatives.evaluateTooFar });
    // Beyond two years (where it stopped before) and up to the limit: extended.
    await d.evaluations.extend(alex, "initiative", initiative.id, initiative.version, limit);
    expect(await t.store.db.initiative.findUniqueOrThrow({ where: { id: initiative.id } })).toMatchObject({ evaluateOn: limit });
  });

  it("a 1:1's decisions and agreements stay out of the loop's summary and the export's tables, also when closed in the loop", async () => {
    const alex = await person("alex");
    const all = await samtaler();
    await d.focusAreas.save(alex, all[0]!, [{ themeId: "0-6-2027/sprog", title: "Sprogmiljøet" }]);
    const sprog = (await t.store.db.focusArea.findFirstOrThrow()).id;
    const oneOnOnes = (await t.store.db.meeting.findMany({ where: { unitId: "solsikken", kind: { in: ["one_on_one", "leader_pl"] } }, orderBy: { startsAt: "asc" } })).slice(0, 2);
    expect(oneOnOnes.map((m) => m.loopId).every(Boolean)).toBe(true);
    for (const m of oneOnOnes) {
      await at(m.id);
      const chair = await person(m.chairId);
      const owner = m.kind === "one_on_one" ? "megan" : "jonas";
      await d.forms.save(chair, m.id, (await meeting(m.id)).version, [{ decision: `Fortroligt ${m.kind}`, followUpText: `Privat aftale ${m.kind}`, ownerId: owner, dueDate: "2028-06-01" }], true);
    }
    for (const id of all) {
      await at(id);
      await d.forms.save(alex, id, (await meeting(id)).version, id === all[1] ? [{ decision: "Dialogisk læsning", followUpText: "Læsekasser", ownerId: "megan", dueDate: "2028-06-01", focusAreaId: sprog }] : [], true);
    }
    const summary = await d.loopSummaries.view(alex, all[3]!);
    expect(JSON.stringify(summary)).not.toMatch(/Fortroligt|Privat aftale/);
    expect(summary.followUps).toEqual({ done: 0, open: 1, ended: 0 });
    expect(summary.samtaler).toHaveLength(4);
    const exported = (await loadExport({ exports: t.store.exports, loopSummaries: d.loopSummaries }, "midt", { from: "2027-01-01", to: "2028-12-31" }))!;
    expect(JSON.stringify(exported.tables)).not.toMatch(/Fortroligt|Privat aftale/);
    expect(JSON.stringify(exported.tables)).toContain("Dialogisk læsning");
  });
});

