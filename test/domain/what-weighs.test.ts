import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadConfig } from "../../src/config.js";
import type { DomainServices } from "../../src/domain/services.js";
import { areaScope } from "../../src/domain/initiative-service.js";
import { DEFAULT_INTENTION_CEILING, EXAMPLE_THEMES_PER_LOOP, EXPECTED_LOAD, expectedLoad } from "../../src/domain/intention-ceiling.js";
import type { Meeting, Person } from "../../src/domain/types.js";
import { AppError } from "../../src/lib/errors.js";
import { strings } from "../../src/lib/strings.da.js";
import { addDays, localDateOf } from "../../src/lib/zoned-time.js";
import { formatDateShort } from "../../src/lib/format-da.js";
import { calendarDate } from "../../src/lib/table.js";
import { exportWindow, loadExport } from "../../src/domain/export.js";
import { decisionCount, type LoopSummary } from "../../src/domain/loop-summary-service.js";
import { ManualClock } from "../helpers/bot-harness.js";
import { testStore } from "../helpers/test-db.js";
import { withSolsikkenConfirmed } from "../helpers/confirmed-loop.js";

/**
 * What weighs on a unit, solnedgang by default, and what the loop learned (issue 21, points
 * 12–14; docs/decisions/0020-what-weighs-on-a-unit.md), on a real store with the example
 * organisation. Område Midt: Alex (chief); Solsikken (Megan leads), Kastanjen (Lars).
 * Monday 23 November 2026; the 0–6 loop runs 2027–2028.
 */
