import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import AdmZip from "adm-zip";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domainSettings } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import {
  buildExportTables,
  exportFileName,
  exportWindow,
  isValidPeriod,
  loadExport,
  type ExportData,
  type ExportMeeting,
  type ExportTable,
} from "../../src/domain/export.js";
import { createDomainServices, type DomainServices } from "../../src/domain/services.js";
import type { Person } from "../../src/domain/types.js";
import type { OrganisationFile } from "../../src/domain/organisation-file.js";
import { csvText, writeCsv } from "../../src/lib/csv.js";
import { strings } from "../../src/lib/strings.da.js";
import { calendarDate } from "../../src/lib/table.js";
import { writeXlsx } from "../../src/lib/xlsx.js";
import { ManualClock } from "../helpers/bot-harness.js";
import { testStore } from "../helpers/test-db.js";
import { onPostgres, wholeDatabase } from "../helpers/test-database.js";

const s = strings.exportFile;
const ROOT = resolve(import.meta.dirname, "../..");
const PERIOD = { from: "2027-01-01", to: "2027-04-30" };

/** Texts that must never leave the bot in an export. */
const SECRET_REFLECTION = "HEMMELIG-REFLEKSION-4711: Søren i vuggestuen har det svært";
const SECRET_GUIDE = "HEMMELIG-REFLEKSIONSGUIDE-0815";
const SECRET_BOARD = "HEMMELIG-UDTALELSE-2323";
const SECRET_COMMENT = "HEMMELIG-KOMMENTAR-9090";
const SECRETS = [SECRET_REFLECTION, SECRET_GUIDE, SECRET_BOARD, SECRET_COMMENT, "HEMMELIG"];

/**
 * A 1:1's own agreements stay between its two people (DOMAIN principle 7): the decisions and
 * follow-ups of a 1:1 ledelsesopfølgning and of a leader–pædagogisk leder 1:1 never leave the bot.
 */
const PRIVATE_1_1 = {
  decision: "PRIVAT-1:1-AFTALE-3141: Megan går ned i tid fra marts",
  followUp: "PRIVAT-1:1-OPGAVE-3142: Samtale om arbejdspresset",
  itemDecision: "PRIVAT-1:1-AFTALE-3143: Ny kontorplads",
};
const PRIVATE_PL = {
  decision: "PRIVAT-PL-AFTALE-2718: Jonas' efteruddannelse i sprogarbejde",
  followUp: "PRIVAT-PL-OPGAVE-2719: Jonas søger kursus",
};
const PRIVATE_SKOLE = {
  decision: "PRIVAT-ÅSKOLEN-AFTALE-1618: Sofies seniorordning",
  followUp: "PRIVAT-ÅSKOLEN-OPGAVE-1619: Sofie taler med HR",
};
const PRIVATE_DECISIONS = [PRIVATE_1_1.decision, PRIVATE_1_1.itemDecision, PRIVATE_PL.decision, PRIVATE_SKOLE.decision];
const PRIVATE_FOLLOW_UPS = [PRIVATE_1_1.followUp, PRIVATE_PL.followUp, PRIVATE_SKOLE.followUp];
const PRIVATE_TEXTS = [...PRIVATE_DECISIONS, ...PRIVATE_FOLLOW_UPS, "PRIVAT-"];

const TRICKY = 'Tal med forældrebestyrelsen; også om "madordning"\nog sprogvurderinger';
const DANISH = "Sprogindsatsen i vuggestuen fortsætter – æ ø å Æ Ø Å";
const LAERING_FIRST = "Læringssamtale (første i læringsloopet)";
const DECISION_ITEM = "Beslutning: valg af lokale fokusområder og næste skridt";

const parseCsv = (buf: Buffer): string[][] => parse(buf, { delimiter: ";", bom: true, relax_column_count: false }) as string[][];
const sha = (file: string): string => (existsSync(file) ? createHash("sha256").update(readFileSync(file)).digest("hex") : "absent");

/** Every text in a workbook: its cells' values and every part of the file (shared strings, properties, …). */
async function workbookTexts(buf: Buffer): Promise<{ values: string[]; parts: { name: string; xml: string }[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const values: string[] = [];
  wb.eachSheet((sheet) => sheet.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (cell) => values.push(String(cell.value ?? "")))));
  const parts = new AdmZip(buf).getEntries().map((entry) => ({ name: entry.entryName, xml: entry.getData().toString("utf8") }));
  return { values, parts };
}

