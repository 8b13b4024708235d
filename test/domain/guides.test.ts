import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domainSettings } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { expectedReflectionAuthors, reflectionAuthors } from "../../src/domain/access.js";
import { guideFor, guideRoles, templateIds, upgradeTemplateShape, type MeetingTemplate } from "../../src/domain/meeting-template.js";
import { createDomainServices, type DomainServices } from "../../src/domain/services.js";
import type { Meeting, Person } from "../../src/domain/types.js";
import { AppError } from "../../src/lib/errors.js";
import { ManualClock } from "../helpers/bot-harness.js";
import { testStore } from "../helpers/test-db.js";
import { shippedTemplates } from "../helpers/templates.js";

/**
 * The refleksionsguide fits the person (seed 002; seed 000, «vende bevisbyrden»): each role of a
 * læringssamtale its own questions and `required`; a 1:1 guide that asks for little and takes
 * «Intet nyt» in one tap.
 */
describe("refleksionsguides per role", () => {
  const meeting = (kind: Meeting["kind"], selvejende = false) => ({ kind, unit: { id: "u", name: "U", type: "dagtilbud" as const, areaId: "a", selvejende, active: true } });
  const ids = (t: MeetingTemplate, m: ReturnType<typeof meeting>, role: Parameters<typeof guideFor>[2]) => guideFor(t, m, role)?.questions.map((q) => `${q.source ?? ""}${q.id}${q.required ? "*" : ""}`);
  const first = shippedTemplates[templateIds.laeringssamtaleFirst];
  const later = shippedTemplates[templateIds.laeringssamtaleLater];

  it("gives each role of a læringssamtale its own set, with input A only for those who can open the datapakke", () => {
    const m = meeting("laeringssamtale");
    expect(ids(first, m, "leader")).toEqual(["Aa_datapakke*", "Bb_egen_praksis", "Cc_ledelsesopfoelgning", "Dd_foraeldre", "Ee_boern", "boerneperspektiv*", "fokus_forslag"]);
    expect(ids(first, m, "bestyrelsesrepraesentant")).toEqual(["Dd_foraeldre*", "fokus_forslag"]);
    expect(ids(first, m, "ungerepraesentant")).toEqual(["Ee_boern", "fokus_forslag"]);
    expect(ids(first, m, "medarbejderrepraesentant")).toEqual(["Bb_egen_praksis", "fokus_forslag"]);
    expect(ids(first, m, "paedagogisk_leder")).toEqual(["Aa_datapakke", "Bb_egen_praksis", "fokus_forslag"]);
    expect(ids(first, m, "konsulent")).toEqual(["Aa_datapakke", "fokus_forslag"]);
    expect(ids(first, m, "chair")).toEqual(["Aa_datapakke", "Cc_ledelsesopfoelgning"]);
    expect(ids(later, m, "bestyrelsesrepraesentant")).toEqual(["Dd_foraeldre*"]);
    // The board and the young are told they need not open the datapakke.
    expect(guideFor(first, m, "bestyrelsesrepraesentant")!.intro).toContain("Du behøver ikke datapakken");
    expect(guideFor(first, m, "leader")!.intro).toBe(first.reflection.intro);
  });

  it("gives the board representative who chairs a selvejende dagtilbud's læringssamtale the board's set", () => {
    expect(guideFor(first, meeting("laeringssamtale", true), "chair")!.role).toBe("bestyrelsesrepraesentant");
    expect(guideFor(first, meeting("laeringssamtale", false), "chair")!.role).toBe("chair");
  });

  it("asks only the leader in a 1:1, at most two questions, none required", () => {
    for (const id of [templateIds.oneOnOne, templateIds.leaderPl]) {
      const t = shippedTemplates[id];
      expect(guideFor(t, meeting("one_on_one"), "chair")).toBeUndefined();
      const guide = guideFor(t, meeting("one_on_one"), "leader")!;
      expect(guide.questions.length).toBeLessThanOrEqual(2);
      expect(guide.questions.some((q) => q.required)).toBe(false);
    }
    // An id is never reused with another meaning: `data` was the old 1:1 guide's required «Hvad viser
    // de aktuelle data …», so its answers must not appear under «… bør kende før mødet?».
    expect(guideFor(shippedTemplates[templateIds.oneOnOne], meeting("one_on_one"), "leader")!.questions.map((q) => q.id)).toEqual(["sparring", "data_drift"]);
  });

  it("reads a snapshot in the old shape (one set for all) as one set per role", () => {
    const { roles: _roles, ...rest } = later.reflection;
    const old = { ...later, reflection: { ...rest, fillers: "participants", questions: later.reflection.roles.leader!.questions } };
    const upgraded = upgradeTemplateShape(old);
    expect(Object.keys(upgraded.reflection.roles)).toEqual([...guideRoles]);
    expect(upgraded.reflection.roles.ungerepraesentant!.questions).toEqual(later.reflection.roles.leader!.questions);
    const oldOneOnOne = { ...shippedTemplates[templateIds.oneOnOne], reflection: { intro: "x", fillers: "leader", questions: later.reflection.roles.leader!.questions } };
    expect(Object.keys(upgradeTemplateShape(oldOneOnOne).reflection.roles)).toEqual(["leader"]);
    // The new shape passes unchanged.
    expect(upgradeTemplateShape(later)).toBe(later);
  });
});

