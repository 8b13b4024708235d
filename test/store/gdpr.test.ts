import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { domainSettings, EXAMPLE_ORG_FILE } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { createGdprService } from "../../src/domain/gdpr-service.js";
import { createDomainServices, type DomainServices } from "../../src/domain/services.js";
import type { Person } from "../../src/domain/types.js";
import { strings } from "../../src/lib/strings.da.js";
import { readOrganisationFile } from "../../src/store/organisation-file-loader.js";
import { ManualClock } from "../helpers/bot-harness.js";
import { testStore } from "../helpers/test-db.js";
import { wholeDatabase } from "../helpers/test-database.js";

const ROOT = resolve(import.meta.dirname, "../..");
const MEGAN_AAD = "00000000-0000-0000-0000-0000000000021";
const REFLECTION = "Min fortrolige refleksion om året";

/** gdpr:export and gdpr:erase on a real SQLite file, through the service and the real command. */
describe("GDPR export and erasure", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  let d: DomainServices;
  let clock: ManualClock;
  const person = async (id: string) => (await t.store.people.byId(id)) as Person;
  const gdpr = () => createGdprService({ gdpr: t.store.gdpr, clock });

  beforeEach(async () => {
    t = await testStore();
    clock = new ManualClock(new Date("2027-01-11T09:00:00+01:00"));
    d = createDomainServices(t.store, clock, domainSettings(loadConfig({})));
  });
  afterEach(() => t.close());

  /** Megan (leader of Solsikken) with a 1:1, a reflection, a topic, follow-ups, a comment, settings and a chat. */
  async function megansYear() {
    const alex = await person("alex");
    const megan = await person("megan");
    await t.store.conversations.save({ personId: "megan", conversationId: "a:megan-chat", serviceUrl: "https://smba.trafficmanager.net/emea/", tenantId: "t1", reference: { user: { id: "29:megan", name: "Megan Bowen", aadObjectId: MEGAN_AAD }, conversation: { id: "a:megan-chat" } } as never });
    await d.preferences.setAbsence(megan, "2027-01-13");
    // A channel whose stored reference was last written from her click (linked by Alex first).
    await t.store.channelLinks.upsert({ id: "link-1", conversationId: "19:kanal@thread.tacv2", areaId: "midt", serviceUrl: "https://smba.trafficmanager.net/emea/", reference: { user: { id: "29:megan", name: "Megan Bowen", aadObjectId: MEGAN_AAD }, conversation: { id: "19:kanal@thread.tacv2" } }, linkedById: "alex" });
    const { meeting } = await d.meetings.schedule(alex, { leaderId: "megan", unitId: "solsikken", date: "2027-01-18", time: "10:00" });
    await d.meetings.addTopic(megan, meeting.id, "Megans eget punkt");
    await d.reflections.send(megan, meeting.id, { data_drift: REFLECTION, sparring: REFLECTION }, undefined);
    clock.set("2027-01-18T11:00:00+01:00");
    await d.forms.save(alex, meeting.id, meeting.version, [
      { decision: "Sprogindsats", followUpText: "Plan for sprogarbejdet", ownerId: "megan", dueDate: "2027-03-01" },
      { decision: "Forældremøde", followUpText: "Indkald til forældremøde", ownerId: "alex", dueDate: "2027-02-15" },
    ], true);
    // A calendar file she asked for («Føj til kalender»): the link's record is hers.
    await d.calendars.requestMeeting(megan, meeting.id);
    const [plan, parents] = await t.store.followUps.listByMeeting(meeting.id);
    await d.followUps.comment(megan, plan!.id, plan!.version, "Jeg, Megan, tager den med personalet");
    await d.followUps.reassign(alex, parents!.id, parents!.version, "megan");
    return { meeting, plan: plan!, parents: parents! };
  }

  /** Megan leaves: the next organisation file names Jonas as Solsikken's leader. */
  async function meganLeaves() {
    const org = readOrganisationFile(EXAMPLE_ORG_FILE);
    org.people = org.people.filter((p) => p.id !== "megan");
    const unit = org.areas.flatMap((a) => a.units).find((u) => u.id === "solsikken")!;
    unit.leaders = ["jonas"];
    unit.pedagogicalLeaders = [];
    await t.store.people.applyOrganisation(org);
  }

  /** Every row of every table, as one lowercase string. */
  const wholeDatabaseText = async (): Promise<string> => (await wholeDatabase(t.store.db)).toLowerCase();

  it("exports everything stored about a person, found by key, Entra id or e-mail", async () => {
    const { meeting, plan } = await megansYear();
    // CALENDAR_SYNC=graph: the bot keeps an event in her calendar.
    await t.store.db.calendarEvent.create({ data: { meetingId: meeting.id, mailbox: MEGAN_AAD, transactionId: `laeringsloop-${meeting.id}`, eventId: "AAMkAGmegan=", startsAt: meeting.startsAt, durationMinutes: 60 } });
    // Before the meeting she proposed focus areas and drafted her topic's indstilling.
    await t.store.db.focusAreaProposal.create({ data: { id: "prop-1", unitId: "solsikken", loopId: "0-6-2027", meetingId: meeting.id, proposedById: "megan", rows: JSON.stringify([{ themeId: "0-6-2027/sprog", title: "Sprogmiljøet" }]) } });
    await t.store.db.agendaItem.updateMany({ where: { meetingId: meeting.id, title: "Megans eget punkt" }, data: { recommendation: "forældrene inddrages", recommendationById: "megan" } });
    const byKey = await gdpr().export("megan");
    const byAad = await gdpr().export(MEGAN_AAD);
    expect(byKey.ok && byAad.ok).toBe(true);
    if (!byKey.ok || !byAad.ok) return;
    expect(byAad.value.person).toEqual(byKey.value.person);
    const byEmail = await gdpr().export("megan.bowen@eksempelkommune.dk");
    expect(byEmail.ok && byEmail.value.person).toEqual(byKey.value.person);
    const x = byKey.value as unknown as Record<string, unknown[]> & { person: Record<string, unknown>; reminderSettings: Record<string, unknown> };
    expect(x.person).toMatchObject({ id: "megan", name: "Megan Bowen", email: "megan.bowen@eksempelkommune.dk", aadObjectId: MEGAN_AAD, active: true });
    expect(x.calendarLinks).toEqual([expect.objectContaining({ meetingId: meeting.id, usedAt: null })]);
    expect(x.calendarEvents).toEqual([{ meetingId: meeting.id, inTheirCalendar: true, eventId: "AAMkAGmegan=", startsAt: meeting.startsAt, cancelled: false, declineTold: false }]);
    expect(x.roles).toEqual([{ role: "leder", areaId: null, unitId: "solsikken" }]);
    expect(x.reminderSettings).toMatchObject({ absentUntil: "2027-01-13" });
    expect(x.meetings).toEqual([expect.objectContaining({ meetingId: meeting.id, role: "leader", kind: "one_on_one", unit: "Dagtilbud Solsikken", chair: false })]);
    expect(x.reflections).toEqual([expect.objectContaining({ meetingId: meeting.id, answers: { data_drift: REFLECTION, sparring: REFLECTION }, nothingNew: false, status: "sent" })]);
    expect((x.followUpsOwned as { text: string }[]).map((f) => f.text).sort()).toEqual(["Indkald til forældremøde", "Plan for sprogarbejdet"]);
    expect(x.followUpChangesMade).toEqual([expect.objectContaining({ followUpId: plan.id, kind: "commented", data: { text: "Jeg, Megan, tager den med personalet" } })]);
    expect(x.agendaTopicsAdded).toEqual([expect.objectContaining({ title: "Megans eget punkt" })]);
    // What she proposed and drafted before a meeting (decision 0024).
    expect(x.focusAreaProposals).toEqual([expect.objectContaining({ meetingId: meeting.id, rows: [{ themeId: "0-6-2027/sprog", title: "Sprogmiljøet" }], status: "pending", proposed: true })]);
    expect(x.indstillingerDrafted).toEqual([{ meetingId: meeting.id, agendaItem: "Megans eget punkt", indstilling: "forældrene inddrages" }]);
    expect(x.channelLinksMade).toEqual([expect.objectContaining({ conversationId: "19:kanal@thread.tacv2" })]);
    expect((x.notifications as unknown[]).length).toBeGreaterThan(0);
    expect((x.auditLog as { action: string }[]).map((e) => e.action)).toEqual(expect.arrayContaining(["reflection.sent", "agenda.topic_added", "followup.commented", "followup.reassigned", "followup.created"]));
    expect((await gdpr().export("nobody@example.org")).ok).toBe(false);
  });

  it("refuses to erase a person who is still in the organisation file", async () => {
    await megansYear();
    const before = await wholeDatabaseText();
    expect(await gdpr().erase("megan")).toEqual({ ok: false, message: strings.gdpr.stillActive("megan") });
    expect(await wholeDatabaseText()).toBe(before);
  });

  it("anonymises a person who has left, everywhere, and leaves other people's records whole", async () => {
    const { meeting, plan, parents } = await megansYear();
    await meganLeaves();
    const db = t.store.db;
    await db.calendarEvent.create({ data: { meetingId: meeting.id, mailbox: MEGAN_AAD, transactionId: `laeringsloop-${meeting.id}`, eventId: "AAMkAGmegan=", startsAt: meeting.startsAt, durationMinutes: 60 } });
    const counts = { meetings: await db.meeting.count(), decisions: await db.decision.count(), followUps: await db.followUp.count(), events: await db.followUpEvent.count(), audit: await db.auditEntry.count() };

    const result = await gdpr().erase(MEGAN_AAD);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const anon = result.value.anonymousId;
    expect(anon).toMatch(/^anonym-[0-9a-f]{12}$/);
    expect(result.value.counts).toMatchObject({ reflections: 1, comments: 1, conversation: 1, preferences: 1, meetings: 1, followUpsOwned: 2, calendarLinks: 1 });
    // Her calendar is no longer kept: the event's row names no mailbox of hers and is let be.
    expect(await db.calendarEvent.findUniqueOrThrow({ where: { meetingId: meeting.id } })).toMatchObject({ mailbox: anon, cancelled: true });

    // Nothing in any table names her, holds her key, her Entra id, or what only she wrote.
    const all = await wholeDatabaseText();
    for (const trace of ['"megan"', "megan bowen", "megan.bowen@eksempelkommune.dk", MEGAN_AAD, "fortrolige refleksion", "tager den med personalet", "29:megan"]) expect(all).not.toContain(trace.toLowerCase());
    // A shared text that mentions her (the topic she added) is kept, and listed for review.
    const topic = await db.agendaItem.findFirstOrThrow({ where: { meetingId: meeting.id, kind: "topic" } });
    expect(result.value.nameMentions).toEqual([{ kind: "agenda_item", id: topic.id }]);
    // The channel still follows the area, linked by Alex.
    expect(await t.store.channelLinks.get("19:kanal@thread.tacv2", "midt")).toMatchObject({ linkedById: "alex", reference: { user: { id: anon, name: strings.gdpr.erasedName } } });

    // Other people's records: the meeting, its decisions and follow-ups, histories and the audit log stay.
    expect({ meetings: await db.meeting.count(), decisions: await db.decision.count(), followUps: await db.followUp.count(), events: await db.followUpEvent.count(), audit: await db.auditEntry.count() }).toEqual({ ...counts, audit: counts.audit + 1 });
    const m = (await t.store.meetings.get(meeting.id))!;
    expect(m.participants.map((p) => [p.person.id, p.person.name, p.role])).toEqual([["alex", "Alex Wilber", "chair"], [anon, strings.gdpr.erasedName, "leader"]]);
    expect((await t.store.followUps.get(parents.id))!.owner).toMatchObject({ id: anon, name: strings.gdpr.erasedName, active: false });
    expect((await t.store.followUps.get(plan.id))!.followUp.text).toBe("Plan for sprogarbejdet");
    // Her open follow-ups wait for the chief to give them to someone else.
    expect((await t.store.followUps.listOpenOfInactiveOwners(["solsikken"])).map((v) => v.owner.id)).toEqual([anon, anon]);
    const audit = await t.store.audit.list({ personId: anon });
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(["reflection.sent", "followup.reassigned", "person.erased"]));
    expect(audit.find((e) => e.action === "person.erased")).toMatchObject({ actorId: "system:gdpr", subjectId: anon });
    // Alex still works as before.
    expect((await d.meetings.agenda(await person("alex"), meeting.id)).meeting.id).toBe(meeting.id);

    // Asked again, she is no longer there.
    expect(await gdpr().erase("megan")).toEqual({ ok: false, message: strings.gdpr.notFound("megan") });
  });

  it("anonymises a chair who closed and reopened a meeting in its referater too", async () => {
    const { meeting } = await megansYear();
    const alex = await person("alex");
    // The referat was corrected: reopened the next day, closed again.
    clock.set("2027-01-19T09:00:00+01:00");
    await d.meetings.reopen(alex, meeting.id, 1);
    const m = (await t.store.meetings.get(meeting.id))!;
    await d.forms.save(alex, meeting.id, m.version, [], { after: 1 });
    const exported = await gdpr().export("alex");
    expect(exported.ok && (exported.value as Record<string, unknown>).referaterClosedOrReopened).toEqual([
      { meetingId: meeting.id, version: 1, closedAt: new Date("2027-01-18T10:00:00Z"), reopenedAt: new Date("2027-01-19T08:00:00Z") },
      { meetingId: meeting.id, version: 2, closedAt: new Date("2027-01-19T08:00:00Z") },
    ]);
    // Alex leaves: Solsikken's area gets another chief.
    const org = readOrganisationFile(EXAMPLE_ORG_FILE);
    org.people = org.people.filter((p) => p.id !== "alex");
    for (const area of org.areas) area.chiefs = area.chiefs.filter((c) => c !== "alex");
    await t.store.people.applyOrganisation(org);
    const result = await gdpr().erase("alex");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const rows = await t.store.db.referatVersion.findMany({ where: { meetingId: meeting.id }, orderBy: { version: "asc" }, select: { closedById: true, reopenedById: true } });
    expect(rows).toEqual([
      { closedById: result.value.anonymousId, reopenedById: result.value.anonymousId },
      { closedById: result.value.anonymousId, reopenedById: null },
    ]);
  });

  it("exports a person's approvals of and remarks to referater; erasure deletes the remarks and keeps the approvals, anonymised (decision 0027)", async () => {
    d = createDomainServices(t.store, clock, domainSettings(loadConfig({ REFERAT_APPROVAL_ONE_TO_ONE: "true" })));
    const { meeting } = await megansYear();
    await d.referatApprovals.approve("megan", meeting.id, 1);
    await d.referatApprovals.remark("megan", meeting.id, 1, "Megans bemærkning om sprogindsatsen");
    const exported = await gdpr().export("megan");
    const value = exported.ok ? (exported.value as Record<string, unknown>) : {};
    expect(value.referatApprovals).toEqual([{ meetingId: meeting.id, version: 1, approvedAt: clock.now() }]);
    expect(value.referatRemarks).toEqual([{ meetingId: meeting.id, version: 1, text: "Megans bemærkning om sprogindsatsen", at: clock.now() }]);
    await meganLeaves();
    const result = await gdpr().erase("megan");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.counts.referatRemarks).toBe(1);
    expect(await wholeDatabaseText()).not.toContain("megans bemærkning");
    expect((await t.store.db.referatApproval.findMany({ where: { meetingId: meeting.id } })).map((a) => a.personId)).toEqual([result.value.anonymousId]);
  });

  it("works as the administrator's commands: npm run gdpr:export and gdpr:erase", async () => {
    await megansYear();
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", "scripts/gdpr.ts", ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: t.url, NODE_ENV: "test" }, encoding: "utf8", timeout: 60_000 });
    const out = join(t.dir, "megan.json");
    const exported = run("export", "megan", "--out", out);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).toContain(out);
    expect(JSON.parse(readFileSync(out, "utf8"))).toMatchObject({ person: { id: "megan", name: "Megan Bowen" } });
    expect(statSync(out).mode & 0o077).toBe(0); // personal data: readable by its owner only

    expect(run("export").status).toBe(2);
    expect(run("export", "ingen-sadan").status).toBe(1);
    const refused = run("erase", "megan");
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(strings.gdpr.stillActive("megan"));

    await meganLeaves();
    const erased = run("erase", "megan");
    expect(erased.status, erased.stderr).toBe(0);
    expect(erased.stdout).toMatch(/anonym-[0-9a-f]{12}/);
    expect(await t.store.people.byId("megan")).toBeUndefined();
    expect(existsSync(out)).toBe(true);
  });
});