describe("export for the quality report (store → tables → CSV and XLSX)", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  let d: DomainServices;
  let clock: ManualClock;
  let tables: ExportTable[];
  let title: string;
  /** The 1:1s in the period whose decisions and follow-ups stay private. */
  let privateMeetings: string[];
  const person = async (id: string) => (await t.store.people.byId(id)) as Person;
  const meetingsOf = async (unitId: string, kind: string) =>
    (await t.store.db.meeting.findMany({ where: { unitId, kind }, orderBy: { startsAt: "asc" }, select: { id: true } })).map((m) => m.id);
  const saveForm = async (chairId: string, meetingId: string, rows: { decision: string; followUpText?: string; ownerId?: string; dueDate?: string; evaluateOn?: string; agendaItemId?: string }[]) => {
    const m = await t.store.db.meeting.findUniqueOrThrow({ where: { id: meetingId } });
    await d.forms.save(await person(chairId), meetingId, m.version, rows.map((r) => ({ followUpText: "", ...r })), false);
  };
  const itemId = async (meetingId: string, title: string) => (await t.store.meetings.agendaItems(meetingId)).find((i) => i.title === title)!.id;
  const followUp = (text: string) => t.store.db.followUp.findFirstOrThrow({ where: { text } });
  const table = (key: ExportTable["key"]) => tables.find((x) => x.key === key)!;

  beforeAll(async () => {
    // This scenario has both age groups' loops from 1 January 2027, set explicitly (an explicit start
    // stays allowed, decision 0021); the example derives them from the age group instead.
    t = await testStore({ edit: (org) => ({ ...org, loops: org.loops.map((l: OrganisationFile["loops"][number]) => ({ ...l, start: "2027-01-01" })) }) });
    clock = new ManualClock(new Date("2026-11-23T09:00:00+01:00"));
    d = createDomainServices(t.store, clock, domainSettings(loadConfig({})));
    const alex = await person("alex");
    // The first læringssamtaler on the days this test names (the proposal spreads a chief's units over the season).
    const pinned: Record<string, string> = { solsikken: "2027-04-12", aaskolen: "2027-04-15" };
    for (const unit of ["solsikken", "aaskolen", "kastanjen"]) {
      let wheel = await d.yearWheels.view(alex, unit);
      const first = wheel.wheel.entries.find((e) => e.kind === "laeringssamtale" && e.firstOfLoop)!;
      if (pinned[unit]) wheel = (await d.yearWheels.move(alex, unit, wheel.wheel.version, first.id, pinned[unit]!, first.time)).view;
      await d.yearWheels.confirm(alex, unit, wheel.wheel.version);
    }
    // Solsikken: 1:1 1 Feb, leader–PL 2 Feb, first læringssamtale 12 Apr, the next 25 Oct 2027.
    // Åskolen: 1:1 4 Feb, first læringssamtale 15 Apr. Kastanjen: first læringssamtale 14 Apr.
    const [oneOnOne] = await meetingsOf("solsikken", "one_on_one");
    const [leaderPl] = await meetingsOf("solsikken", "leader_pl");
    const [laering, later] = await meetingsOf("solsikken", "laeringssamtale");
    const [skoleOneOnOne] = await meetingsOf("aaskolen", "one_on_one");
    const [skole] = await meetingsOf("aaskolen", "laeringssamtale");
    const [cancelled] = await meetingsOf("kastanjen", "laeringssamtale");
    privateMeetings = [oneOnOne!, leaderPl!, skoleOneOnOne!];

    // Megan's private reflection before the 1:1, and Jonas' reflection guide for the læringssamtale.
    await d.reflections.send(await person("megan"), oneOnOne!, { data_drift: SECRET_REFLECTION, sparring: SECRET_REFLECTION }, undefined);
    const jonas = await person("jonas");
    const guide = await d.reflections.view(jonas, laering!);
    await d.reflections.send(jonas, laering!, Object.fromEntries(guide.questions.map((q) => [q.id, SECRET_GUIDE])), undefined);

    // The læringssamtale's opfølgningsskema: what the quality report is about.
    await saveForm("alex", laering!, [
      { decision: DANISH, agendaItemId: await itemId(laering!, DECISION_ITEM), followUpText: TRICKY, ownerId: "megan", dueDate: "2027-05-15", evaluateOn: "2027-09-01" },
      { decision: "Budgettet følges op i maj", followUpText: "Budgetopfølgning med økonomi", ownerId: "megan", dueDate: "2027-05-01" },
      { decision: "Ingen ændringer i åbningstiden; vi ser på det igen" },
      { decision: 'Jonas\' "legegrupper" evalueres', followUpText: "Legegrupper evalueres", ownerId: "jonas", dueDate: "2027-06-15" },
      { decision: "Fokus på sprogmiljøet", followUpText: "Dialogisk læsning i to grupper", ownerId: "jonas", dueDate: "2027-05-01" },
    ]);
    await saveForm("alex", skole!, [{ decision: "Fraværet i 7. klasse", followUpText: "Fraværsindsats i 7. klasse", ownerId: "sofie", dueDate: "2027-06-01" }]);

    // The 1:1s in the period have agreements of their own, which stay between their two people.
    await saveForm("alex", oneOnOne!, [
      { decision: PRIVATE_1_1.decision, agendaItemId: await itemId(oneOnOne!, "Beslutninger og aftaler"), followUpText: PRIVATE_1_1.followUp, ownerId: "megan", dueDate: "2027-02-15", evaluateOn: "2027-06-01" },
      { decision: PRIVATE_1_1.itemDecision },
    ]);
    await saveForm("megan", leaderPl!, [{ decision: PRIVATE_PL.decision, followUpText: PRIVATE_PL.followUp, ownerId: "jonas", dueDate: "2027-03-15" }]);
    await saveForm("alex", skoleOneOnOne!, [{ decision: PRIVATE_SKOLE.decision, followUpText: PRIVATE_SKOLE.followUp, ownerId: "sofie", dueDate: "2027-03-01" }]);

    await saveForm("birthe", cancelled!, [{ decision: "Beslutning på et aflyst møde", followUpText: "Aflyst opgave", ownerId: "lars", dueDate: "2027-05-01" }]);
    // The bot refuses to cancel a meeting with decisions; a cancelled one with decisions is only
    // possible in old or hand-edited data, and the export leaves it out all the same.
    await t.store.db.meeting.update({ where: { id: cancelled! }, data: { status: "cancelled" } });
    await saveForm("alex", later!, [{ decision: "Beslutning efter perioden", followUpText: "Opgave efter perioden", ownerId: "megan", dueDate: "2027-11-15" }]);

    await d.focusAreas.save(alex, laering!, [
      { themeId: "0-6-2027/sprog", title: "Sprogmiljøet i vuggestuen", evaluateOn: "2027-08-02" },
      { themeId: "0-6-2027/trivsel", title: "Trivsel på legepladsen" },
      { themeId: "0-6-2027/overgange", title: "Overgange til skole" },
    ]);
    // The repository stamps createdAt with the wall clock, not the injected one: align it.
    await t.store.db.focusArea.updateMany({ data: { createdAt: clock.now() } });
    const area = (title: string) => t.store.db.focusArea.findFirstOrThrow({ where: { title } });
    clock.set("2026-11-24T09:00:00+01:00");
    const overgange = await area("Overgange til skole");
    await d.focusAreas.save(alex, laering!, [{ id: overgange.id, version: overgange.version, themeId: overgange.themeId, title: overgange.title, end: true }]);

    // The board's written statement (input D) is as private to the meeting as a reflection.
    await t.store.db.boardStatement.create({ data: { id: "bs-1", meetingId: laering!, authorId: "bo", text: SECRET_BOARD, sentAt: clock.now() } });

    clock.set("2027-02-10T10:00:00+01:00");
    const trivsel = await area("Trivsel på legepladsen");
    await d.focusAreas.save(alex, laering!, [{ id: trivsel.id, version: trivsel.version, themeId: trivsel.themeId, title: trivsel.title, end: true }]);
    // A private 1:1 follow-up done in the period stays private all the same.
    const privateDone = await followUp(PRIVATE_PL.followUp);
    await d.followUps.markDone(jonas, privateDone.id, privateDone.version);

    clock.set("2027-04-20T10:00:00+02:00");
    const budget = await followUp("Budgetopfølgning med økonomi");
    await d.followUps.markDone(await person("megan"), budget.id, budget.version);
    const tricky = await followUp(TRICKY);
    await d.followUps.comment(await person("megan"), tricky.id, tricky.version, SECRET_COMMENT);

    const result = await loadExport({ exports: t.store.exports, loopSummaries: d.loopSummaries }, "midt", PERIOD);
    expect(result).toBeDefined();
    tables = result!.tables;
    title = result!.title;
  });
  afterAll(() => t?.close());

  it("has the reflection, the other private texts and the 1:1s' own agreements in the database (so their absence below means something)", async () => {
    expect((await t.store.db.reflection.findMany()).some((r) => r.answers.includes(SECRET_REFLECTION))).toBe(true);
    expect(await t.store.db.boardStatement.count({ where: { text: SECRET_BOARD } })).toBe(1);
    expect(await t.store.db.followUpEvent.count({ where: { data: { contains: SECRET_COMMENT } } })).toBe(1);

    // Held in the period, not cancelled, in the area, with decisions and follow-ups: only their kind keeps them out.
    const meetings = await t.store.db.meeting.findMany({
      where: { id: { in: privateMeetings } },
      select: { kind: true, status: true, startsAt: true, unit: { select: { areaId: true } }, decisions: { select: { text: true } }, followUps: { select: { text: true } } },
    });
    expect(meetings.map((m) => m.kind).sort()).toEqual(["leader_pl", "one_on_one", "one_on_one"]);
    for (const m of meetings) {
      expect(m.status).not.toBe("cancelled");
      expect(m.unit.areaId).toBe("midt");
      expect(m.startsAt.getTime()).toBeGreaterThanOrEqual(new Date("2027-01-01T00:00:00+01:00").getTime());
      expect(m.startsAt.getTime()).toBeLessThan(new Date("2027-05-01T00:00:00+02:00").getTime());
    }
    expect(meetings.flatMap((m) => m.decisions.map((x) => x.text)).sort()).toEqual([...PRIVATE_DECISIONS].sort());
    expect(meetings.flatMap((m) => m.followUps.map((x) => x.text)).sort()).toEqual([...PRIVATE_FOLLOW_UPS].sort());
    expect((await followUp(PRIVATE_PL.followUp)).status).toBe("done");
  });

  it("builds four tables with Danish headers, sorted by unit and meeting date, for the period's læringssamtaler only", () => {
    expect(title).toBe("Læringsloop – Område Midt (0-6 år), 01.01.2027–30.04.2027");
    expect(tables.map((x) => [x.key, x.name])).toEqual([
      ["decisions", "Beslutninger"],
      ["followUps", "Opfølgningspunkter"],
      ["focusAreas", "Fokusområder"],
      ["summary", "Opsamling"],
    ]);
    const cal = (d: string) => calendarDate(d);
    const sol = "Dagtilbud Solsikken";
    const apr12 = cal("2027-04-12");
    expect(table("decisions").headers).toEqual(["Enhed", "Mødedato", "Møde", "Dagsordenspunkt", "Beslutning"]);
    expect(table("decisions").rows).toEqual([
      [sol, apr12, LAERING_FIRST, DECISION_ITEM, DANISH],
      [sol, apr12, LAERING_FIRST, null, "Budgettet følges op i maj"],
      [sol, apr12, LAERING_FIRST, null, "Ingen ændringer i åbningstiden; vi ser på det igen"],
      [sol, apr12, LAERING_FIRST, null, 'Jonas\' "legegrupper" evalueres'],
      [sol, apr12, LAERING_FIRST, null, "Fokus på sprogmiljøet"],
      ["Åskolen", cal("2027-04-15"), LAERING_FIRST, null, "Fraværet i 7. klasse"],
    ]);
    expect(table("followUps").headers).toEqual(["Enhed", "Mødedato", "Møde", "Beslutning", "Opfølgningspunkt", "Ansvarlig", "Frist", "Status", "Udført dato", "Evalueringsdato"]);
    expect(table("followUps").rows).toEqual([
      [sol, apr12, LAERING_FIRST, DANISH, TRICKY, "Megan Bowen", cal("2027-05-15"), "Åben", null, cal("2027-09-01")],
      [sol, apr12, LAERING_FIRST, "Budgettet følges op i maj", "Budgetopfølgning med økonomi", "Megan Bowen", cal("2027-05-01"), "Udført", cal("2027-04-20"), null],
      [sol, apr12, LAERING_FIRST, 'Jonas\' "legegrupper" evalueres', "Legegrupper evalueres", "Jonas Dahl", cal("2027-06-15"), "Åben", null, null],
      [sol, apr12, LAERING_FIRST, "Fokus på sprogmiljøet", "Dialogisk læsning i to grupper", "Jonas Dahl", cal("2027-05-01"), "Åben", null, null],
      ["Åskolen", cal("2027-04-15"), LAERING_FIRST, "Fraværet i 7. klasse", "Fraværsindsats i 7. klasse", "Sofie Ærø Østergaard", cal("2027-06-01"), "Åben", null, null],
    ]);
    expect(table("focusAreas").headers).toEqual(["Enhed", "Læringsloop", "Tema", "Fokusområde", "Status", "Evalueringsdato"]);
    expect(table("focusAreas").rows).toEqual([
      [sol, "2027–2028, 0–6-årsområdet", "Sprog og kommunikation", "Sprogmiljøet i vuggestuen", "Aktiv", cal("2027-08-02")],
      // Saved without a date: evaluated at the loop's end by default (solnedgang).
      [sol, "2027–2028, 0–6-årsområdet", "Trivsel og fællesskaber", "Trivsel på legepladsen", "Afsluttet", cal("2028-12-31")],
    ]);
    // The «Opsamling»: the same focus areas, with what their evaluations decided and the unit's closed
    // læringssamtaler of the loop (none closed here: the loop's summary is tested in what-weighs.test.ts),
    // the unit's figures on its first row only.
    expect(table("summary").headers).toEqual([
      "Enhed",
      "Læringsloop",
      "Tema",
      "Fokusområde",
      "Status",
      "Evalueringsdato",
      "Evalueringer",
      "Beslutninger om fokusområdet",
      "Enhedens læringssamtaler i loopet (i perioden)",
      "Enhedens beslutninger",
      "Enhedens aftaler udført",
      "Enhedens aftaler åbne",
      "Enhedens aftaler afsluttet uden at være udført",
    ]);
    expect(table("summary").rows).toEqual([
      [sol, "2027–2028, 0–6-årsområdet", "Sprog og kommunikation", "Sprogmiljøet i vuggestuen", "Aktiv", cal("2027-08-02"), "", "0", "0", "0", "0", "0", "0"],
      [sol, "2027–2028, 0–6-årsområdet", "Trivsel og fællesskaber", "Trivsel på legepladsen", "Afsluttet", cal("2028-12-31"), "afsluttet 10.02.2027", "0", null, null, null, null, null],
    ]);
    const all = JSON.stringify(tables);
    for (const left of ["aflyst", "Aflyst", "Kastanjen", "efter perioden", "Overgange til skole"]) expect(all).not.toContain(left);
  });

  it("writes each table as a CSV that a CSV parser reads back: BOM, ';', CRLF, quoting, Danish characters, dd.mm.yyyy", () => {
    const buf = writeCsv(table("followUps"));
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.subarray(3).toString("utf8");
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.split("\r\n")[0]).toBe("Enhed;Mødedato;Møde;Beslutning;Opfølgningspunkt;Ansvarlig;Frist;Status;Udført dato;Evalueringsdato");
    // The newline inside the text is quoted, not a line end of its own.
    expect(text).toContain('"Tal med forældrebestyrelsen; også om ""madordning""\nog sprogvurderinger"');

    const rows = parseCsv(buf);
    expect(rows[0]).toEqual(table("followUps").headers);
    expect(rows.slice(1)).toHaveLength(5);
    expect(rows[1]).toEqual(["Dagtilbud Solsikken", "12.04.2027", LAERING_FIRST, DANISH, TRICKY, "Megan Bowen", "15.05.2027", "Åben", "", "01.09.2027"]);
    expect(rows[2]).toEqual([
      "Dagtilbud Solsikken",
      "12.04.2027",
      LAERING_FIRST,
      "Budgettet følges op i maj",
      "Budgetopfølgning med økonomi",
      "Megan Bowen",
      "01.05.2027",
      "Udført",
      "20.04.2027",
      "",
    ]);
    expect(rows[3]![3]).toBe('Jonas\' "legegrupper" evalueres');
    expect(text).toContain('"Jonas\' ""legegrupper"" evalueres"');
    expect(rows[5]![0]).toBe("Åskolen");
    expect(rows[5]![5]).toBe("Sofie Ærø Østergaard");
    for (const r of rows.slice(1)) expect(r[1]).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);

    const decisions = parseCsv(writeCsv(table("decisions")));
    expect(decisions[0]).toEqual(["Enhed", "Mødedato", "Møde", "Dagsordenspunkt", "Beslutning"]);
    expect(decisions[1]).toEqual(["Dagtilbud Solsikken", "12.04.2027", LAERING_FIRST, DECISION_ITEM, DANISH]);
    expect(decisions.map((r) => r[4])).toContain("Ingen ændringer i åbningstiden; vi ser på det igen");
    expect(decisions.map((r) => r[4])).toContain('Jonas\' "legegrupper" evalueres');
    const focus = parseCsv(writeCsv(table("focusAreas")));
    expect(focus.slice(1).map((r) => [r[3], r[4], r[5]])).toEqual([
      ["Sprogmiljøet i vuggestuen", "Aktiv", "02.08.2027"],
      ["Trivsel på legepladsen", "Afsluttet", "31.12.2028"],
    ]);
  });

  it("writes one workbook that exceljs reads back: sheets, headers, values, real dates as dd.mm.yyyy, frozen bold header, filter, title", async () => {
    const buf = await writeXlsx(tables, { title });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.title).toBe(title);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Beslutninger", "Opfølgningspunkter", "Fokusområder", "Opsamling"]);

    const sheet = wb.getWorksheet("Opfølgningspunkter")!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...table("followUps").headers]);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.rowCount).toBe(6);

    const first = sheet.getRow(2);
    expect(first.getCell(3).value).toBe(LAERING_FIRST);
    expect(first.getCell(4).value).toBe(DANISH);
    expect(first.getCell(5).value).toBe(TRICKY);
    expect(first.getCell(5).alignment?.wrapText).toBe(true);
    expect(first.getCell(6).value).toBe("Megan Bowen");
    for (const [col, date] of [[2, "2027-04-12"], [7, "2027-05-15"], [10, "2027-09-01"]] as const) {
      const cell = first.getCell(col);
      expect(cell.value).toBeInstanceOf(Date);
      expect((cell.value as Date).toISOString()).toBe(`${date}T00:00:00.000Z`);
      expect(cell.numFmt).toBe("dd.mm.yyyy");
    }
    expect(first.getCell(9).value).toBeNull();
    expect(sheet.getRow(3).getCell(8).value).toBe("Udført");
    expect((sheet.getRow(3).getCell(9).value as Date).toISOString()).toBe("2027-04-20T00:00:00.000Z");
    expect(sheet.getRow(3).getCell(9).numFmt).toBe("dd.mm.yyyy");
    expect(sheet.getRow(4).getCell(4).value).toBe('Jonas\' "legegrupper" evalueres');
    expect(sheet.getRow(6).getCell(6).value).toBe("Sofie Ærø Østergaard");
    for (let c = 1; c <= 10; c++) expect(sheet.getColumn(c).width).toBeGreaterThanOrEqual(8);

    const decisions = wb.getWorksheet("Beslutninger")!;
    expect(decisions.getRow(2).values).toEqual([undefined, "Dagtilbud Solsikken", new Date("2027-04-12T00:00:00Z"), LAERING_FIRST, DECISION_ITEM, DANISH]);
    expect(decisions.getRow(2).getCell(2).numFmt).toBe("dd.mm.yyyy");
    expect(decisions.rowCount).toBe(7);
    const focus = wb.getWorksheet("Fokusområder")!;
    expect(focus.getRow(2).getCell(4).value).toBe("Sprogmiljøet i vuggestuen");
    expect(focus.getRow(2).getCell(6).numFmt).toBe("dd.mm.yyyy");
  });

  it("never contains a reflection, a board statement or a comment, in any CSV or anywhere in the workbook", async () => {
    for (const tbl of tables) {
      const csv = writeCsv(tbl).toString("utf8");
      for (const secret of SECRETS) expect(csv).not.toContain(secret);
      expect(csv).not.toContain("Søren");
    }
    const { values, parts } = await workbookTexts(await writeXlsx(tables, { title }));
    expect(values.length).toBeGreaterThan(50);
    for (const secret of SECRETS) expect(values.filter((v) => v.includes(secret))).toEqual([]);
    // And not in any part of the file either (shared strings, properties, …).
    for (const { name, xml } of parts) for (const secret of SECRETS) expect(xml, name).not.toContain(secret);
  });

  it("never contains a 1:1's own decisions or follow-ups (ledelsesopfølgning or leader–pædagogisk leder), in any table, CSV or the workbook", async () => {
    // Only læringssamtaler appear as the meeting of a decision or a follow-up.
    for (const key of ["decisions", "followUps"] as const) {
      expect(table(key).rows.length).toBeGreaterThan(0);
      expect(new Set(table(key).rows.map((r) => r[2]))).toEqual(new Set([LAERING_FIRST]));
    }
    const all = JSON.stringify(tables);
    for (const text of PRIVATE_TEXTS) expect(all).not.toContain(text);
    for (const label of ["1:1 ledelsesopfølgning", "1:1 med pædagogisk leder"]) expect(all).not.toContain(label);

    for (const tbl of tables) {
      const csv = writeCsv(tbl).toString("utf8");
      for (const text of PRIVATE_TEXTS) expect(csv, tbl.name).not.toContain(text);
      for (const row of parseCsv(writeCsv(tbl))) for (const text of PRIVATE_TEXTS) expect(row.filter((v) => v.includes(text))).toEqual([]);
    }
    const { values, parts } = await workbookTexts(await writeXlsx(tables, { title }));
    expect(values).toContain(DANISH);
    for (const text of PRIVATE_TEXTS) expect(values.filter((v) => v.includes(text))).toEqual([]);
    for (const { name, xml } of parts) for (const text of PRIVATE_TEXTS) expect(xml, name).not.toContain(text);
  });

  it("runs from the command line: writes the files, refuses an unknown area (1) and a bad period (2), changes nothing in the database", async () => {
    const out = join(t.dir, "eksport");
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", "scripts/export.ts", ...args], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: t.url, NODE_ENV: "test" },
        encoding: "utf8",
        timeout: 60_000,
      });
    // SQLite: the file's very bytes; PostgreSQL: every row of every table.
    const dbFile = t.url.replace(/^file:/, "");
    const fingerprint = async () => (onPostgres ? wholeDatabase(t.store.db) : [sha(dbFile), sha(`${dbFile}-wal`)].join());
    const before = await fingerprint();

    const ok = run("--area", "midt", "--from", PERIOD.from, "--to", PERIOD.to, "--out", out);
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    const names = [
      "laeringsloop-midt-2027-01-01-2027-04-30-beslutninger.csv",
      "laeringsloop-midt-2027-01-01-2027-04-30-opfoelgningspunkter.csv",
      "laeringsloop-midt-2027-01-01-2027-04-30-fokusomraader.csv",
      "laeringsloop-midt-2027-01-01-2027-04-30-opsamling.csv",
      "laeringsloop-midt-2027-01-01-2027-04-30.xlsx",
    ];
    expect(readdirSync(out).sort()).toEqual([...names].sort());
    expect(ok.stdout.trim()).toBe(s.written(names.map((n) => join(out, n)).join(", ")));
    const csv = parseCsv(readFileSync(join(out, names[1]!)));
    expect(csv[1]![4]).toBe(TRICKY);
    expect(csv).toHaveLength(6);
    expect(parseCsv(readFileSync(join(out, names[0]!)))).toHaveLength(7);
    // The files the command writes keep the 1:1s' agreements and the private texts out as well.
    for (const name of names.slice(0, 4)) {
      const text = readFileSync(join(out, name), "utf8");
      for (const secret of [...SECRETS, ...PRIVATE_TEXTS]) expect(text, name).not.toContain(secret);
    }
    const { values, parts } = await workbookTexts(readFileSync(join(out, names[4]!)));
    expect(values).toContain(TRICKY);
    for (const { name, xml } of parts) for (const secret of [...SECRETS, ...PRIVATE_TEXTS]) expect(xml, name).not.toContain(secret);

    const xlsxOnly = run("--area", "midt", "--from", PERIOD.from, "--to", PERIOD.to, "--out", join(out, "kun-xlsx"), "--format", "xlsx");
    expect(xlsxOnly.status).toBe(0);
    expect(readdirSync(join(out, "kun-xlsx"))).toEqual([names[4]]);

    const unknown = run("--area", "nord", "--from", PERIOD.from, "--to", PERIOD.to, "--out", out);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim()).toBe(s.unknownArea("nord", "midt (Område Midt (0-6 år))"));

    const bad = run("--area", "midt", "--from", "2027-05-01", "--to", "2027-04-30", "--out", out);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe(s.badPeriod);

    const usage = run("--area", "midt");
    expect(usage.status).toBe(2);
    expect(usage.stderr.trim()).toBe(s.usage);

    expect(await fingerprint()).toEqual(before);
  });
});