describe("refleksionsguides per role, on a real store", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  let d: DomainServices;
  const settings = domainSettings(loadConfig({}));
  const person = async (id: string) => (await t.store.people.byId(id)) as Person;
  const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => (e instanceof AppError ? { code: e.code, fields: Object.keys(e.fieldErrors).sort() } : { code: String(e), fields: [] }));
  const meetingsOf = async (unitId: string, kind: string) =>
    (await t.store.db.meeting.findMany({ where: { unitId, kind }, orderBy: { startsAt: "asc" }, select: { id: true } })).map((m) => m.id);
  let laering = "";
  let kastanjen = "";
  let oneOnOne = "";

  beforeAll(async () => {
    t = await testStore();
    d = createDomainServices(t.store, new ManualClock(new Date("2026-11-23T09:00:00+01:00")), settings);
    const alex = await person("alex");
    for (const unit of ["solsikken", "kastanjen"]) {
      const wheel = await d.yearWheels.view(alex, unit);
      await d.yearWheels.confirm(alex, unit, wheel.wheel.version);
    }
    laering = (await meetingsOf("solsikken", "laeringssamtale"))[0]!;
    kastanjen = (await meetingsOf("kastanjen", "laeringssamtale"))[0]!;
    oneOnOne = (await meetingsOf("solsikken", "one_on_one"))[0]!;
  });
  afterAll(() => t.close());

  it("asks every participant of the first læringssamtale whose role has a set, each with their own questions", async () => {
    const m = (await t.store.meetings.get(laering))!;
    expect(reflectionAuthors(m, settings.templates).map((p) => p.id).sort()).toEqual(["alex", "bo", "hanne", "jonas", "karim", "megan"]);
    const bo = await d.reflections.view(await person("bo"), laering);
    expect([bo.authorRole, bo.questions.map((q) => q.id), bo.nothingNewOffered]).toEqual(["bestyrelsesrepraesentant", ["d_foraeldre", "fokus_forslag"], false]);
    expect(bo.questions.some((q) => q.source === "A")).toBe(false);
    // The domain alone decides the datapakke's link and where it stands: beside the leader's question about it, none for the board.
    expect(bo.datapakke).toBeUndefined();
    expect((await d.reflections.view(await person("megan"), laering)).datapakke).toEqual({ questionId: "a_datapakke", url: "https://lis.eksempelkommune.dk/datapakker/solsikken/2027" });
    expect((await d.reflections.view(await person("karim"), laering)).datapakke?.questionId).toBe("a_datapakke");
    // Birthe chairs Kastanjen's (selvejende) læringssamtale and answers as the board.
    expect((await d.reflections.view(await person("birthe"), kastanjen)).authorRole).toBe("bestyrelsesrepraesentant");
  });

  it("checks `required` per role", async () => {
    expect(await refusal(d.reflections.send(await person("bo"), laering, { fokus_forslag: "Overgange" }, undefined))).toEqual({ code: "invalid-input", fields: ["d_foraeldre"] });
    expect(await refusal(d.reflections.send(await person("megan"), laering, { d_foraeldre: "Forældrene spørger til sprog." }, undefined))).toEqual({
      code: "invalid-input",
      fields: ["a_datapakke", "boerneperspektiv"],
    });
    // The staff representative is asked nothing required: an empty guide can be sent.
    await d.reflections.send(await person("hanne"), laering, {}, undefined);
    const sent = await d.reflections.send(await person("bo"), laering, { d_foraeldre: "Forældrene spørger til sprog.", a_datapakke: "ikke mit spørgsmål" }, undefined);
    // An answer to another role's question is not kept.
    expect(sent.view.reflection!.answers).toEqual({ d_foraeldre: "Forældrene spørger til sprog." });
  });

  it("takes «Intet nyt» in one tap in a 1:1, once however often it is tapped, and only from the leader", async () => {
    const megan = await person("megan");
    const view = await d.reflections.view(megan, oneOnOne);
    expect([view.nothingNewOffered, view.questions.length, view.questions.some((q) => q.required)]).toEqual([true, 2, false]);
    expect(await refusal(d.reflections.nothingNew(await person("alex"), oneOnOne, undefined))).toEqual({ code: "not-authorised", fields: [] });
    expect(await refusal(d.reflections.nothingNew(megan, laering, undefined))).toEqual({ code: "invalid-input", fields: [] });

    const once = await d.reflections.nothingNew(megan, oneOnOne, undefined);
    const twice = await d.reflections.nothingNew(megan, oneOnOne, undefined);
    expect(twice.view.reflection).toEqual(once.view.reflection);
    const rows = await t.store.db.reflection.findMany({ where: { meetingId: oneOnOne } });
    expect(rows.map((r) => [r.authorId, r.nothingNew, r.answers, r.version, r.status])).toEqual([["megan", true, "{}", 1, "sent"]]);
    expect((await t.store.audit.list({ subjectId: rows[0]!.id })).map((e) => [e.action, e.detail])).toEqual([["reflection.sent", { version: 1, nothingNew: true }]]);
    // The dagsorden says so.
    expect((await d.meetings.agenda(await person("alex"), oneOnOne)).leaderNothingNew).toBe(true);

    // Something new after all: answers replace «Intet nyt».
    const answered = await d.reflections.send(megan, oneOnOne, { sparring: "Vikardækning i uge 6." }, 1);
    expect([answered.view.reflection!.nothingNew, answered.view.reflection!.answers]).toEqual([false, { sparring: "Vikardækning i uge 6." }]);
    // Now «Intet nyt» would erase them: not offered, and refused (also from a card from before).
    expect((await d.reflections.view(megan, oneOnOne)).nothingNewOffered).toBe(false);
    for (const version of [1, 2]) expect(await refusal(d.reflections.nothingNew(megan, oneOnOne, version))).toEqual({ code: "invalid-input", fields: [] });
    expect((await d.reflections.view(megan, oneOnOne)).reflection!.answers).toEqual({ sparring: "Vikardækning i uge 6." });
  });

  it("refuses «Intet nyt» when the tap comes with text typed in the guide, and stores nothing", async () => {
    const [, , , , fresh] = await meetingsOf("solsikken", "one_on_one");
    const megan = await person("megan");
    expect(await refusal(d.reflections.nothingNew(megan, fresh!, undefined, { sparring: "Vikardækning i uge 6.", data_drift: "" }))).toEqual({ code: "invalid-input", fields: [] });
    expect(await t.store.db.reflection.count({ where: { meetingId: fresh! } })).toBe(0);
    // Empty inputs are nothing typed.
    expect((await d.reflections.nothingNew(megan, fresh!, undefined, { sparring: "", data_drift: "" })).view.reflection!.nothingNew).toBe(true);
  });

  it("reads a meeting whose snapshot has the old shape", async () => {
    const [later] = (await meetingsOf("solsikken", "laeringssamtale")).slice(1);
    const row = await t.store.db.meeting.findUniqueOrThrow({ where: { id: later! } });
    const snapshot = JSON.parse(row.template!) as MeetingTemplate;
    const old = { ...snapshot, reflection: { intro: "Skriv kort.", fillers: "participants", questions: [{ id: "data", text: "Hvad viser data?", help: "", required: true }] } };
    await t.store.db.meeting.update({ where: { id: later! }, data: { template: JSON.stringify(old) } });
    const jonas = await d.reflections.view(await person("jonas"), later!);
    expect(jonas.questions.map((q) => q.id)).toEqual(["data"]);
  });

  it("keeps the template of a meeting someone has written a reflection for, so the answers stay under their questions", async () => {
    const [, answered, legacy, untouched] = await meetingsOf("solsikken", "one_on_one");
    const megan = await person("megan");
    const frozen = async (id: string) => (await t.store.db.meeting.findUniqueOrThrow({ where: { id } })).templateFrozen;
    expect(await frozen(answered!)).toBe(false);
    await d.reflections.send(megan, answered!, { data_drift: "Et fald i fremmødet." }, undefined);
    // The first reflection freezes the template, as the first pack does.
    expect(await frozen(answered!)).toBe(true);
    // A reflection stored before that rule, on a meeting whose template was never frozen.
    await d.reflections.send(megan, legacy!, { sparring: "Vikardækning." }, undefined);
    await t.store.db.meeting.update({ where: { id: legacy! }, data: { templateFrozen: false } });

    const oneOnOneTemplate = settings.templates[templateIds.oneOnOne];
    const changed = {
      ...settings,
      templates: {
        ...settings.templates,
        [templateIds.oneOnOne]: { ...oneOnOneTemplate, reflection: { ...oneOnOneTemplate.reflection, roles: { leader: { questions: [{ id: "ny", text: "Et nyt spørgsmål?", help: "", required: false }] } } } },
      },
    };
    const refreshed = createDomainServices(t.store, new ManualClock(new Date("2026-11-23T09:00:00+01:00")), changed);
    await refreshed.meetings.refreshTemplates();
    const questionsOf = async (id: string) => (await refreshed.reflections.view(megan, id)).questions.map((q) => q.id);
    expect(await questionsOf(untouched!)).toEqual(["ny"]);
    expect(await questionsOf(answered!)).toEqual(["sparring", "data_drift"]);
    expect(await questionsOf(legacy!)).toEqual(["sparring", "data_drift"]);
    // Sending again keeps what was written (answers to questions the template no longer has would be dropped).
    const again = await refreshed.reflections.send(megan, legacy!, { sparring: "Vikardækning i uge 6." }, 1);
    expect(again.view.reflection!.answers).toEqual({ sparring: "Vikardækning i uge 6." });
    expect((await refreshed.reflections.view(megan, answered!)).reflection!.answers).toEqual({ data_drift: "Et fald i fremmødet." });
  });

  it("asks only the roles the template lists: a role left out gets no guide and no reminder, and is told so", async () => {
    const m = (await t.store.meetings.get(kastanjen))!;
    const left = m.participants.find((p) => p.role !== "chair" && p.role !== "leader" && p.role !== "bestyrelsesrepraesentant")!;
    const leader = m.participants.find((p) => p.role === "leader")!;
    const firstTemplate = settings.templates[templateIds.laeringssamtaleFirst];
    const roles = Object.fromEntries(Object.entries(firstTemplate.reflection.roles).filter(([role]) => role !== left.role));
    const changed = { ...settings, templates: { ...settings.templates, [templateIds.laeringssamtaleFirst]: { ...firstTemplate, reflection: { ...firstTemplate.reflection, roles } } } };
    const pending = async (personId: string) =>
      (await t.store.db.notification.findMany({ where: { subjectId: kastanjen, personId, status: "pending" }, select: { kind: true } })).map((n) => n.kind).sort();
    expect(await pending(left.person.id)).toContain("meeting_reflection");

    const refreshed = createDomainServices(t.store, new ManualClock(new Date("2026-11-23T09:00:00+01:00")), changed);
    await refreshed.meetings.refreshTemplates();
    expect(await pending(left.person.id)).toEqual(["meeting_agenda"]);
    expect(await pending(leader.person.id)).toEqual(expect.arrayContaining(["meeting_agenda", "meeting_reflection"]));
    const refused = await refreshed.reflections.view(left.person, kastanjen).then(() => undefined, (e: unknown) => e as AppError);
    expect([refused?.code, refused?.text]).toEqual(["not-authorised", "Din rolle bliver ikke bedt om en refleksion til denne læringssamtale. Du kan følge med i dagsordenen."]);
    // Back to the shipped templates: asked again, the guide is planned again.
    await d.meetings.refreshTemplates();
    expect(await pending(left.person.id)).toEqual(expect.arrayContaining(["meeting_agenda", "meeting_reflection"]));
  });
});