describe("what weighs on a unit", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  let d: DomainServices;
  let clock: ManualClock;
  const person = async (id: string) => (await t.store.people.byId(id)) as Person;
  const meeting = async (id: string) => (await t.store.meetings.get(id)) as Meeting;
  const meetingsOf = async (kind: string) =>
    (await t.store.db.meeting.findMany({ where: { unitId: "solsikken", kind }, orderBy: { startsAt: "asc" }, select: { id: true } })).map((m) => m.id);
  const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => (e instanceof AppError ? e : Promise.reject(e)));
  let request = 0;
  const register = async (input: { title: string; scope: string[]; fromDate?: string; evaluateOn?: string; requestId?: string }, by = "alex") =>
    d.initiatives.register(await person(by), { requestId: input.requestId ?? `00000000-0000-4000-8000-${String(++request).padStart(12, "0")}`, ...input });
  /** Adds agreements to a meeting's opfølgningsskema as its chair, keeping what is there; `close` closes it. */
  const addRows = async (meetingId: string, texts: string[], close = false, about: Record<string, string> = {}) => {
    const m = await meeting(meetingId);
    const chair = await person(m.chairId);
    const open = await d.forms.open(chair, meetingId);
    const kept = open.rows.map((r) => ({ keep: true, decisionId: r.decisionId, followUpId: r.followUpId, decision: r.decision, followUpText: r.followUpText ?? "" }));
    const rows = texts.map((text) => ({ decision: `Beslutning: ${text}`, followUpText: text, ownerId: "megan", dueDate: addDays(localDateOf(clock.now(), "Europe/Copenhagen"), 60), focusAreaId: about[text] }));
    return d.forms.save(chair, meetingId, m.version, [...kept, ...rows], close);
  };

  beforeEach(async () => {
    ({ t, clock, d } = await withSolsikkenConfirmed());
  });
  afterEach(() => t.close());

  describe("forvaltning initiatives (point 12)", () => {
    it("count for each unit they apply to, from their from-date, with the focus areas and the læringssamtaler's open agreements", async () => {
      const [first] = await meetingsOf("laeringssamtale");
      await addRows(first!, ["Dialogisk læsning"]);
      await d.focusAreas.save(await person("alex"), first!, [{ themeId: "0-6-2027/sprog", title: "Sprogmiljøet" }]);
      await register({ title: "Ny model for sprogvurderinger", scope: [areaScope("midt")] });
      await register({ title: "Overgange til skole", scope: ["solsikken"] });
      await register({ title: "Legepladsprojekt", scope: ["kastanjen"], fromDate: "2027-02-01" });
      expect(await d.congestion.load("solsikken", "alex")).toMatchObject({ count: 4, focusAreas: 1, initiatives: 2, agreements: 1 });
      expect(await d.congestion.load("kastanjen", "alex")).toMatchObject({ count: 1, initiatives: 1 });
      // A whole-area initiative also weighs on every unit of the area; one from February, from February.
      expect(await d.congestion.load("aaskolen", "alex")).toMatchObject({ initiatives: 1 });
      clock.set("2027-02-01T09:00:00+01:00");
      expect(await d.congestion.load("kastanjen", "alex")).toMatchObject({ count: 2, initiatives: 2 });
      // The one raw statement the load is read with gives what the unit and the three counts give through the model API.
      await t.store.units.setCongested("solsikken", new Date("2027-01-15T08:30:00.123Z"));
      for (const today of ["2026-11-23", "2027-02-01"]) {
        for (const unitId of ["solsikken", "kastanjen", "aaskolen"]) {
          const unit = (await t.store.units.get(unitId))!;
          expect(await t.store.units.withLoad(unitId, today)).toEqual({
            unit,
            agreements: await t.store.units.countOpenFollowUps(unitId),
            focusAreas: await t.store.focusAreas.countActive(unitId),
            initiatives: await t.store.initiatives.countForUnit(unitId, unit.areaId, today),
          });
        }
      }
      expect((await t.store.units.withLoad("solsikken", "2027-02-01"))?.unit.congestedSince).toEqual(new Date("2027-01-15T08:30:00.123Z"));
      expect(await t.store.units.withLoad("no-such-unit", "2027-02-01")).toBeUndefined();
    });

    it("a 1:1's own agreements are not counted: a count that moved with them would tell others what only its two people know", async () => {
      const [oneOnOne] = await meetingsOf("one_on_one");
      const [withPl] = await meetingsOf("leader_pl");
      await addRows(oneOnOne!, ["Budgetopfølgning", "Sygefravær drøftes i MED"]);
      await addRows(withPl!, ["Personalemøde om sprog"]);
      expect(await d.congestion.load("solsikken", "alex")).toMatchObject({ count: 0, agreements: 0 });
      const [first] = await meetingsOf("laeringssamtale");
      await addRows(first!, ["Dialogisk læsning"]);
      expect(await d.congestion.load("solsikken", "alex")).toMatchObject({ count: 1, agreements: 1 });
    });

    it("over the ceiling, the chief is told first (once) and only the unit's chiefs are shown the load", async () => {
      await t.store.db.unit.update({ where: { id: "solsikken" }, data: { intentionCeiling: 1 } });
      const notices = () => t.store.db.notification.findMany({ where: { kind: "unit_congested", subjectId: "solsikken" } });
      await register({ title: "Ny model for sprogvurderinger", scope: ["solsikken"] });
      expect(await notices()).toEqual([]);
      const second = await register({ title: "Overgange til skole", scope: [areaScope("midt")] });
      expect(second.effects.planned).toBe(2); // the chief's card about Solsikken, and the initiative's evaluation card
      expect((await notices()).map((n) => n.personId)).toEqual(["alex"]);
      await register({ title: "Legepladsprojekt", scope: ["solsikken"] });
      expect(await notices()).toHaveLength(1);
      expect(await d.congestion.load("solsikken", "alex")).toMatchObject({ count: 3, over: true });
      expect(await d.congestion.load("solsikken", "megan")).toBeUndefined();
      const [first] = await meetingsOf("laeringssamtale");
      expect((await d.focusAreas.view(await person("megan"), first!)).load).toBeUndefined();
      expect((await d.focusAreas.view(await person("alex"), first!)).load).toMatchObject({ count: 3 });
      // The tone: what the unit carries and a question, not a verdict.
      const load = (await d.congestion.load("solsikken", "alex"))!;
      expect(strings.congestion.body(load)).toContain("Enheden har nu 3 igangværende indsatser — overvej, hvad der kan afsluttes.");
      expect(strings.congestion.body(load)).toContain("0 lokale fokusområder, 3 indsatser fra forvaltningen og 0 åbne aftaler fra læringssamtalerne (loftet er 1)");
    });

    it("is registered once per card, however often the card is sent", async () => {
      const requestId = "00000000-0000-4000-8000-00000000abcd";
      const a = await register({ title: "Ny model for sprogvurderinger", scope: ["solsikken"], requestId });
      const b = await register({ title: "Ny model for sprogvurderinger", scope: ["solsikken"], requestId });
      expect([a.created, b.created]).toEqual([true, false]);
      expect(b.initiative.id).toBe(a.initiative.id);
      expect(await t.store.db.initiative.count()).toBe(1);
      expect(await t.store.db.auditEntry.count({ where: { action: "initiative.registered" } })).toBe(1);
    });

    it("refuses bad input with Danish errors per field, and anyone but a chief of the units", async () => {
      const bad = await refusal(register({ title: " ", scope: [] }));
      expect(bad?.code).toBe("invalid-input");
      expect(bad?.fieldErrors).toMatchObject({ title: strings.initiatives.titleRequired, scope: strings.initiatives.chooseScope });
      const dates = await refusal(register({ title: "X", scope: ["solsikken"], fromDate: "2027-03-01", evaluateOn: "2027-02-01" }));
      expect(dates?.fieldErrors).toEqual({ evaluateOn: strings.initiatives.evaluateAfterFrom });
      const notMine = await refusal(register({ title: "X", scope: ["ukendt"] }));
      expect(notMine?.fieldErrors).toEqual({ scope: strings.initiatives.notYourUnit });
      expect((await refusal(register({ title: "X", scope: [areaScope("nord"), "solsikken"] })))?.fieldErrors).toEqual({ scope: strings.initiatives.notYourUnit });
      expect((await refusal(register({ title: "X", scope: ["solsikken"] }, "megan")))?.code).toBe("not-authorised");
      expect(await t.store.db.initiative.count()).toBe(0);
    });

    it("the default ceiling is what the example organisation's units carry when all is well, plus nothing (decision 0020)", () => {
      // One focus area per politically chosen theme, one open agreement per focus area from the
      // latest læringssamtale, and two forvaltning initiatives: a unit in the example carries that
      // much when it works as the framework says; more than that is the signal.
      const org = parse(readFileSync(resolve(import.meta.dirname, "../../config/organisation.example.yaml"), "utf8")) as { loops: { themes: unknown[] }[] };
      const themes = Math.max(...org.loops.map((l) => l.themes.length));
      // The named derivation (src/domain/intention-ceiling.ts) on the example file's actual themes.
      expect(themes).toBe(EXAMPLE_THEMES_PER_LOOP);
      expect(expectedLoad(themes)).toBe(themes * EXPECTED_LOAD.focusAreasPerTheme * (1 + EXPECTED_LOAD.agreementsPerFocusArea) + EXPECTED_LOAD.forvaltningInitiatives);
      expect(loadConfig({}).intentionCeiling).toBe(expectedLoad(themes));
      expect(DEFAULT_INTENTION_CEILING).toBe(8);
    });
  });

  describe("solnedgang by default (point 13)", () => {
    it("gives a forvaltning initiative and a focus area the loop's end as evaluation date; another date may be chosen; follow-ups keep it optional", async () => {
      const { initiative } = await register({ title: "Ny model for sprogvurderinger", scope: ["solsikken"] });
      expect(initiative.evaluateOn).toBe("2029-02-28");
      expect((await d.initiatives.view(await person("alex"))).defaultEvaluateOn).toBe("2029-02-28");
      const [first] = await meetingsOf("laeringssamtale");
      await d.focusAreas.save(await person("alex"), first!, [
        { themeId: "0-6-2027/sprog", title: "Sprogmiljøet" },
        { themeId: "0-6-2027/trivsel", title: "Legepladsen", evaluateOn: "2027-09-01" },
      ]);
      const areas = await t.store.db.focusArea.findMany({ orderBy: { position: "asc" } });
      expect(areas.map((a) => [a.title, a.evaluateOn])).toEqual([
        ["Sprogmiljøet", "2029-02-28"],
        ["Legepladsen", "2027-09-01"],
      ]);
      // The evaluation card is planned for the default date too.
      expect(await t.store.db.notification.count({ where: { kind: "focus_expiry", subjectId: areas[0]!.id } })).toBe(2);
      await addRows(first!, ["Dialogisk læsning"]);
      expect((await t.store.db.followUp.findFirstOrThrow()).evaluateOn).toBeNull();
    });
  });

  describe("an initiative's evaluation (solnedgang)", () => {
    it("gives the area's chiefs the evaluation card on its date: forlæng or afslut; ended, it weighs no more", async () => {
      const { initiative } = await register({ title: "Ny model for sprogvurderinger", scope: [areaScope("midt")], evaluateOn: "2027-06-01" });
      const rows = () => t.store.db.notification.findMany({ where: { kind: "initiative_expiry", subjectId: initiative.id, status: "pending" } });
      expect((await rows()).map((r) => [r.personId, r.key])).toEqual([["alex", `initiative_expiry:${initiative.id}:alex:2027-06-01`]]);
      const alex = await person("alex");
      expect((await refusal(d.evaluations.view(await person("megan"), "initiative", initiative.id)))?.code).toBe("not-authorised");
      clock.set("2027-06-01T09:00:00+02:00");
      expect(await d.evaluations.view(alex, "initiative", initiative.id)).toMatchObject({ due: true, state: "open", text: "Ny model for sprogvurderinger" });
      // Evaluér på næste møde is no choice for an initiative (it is on no agenda).
      expect((await refusal(d.evaluations.evaluateNext(alex, "initiative", initiative.id, initiative.version)))?.code).toBe("invalid-input");
      await d.evaluations.extend(alex, "initiative", initiative.id, initiative.version, "2027-12-01");
      expect((await rows()).map((r) => r.key)).toEqual([`initiative_expiry:${initiative.id}:alex:2027-12-01`]);
      expect(await d.congestion.load("solsikken", "alex")).toMatchObject({ initiatives: 1 });
      const extended = (await t.store.initiatives.get(initiative.id))!;
      await d.evaluations.end(alex, "initiative", initiative.id, extended.version);
      expect(await rows()).toEqual([]);
      expect(await d.congestion.load("solsikken", "alex")).toMatchObject({ initiatives: 0 });
      expect((await d.initiatives.view(alex)).initiatives).toEqual([]);
      expect(await t.store.db.auditEntry.count({ where: { subjectId: initiative.id } })).toBe(3);
    });
  });

  describe("what the loop learned (point 14)", () => {
    it("goes to the chief once, after the unit's fourth læringssamtale of the loop is closed, also when closed again", async () => {
      const samtaler = await meetingsOf("laeringssamtale");
      expect(samtaler).toHaveLength(4);
      const alex = await person("alex");
      const summaries = () => t.store.db.notification.findMany({ where: { kind: "loop_summary" } });
      await d.focusAreas.save(alex, samtaler[0]!, [
        { themeId: "0-6-2027/sprog", title: "Sprogmiljøet" },
        { themeId: "0-6-2027/trivsel", title: "Legepladsen" },
      ]);
      const sprogId = (await t.store.db.focusArea.findFirstOrThrow({ where: { title: "Sprogmiljøet" } })).id;
      // A decision may name the focus area it is about; one that names another unit's is refused.
      clock.set(new Date((await meeting(samtaler[0]!)).startsAt.getTime() + 3 * 3_600_000).toISOString());
      const wrong = await refusal(addRows(samtaler[0]!, ["Forkert"], false, { Forkert: "ukendt" }));
      expect(wrong?.fieldErrors).toEqual({ focus_0: strings.form.unknownFocusArea });
      for (const [i, id] of samtaler.entries()) {
        clock.set(new Date((await meeting(id)).startsAt.getTime() + 3 * 3_600_000).toISOString());
        await addRows(id, i < 2 ? [`Aftale ${i + 1}`] : i === 2 ? ["Aftale 3"] : [], true, { "Aftale 1": sprogId, "Aftale 3": sprogId });
        expect(await summaries(), `after samtale ${i + 1}`).toHaveLength(i < 3 ? 0 : 1);
      }
      expect((await summaries())[0]).toMatchObject({ personId: "alex", subjectId: samtaler[3] });
      // Closed again (a repeated «Gem og afslut»), reopened and closed again: still once.
      const last = await meeting(samtaler[3]!);
      await d.forms.save(alex, last.id, last.version, [], true);
      const reopened = await d.meetings.reopen(alex, last.id, last.referatVersion);
      await d.forms.save(alex, last.id, reopened.meeting.version, [], true);
      expect(await meeting(last.id)).toMatchObject({ referatVersion: 2 });
      expect(await summaries()).toHaveLength(1);

      // Per focus area what became of it; the decisions of each læringssamtale with their agreements.
      const done = await t.store.db.followUp.findFirstOrThrow({ where: { text: "Aftale 1" } });
      await d.followUps.markDone(await person("megan"), done.id, done.version);
      // An agreement ended at its evaluation is counted as ended (the form no longer shows it).
      const ended = await t.store.db.followUp.findFirstOrThrow({ where: { text: "Aftale 3" } });
      await d.evaluations.end(alex, "followup", ended.id, ended.version);
      const trivsel = await t.store.db.focusArea.findFirstOrThrow({ where: { title: "Legepladsen" } });
      await d.evaluations.end(alex, "focus", trivsel.id, trivsel.version);
      const sprog = await t.store.db.focusArea.findFirstOrThrow({ where: { title: "Sprogmiljøet" } });
      await d.evaluations.extend(alex, "focus", sprog.id, sprog.version, "2029-06-01");
      const summary = await d.loopSummaries.view(alex, samtaler[3]!);
      // Per focus area the decisions about it; the rest per læringssamtale.
      expect(summary.focusAreas.map((f) => [f.area.title, f.decisions.map((x) => [x.text, x.followUps])])).toEqual([
        [
          "Sprogmiljøet",
          [
            ["Beslutning: Aftale 1", { done: 1, open: 0, ended: 0 }],
            ["Beslutning: Aftale 3", { done: 0, open: 0, ended: 1 }],
          ],
        ],
        ["Legepladsen", []],
      ]);
      expect(summary.samtaler.map((s) => s.decisions.map((x) => [x.text, x.followUps]))).toEqual([[], [["Beslutning: Aftale 2", { done: 0, open: 1, ended: 0 }]], [], []]);
      expect(summary.followUps).toEqual({ done: 1, open: 1, ended: 1 });
      expect(summary.focusAreas.map((f) => [f.area.title, f.area.status, f.evaluations.extended, f.evaluations.endedAt !== undefined])).toEqual([
        ["Sprogmiljøet", "active", 1, false],
        ["Legepladsen", "ended", 0, true],
      ]);
      expect((await refusal(d.loopSummaries.view(await person("megan"), samtaler[3]!)))?.code).toBe("not-authorised");

      // The same in the export for the kvalitetsrapport, on its «Opsamling» sheet.
      const exported = await loadExport({ exports: t.store.exports, loopSummaries: d.loopSummaries }, "midt", { from: "2027-01-01", to: "2029-02-28" });
      const rows = exported!.tables.find((x) => x.key === "summary")!.rows;
      const endedOn = formatDateShort(localDateOf(clock.now(), "Europe/Copenhagen"));
      expect(rows.map((r) => r.slice(3))).toEqual([
        ["Sprogmiljøet", "Aktiv", calendarDate("2029-06-01"), "forlænget én gang", "2", "4", "3", "1", "1", "1"],
        ["Legepladsen", "Afsluttet", calendarDate("2029-02-28"), `afsluttet ${endedOn}`, "0", null, null, null, null, null],
      ]);
    });

    it("the export's «Opsamling» is the card's summary, limited to the export's period; the unit's figures once per unit", async () => {
      const samtaler = await meetingsOf("laeringssamtale");
      const alex = await person("alex");
      await d.focusAreas.save(alex, samtaler[0]!, [
        { themeId: "0-6-2027/sprog", title: "Sprogmiljøet" },
        { themeId: "0-6-2027/trivsel", title: "Legepladsen" },
      ]);
      const areaId = async (title: string) => (await t.store.db.focusArea.findFirstOrThrow({ where: { title } })).id;
      const about = { A1: await areaId("Sprogmiljøet"), A2: await areaId("Legepladsen"), A3: await areaId("Sprogmiljøet") };
      for (const [i, id] of samtaler.entries()) {
        clock.set(new Date((await meeting(id)).startsAt.getTime() + 3 * 3_600_000).toISOString());
        await addRows(id, [[`A1`, "B1"], ["A2"], ["A3", "B3"], ["B4"]][i]!, true, about);
      }
      const done = await t.store.db.followUp.findFirstOrThrow({ where: { text: "A1" } });
      await d.followUps.markDone(await person("megan"), done.id, done.version);
      const ended = await t.store.db.followUp.findFirstOrThrow({ where: { text: "B3" } });
      await d.evaluations.end(alex, "followup", ended.id, ended.version);

      /** The card's figures in the «Opsamling»'s order: per focus area its decisions, then the unit's once. */
      const cardFigures = (s: LoopSummary) =>
        s.focusAreas.map((f, i) => [
          f.area.title,
          String(f.decisions.length),
          ...(i === 0 ? [s.samtaler.length, decisionCount(s), s.followUps.done, s.followUps.open, s.followUps.ended].map(String) : [null, null, null, null, null]),
        ]);
      const unit = (await t.store.units.get("solsikken"))!;
      const exportFigures = async (period: { from: string; to: string }) =>
        (await loadExport({ exports: t.store.exports, loopSummaries: d.loopSummaries }, "midt", period))!.tables
          .find((x) => x.key === "summary")!
          .rows.filter((r) => r[0] === unit.name)
          .map((r) => [r[3], ...r.slice(7)]);

      // The whole loop: the export says what the card says.
      const card = await d.loopSummaries.view(alex, samtaler[3]!);
      expect(cardFigures(card)).toEqual([
        ["Sprogmiljøet", "2", "4", "6", "1", "4", "1"],
        ["Legepladsen", "1", null, null, null, null, null],
      ]);
      expect(await exportFigures({ from: "2027-01-01", to: "2029-02-28" })).toEqual(cardFigures(card));

      // A period with the first two læringssamtaler only: only what was decided in them counts.
      const second = localDateOf((await meeting(samtaler[1]!)).startsAt, "Europe/Copenhagen");
      const period = { from: "2027-01-01", to: second };
      const loop = (await t.store.loops.get(card.loop.id))!;
      const inPeriod = await d.loopSummaries.summarise(unit, loop, exportWindow(period));
      expect(inPeriod.samtaler.map((x) => x.meeting.id)).toEqual(samtaler.slice(0, 2));
      expect(cardFigures(inPeriod)).toEqual([
        ["Sprogmiljøet", "1", "2", "3", "1", "2", "0"],
        ["Legepladsen", "1", null, null, null, null, null],
      ]);
      expect(await exportFigures(period)).toEqual(cardFigures(inPeriod));
    });
  });
});