describe("export building blocks", () => {
  const meeting = (unitName: string, startsAt: string, extra: Partial<ExportMeeting> = {}): ExportMeeting => ({
    id: `${unitName}-${startsAt}`,
    unitName,
    startsAt: new Date(startsAt),
    kind: "one_on_one",
    firstOfLoop: false,
    ...extra,
  });
  const data = (decisions: ExportData["decisions"]): ExportData => ({ area: { id: "a", name: "A" }, decisions, followUps: [], focusAreas: [], summary: [] });

  it("shows a meeting's date in Copenhagen and sorts units in the Danish alphabet (… Z Æ Ø Å)", () => {
    const rows = buildExportTables(
      data([
        { meeting: meeting("Åskolen", "2027-01-05T09:00:00Z"), position: 0, text: "å" },
        { meeting: meeting("Ølstykke", "2027-01-05T09:00:00Z"), position: 0, text: "ø" },
        { meeting: meeting("Ærø", "2027-01-05T09:00:00Z"), position: 0, text: "æ" },
        { meeting: meeting("Bakken", "2027-03-27T23:30:00Z"), position: 1, text: "late, second" },
        { meeting: meeting("Bakken", "2027-03-27T23:30:00Z"), position: 0, text: "late, first" },
        { meeting: meeting("Bakken", "2027-01-05T09:00:00Z", { kind: "laeringssamtale" }), position: 0, text: "early" },
        { meeting: meeting("Zebra", "2027-01-05T09:00:00Z"), position: 0, text: "z" },
      ]),
    )[0]!.rows;
    expect(rows.map((r) => r[4])).toEqual(["early", "late, first", "late, second", "z", "æ", "ø", "å"]);
    // 23:30 UTC on 27 March is 00:30 on 28 March in Copenhagen.
    expect(rows[1]![1]).toEqual(calendarDate("2027-03-28"));
    expect(rows[0]![2]).toBe("Læringssamtale");
  });

  it("quotes only what needs quoting and keeps a typed formula from running", () => {
    const csv = csvText({ name: "x", headers: ["a", "b", "c"], rows: [["=HYPERLINK(\"http://x\")", "- et punkt", null], ["+45 12", "@navn", calendarDate("2027-12-24")]] });
    expect(csv).toBe('a;b;c\r\n"\'=HYPERLINK(""http://x"")";- et punkt;\r\n\'+45 12;\'@navn;24.12.2027\r\n');
  });

  it("carries typed texts literally: no formula runs, nothing invisible or reversed, Markdown as typed (CSV and XLSX)", async () => {
    const typed = [
      '=HYPERLINK("https://evil.example","Opdatér dit kodeord")',
      "+cmd|' /C calc'!A0",
      "-2+3+cmd|' /C calc'!A0",
      "@SUM(1+1)*cmd|' /C calc'!A0",
      "\u0000=1+1",
      "\u200B=1+1",
      "[Opdatér dit kodeord](https://evil.example) **fed**",
      "omvendt \u202Etxt.exe\u202C",
      "- et punkt",
    ];
    const shown = ['=HYPERLINK("https://evil.example","Opdatér dit kodeord")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "=1+1", "=1+1", "[Opdatér dit kodeord](https://evil.example) **fed**", "omvendt txt.exe", "- et punkt"];
    const table = { name: "Opfølgningspunkter", headers: ["Tekst"], rows: typed.map((t) => [t]) };
    const csvRows = parse(writeCsv(table).subarray(3).toString("utf8"), { delimiter: ";", relax_quotes: true }) as string[][];
    // In the CSV a text a spreadsheet would run gets a leading apostrophe; everything else as typed.
    expect(csvRows.slice(1).map((r) => r[0])).toEqual(shown.map((t) => (/^[=+@]|^-(?!\s)/.test(t) ? `'${t}` : t)));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await writeXlsx([table], { title: "x" })) as unknown as ArrayBuffer);
    const cells = book.worksheets[0]!.getColumn(1).values.slice(2) as unknown[];
    // In the workbook every text is a text cell: nothing to strip, no formula.
    expect(cells).toEqual(shown);
    book.worksheets[0]!.eachRow((row) => expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String));
  });

  it("checks a period and turns it into the instants of whole Copenhagen days", () => {
    expect(isValidPeriod({ from: "2027-01-01", to: "2027-01-01" })).toBe(true);
    expect(isValidPeriod({ from: "2027-01-02", to: "2027-01-01" })).toBe(false);
    expect(isValidPeriod({ from: "2027-02-29", to: "2027-03-01" })).toBe(false);
    expect(exportWindow({ from: "2027-01-01", to: "2027-06-30" })).toEqual({ start: new Date("2026-12-31T23:00:00Z"), end: new Date("2027-06-30T22:00:00Z") });
    expect(exportFileName("midt", { from: "2027-01-01", to: "2027-06-30" }, { name: "Fokusområder" })).toBe("laeringsloop-midt-2027-01-01-2027-06-30-fokusomraader.csv");
    expect(exportFileName("Område Ø", { from: "2027-01-01", to: "2027-06-30" })).toBe("laeringsloop-omraade-oe-2027-01-01-2027-06-30.xlsx");
  });
});