/**
 * One thing, one meaning: a reminder and the channel's «refleksioner N/M» are for the reflections
 * a template requires; a 1:1 guide sent with nothing written is «Intet nyt».
 */
describe("expected reflections and «Intet nyt», on a real store", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  let d: DomainServices;
  const settings = domainSettings(loadConfig({}));
  const clock = new ManualClock(new Date("2026-11-23T09:00:00+01:00"));
  const person = async (id: string) => (await t.store.people.byId(id)) as Person;
  const meetingsOf = async (unitId: string, kind: string) =>
    (await t.store.db.meeting.findMany({ where: { unitId, kind }, orderBy: { startsAt: "asc" }, select: { id: true } })).map((m) => m.id);
  const reminded = async (meetingId: string) =>
    (await t.store.db.notification.findMany({ where: { subjectId: meetingId, kind: "reflection_reminder", status: "pending" }, select: { personId: true } })).map((n) => n.personId).sort();
  const guided = async (meetingId: string) =>
    (await t.store.db.notification.findMany({ where: { subjectId: meetingId, kind: "meeting_reflection", status: "pending" }, select: { personId: true } })).map((n) => n.personId).sort();

  beforeAll(async () => {
    t = await testStore();
    d = createDomainServices(t.store, clock, settings);
    const alex = await person("alex");
    const wheel = await d.yearWheels.view(alex, "solsikken");
    await d.yearWheels.confirm(alex, "solsikken", wheel.wheel.version);
  });
  afterAll(() => t.close());

  it("reminds only those whose role's set has a required question; the others get the guide and no reminder", async () => {
    const [laering] = await meetingsOf("solsikken", "laeringssamtale");
    const m = (await t.store.meetings.get(laering!))!;
    expect(reflectionAuthors(m, settings.templates).map((p) => p.id).sort()).toEqual(["alex", "bo", "hanne", "jonas", "karim", "megan"]);
    // The leader (A and the children's perspective) and the board (D) have a required question.
    expect(expectedReflectionAuthors(m, settings.templates).map((p) => p.id).sort()).toEqual(["bo", "megan"]);
    expect(await guided(laering!)).toEqual(["alex", "bo", "hanne", "jonas", "karim", "megan"]);
    expect(await reminded(laering!)).toEqual(["bo", "megan"]);
    // The shipped 1:1 asks two optional questions: the guide goes out, no reminder chases it.
    const [oneOnOne] = await meetingsOf("solsikken", "one_on_one");
    expect(await guided(oneOnOne!)).toEqual(["alex", "megan"]);
    expect(await reminded(oneOnOne!)).toEqual([]);
  });

  it("plans the reminder when the administration makes a 1:1 question required, and cancels it when it is optional again", async () => {
    const [, oneOnOne] = await meetingsOf("solsikken", "one_on_one");
    const base = settings.templates[templateIds.oneOnOne];
    const leader = base.reflection.roles.leader!;
    const required = { ...settings, templates: { ...settings.templates, [templateIds.oneOnOne]: { ...base, reflection: { ...base.reflection, roles: { leader: { ...leader, questions: leader.questions.map((q) => ({ ...q, required: true })) } } } } } };
    await createDomainServices(t.store, clock, required).meetings.refreshTemplates();
    expect(await reminded(oneOnOne!)).toEqual(["megan"]);
    await d.meetings.refreshTemplates();
    expect(await reminded(oneOnOne!)).toEqual([]);
  });

  it("counts in the chief's channel only the reflections a required question asks for", async () => {
    const [laering] = await meetingsOf("solsikken", "laeringssamtale");
    const [oneOnOne] = await meetingsOf("solsikken", "one_on_one");
    const m = (await t.store.meetings.get(laering!))!;
    const o = (await t.store.meetings.get(oneOnOne!))!;
    const next = async () => (await d.channels.status("midt")).units.find((u) => u.unit.id === "solsikken")!.nextMeeting;
    try {
      // An hour before a 1:1 whose guide asks nothing required: nothing is expected (no «N/M»).
      clock.set(new Date(o.startsAt.getTime() - 3_600_000).toISOString());
      expect([(await next())!.kind, (await next())!.reflectionsExpected]).toEqual(["one_on_one", 0]);
      // An hour before the læringssamtale, it is the next meeting: the leader and the board are
      // expected, not the four whose sets are optional.
      clock.set(new Date(m.startsAt.getTime() - 3_600_000).toISOString());
      expect(await next()).toMatchObject({ kind: "laeringssamtale", reflectionsSent: 0, reflectionsExpected: 2 });
      // The staff representative sends hers (all optional): it does not move «N/M»; the board's does.
      await d.reflections.send(await person("hanne"), laering!, { b_egen_praksis: "Vi har prøvet nye samlinger." }, undefined);
      expect(await next()).toMatchObject({ reflectionsSent: 0, reflectionsExpected: 2 });
      await d.reflections.send(await person("bo"), laering!, { d_foraeldre: "Forældrene spørger til sprog." }, undefined);
      expect(await next()).toMatchObject({ reflectionsSent: 1, reflectionsExpected: 2 });
    } finally {
      clock.set("2026-11-23T09:00:00+01:00");
    }
  });

  it("stores a 1:1 guide sent with nothing written as «Intet nyt», once, and an empty læringssamtale guide as an empty reflection", async () => {
    const [, , oneOnOne] = await meetingsOf("solsikken", "one_on_one");
    const megan = await person("megan");
    const sent = await d.reflections.send(megan, oneOnOne!, { sparring: "  ", data_drift: "" }, undefined);
    expect([sent.view.reflection!.nothingNew, sent.view.reflection!.answers, sent.view.nothingNewOffered]).toEqual([true, {}, true]);
    // Again (a double click), or the button after it: the same one reflection.
    await d.reflections.send(megan, oneOnOne!, {}, undefined);
    await d.reflections.nothingNew(megan, oneOnOne!, 1);
    const rows = await t.store.db.reflection.findMany({ where: { meetingId: oneOnOne! } });
    expect(rows.map((r) => [r.nothingNew, r.answers, r.version])).toEqual([[true, "{}", 1]]);
    expect((await t.store.audit.list({ subjectId: rows[0]!.id })).map((e) => [e.action, e.detail])).toEqual([["reflection.sent", { version: 1, nothingNew: true }]]);
    expect((await d.meetings.agenda(await person("alex"), oneOnOne!)).leaderNothingNew).toBe(true);
    // Answers replace it; sent empty again, it is «Intet nyt» again (the leader emptied the guide herself).
    expect((await d.reflections.send(megan, oneOnOne!, { sparring: "Vikardækning." }, 1)).view.reflection!.nothingNew).toBe(false);
    expect((await d.reflections.send(megan, oneOnOne!, {}, 2)).view.reflection!.nothingNew).toBe(true);

    // In a læringssamtale «nothing new» makes no sense: an empty set is sent as it is.
    const [laering] = await meetingsOf("solsikken", "laeringssamtale");
    const jonas = await d.reflections.send(await person("jonas"), laering!, {}, undefined);
    expect([jonas.view.reflection!.status, jonas.view.reflection!.nothingNew]).toEqual(["sent", false]);
  });
});
