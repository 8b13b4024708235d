import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { domainSettings } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { createDomainServices, type DomainServices } from "../../src/domain/services.js";
import type { Person } from "../../src/domain/types.js";
import { AppError } from "../../src/lib/errors.js";
import { ManualClock } from "../helpers/bot-harness.js";
import { testStore } from "../helpers/test-db.js";

/** The domain rules on a real SQLite store, no Teams in between. */
describe("domain services", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  let d: DomainServices;
  let clock: ManualClock;
  const person = async (id: string) => (await t.store.people.byId(id)) as Person;
  const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => (e instanceof AppError ? e.code : String(e)));

  beforeEach(async () => {
    t = await testStore();
    clock = new ManualClock(new Date("2027-01-11T09:00:00+01:00"));
    d = createDomainServices(t.store, clock, domainSettings(loadConfig({})));
    // A second area with its own chief.
    await t.store.db.person.create({ data: { id: "nora", aadObjectId: "aad-nora", name: "Nora Nord" } });
    await t.store.db.area.create({ data: { id: "nord", name: "Område Nord" } });
    await t.store.db.role.create({ data: { personId: "nora", role: "chef", areaId: "nord" } });
  });
  afterEach(() => t.close());

  it("lets only the chief of the leader's unit schedule a 1:1 ledelsesopfølgning, and only the unit's leader her own 1:1 with a pædagogisk leder", async () => {
    const nora = await person("nora");
    expect(await refusal(d.meetings.schedule(nora, { leaderId: "megan", unitId: "solsikken", date: "2027-01-18", time: "10:00" }))).toBe("not-authorised");
    const megan = await person("megan");
    expect((await d.meetings.schedulableLeaders(megan)).map((l) => [l.leader.id, l.unit.id, l.kind])).toEqual([["jonas", "solsikken", "leader_pl"]]);
    // Not the chief's 1:1 with herself, not another unit's pædagogisk leder, not Jonas for the chief.
    expect(await refusal(d.meetings.schedule(megan, { leaderId: "megan", unitId: "solsikken", date: "2027-01-18", time: "10:00" }))).toBe("not-authorised");
    expect(await refusal(d.meetings.schedule(megan, { leaderId: "ole", unitId: "aaskolen", date: "2027-01-18", time: "10:00" }))).toBe("not-authorised");
    expect(await refusal(d.meetings.schedule(await person("alex"), { leaderId: "jonas", unitId: "solsikken", date: "2027-01-18", time: "10:00" }))).toBe("not-authorised");
    expect(await refusal(d.meetings.schedulableLeaders(await person("jonas")))).toBe("not-authorised");
    const own = (await d.meetings.schedule(megan, { leaderId: "jonas", unitId: "solsikken", date: "2027-01-19", time: "10:00" })).meeting;
    expect([own.kind, own.chairId, own.participants.map((p) => [p.person.id, p.role])]).toEqual(["leader_pl", "megan", [["megan", "chair"], ["jonas", "leader"]]]);
    const alex = await person("alex");
    expect((await d.meetings.schedulableLeaders(alex)).map((l) => l.leader.id).sort()).toEqual(["lars", "megan", "pia", "sofie"]);
    const { meeting } = await d.meetings.schedule(alex, { leaderId: "megan", unitId: "solsikken", date: "2027-01-18", time: "10:00" });
    expect(meeting.chairId).toBe("alex");
    expect(await t.store.db.notification.count({ where: { subjectId: meeting.id } })).toBe(4); // agenda + reflection guide, each; no reminder: the shipped 1:1 guide requires nothing
  });

  it("says who can schedule (the help card) exactly as schedulableLeaders decides, for everyone", async () => {
    // Edge cases: a chief whose only leader is themself, a chief whose leader has left, and Nora (no units).
    await t.store.db.area.create({ data: { id: "syd", name: "Område Syd" } });
    await t.store.db.unit.create({ data: { id: "egen", name: "Egen", type: "dagtilbud", areaId: "syd" } });
    await t.store.db.person.create({ data: { id: "selv", aadObjectId: "aad-selv", name: "Selv Leder" } });
    await t.store.db.person.create({ data: { id: "gaaet", aadObjectId: "aad-gaaet", name: "Gået Leder", active: false } });
    await t.store.db.person.create({ data: { id: "syd-chef", aadObjectId: "aad-syd-chef", name: "Syd Chef" } });
    await t.store.db.role.createMany({
      data: [
        { personId: "selv", role: "chef", areaId: "syd" },
        { personId: "selv", role: "leder", unitId: "egen" },
        { personId: "syd-chef", role: "chef", areaId: "syd" },
        { personId: "gaaet", role: "leder", unitId: "egen" },
      ],
    });
    const everyone = await t.store.db.person.findMany({ select: { id: true } });
    const answers: Record<string, [boolean, boolean]> = {};
    for (const { id } of everyone) {
      const p = await person(id);
      const byList = await d.meetings.schedulableLeaders(p).then(() => true, () => false);
      answers[id] = [await d.meetings.canSchedule(p), byList];
    }
    for (const [id, [can, byList]] of Object.entries(answers)) expect(can, id).toBe(byList);
    expect(Object.entries(answers).filter(([, [can]]) => can).map(([id]) => id).sort()).toEqual(["alex", "megan", "sofie", "syd-chef"]);
  });

  it("carries over only open follow-ups between the same chief and leader, from earlier meetings", async () => {
    const alex = await person("alex");
    const megan = await person("megan");
    const m1 = (await d.meetings.schedule(alex, { leaderId: "megan", unitId: "solsikken", date: "2027-01-12", time: "10:00" })).meeting;
    const withLars = (await d.meetings.schedule(alex, { leaderId: "lars", unitId: "kastanjen", date: "2027-01-12", time: "12:00" })).meeting;
    await d.forms.save(alex, m1.id, m1.version, [
      { decision: "A", followUpText: "Åben opgave", ownerId: "megan", dueDate: "2027-02-01" },
      { decision: "B", followUpText: "Udført opgave", ownerId: "alex", dueDate: "2027-02-01" },
    ], false);
    await d.forms.save(alex, withLars.id, withLars.version, [{ decision: "C", followUpText: "Lars' opgave", ownerId: "lars", dueDate: "2027-02-01" }], false);
    const done = (await t.store.db.followUp.findFirstOrThrow({ where: { text: "Udført opgave" } }));
    await d.followUps.markDone(alex, done.id, done.version);

    const m2 = (await d.meetings.schedule(alex, { leaderId: "megan", unitId: "solsikken", date: "2027-02-15", time: "10:00" })).meeting;
    const agenda = await d.meetings.agenda(megan, m2.id);
    expect(agenda.carried.map((c) => c.followUp.text)).toEqual(["Åben opgave"]);
    // An earlier meeting does not carry from a later one.
    expect((await d.meetings.agenda(megan, m1.id)).carried).toEqual([]);
  });

  it("keeps a history: every save is a revision, a removed decision cancels its follow-up", async () => {
    const alex = await person("alex");
    const m = (await d.meetings.schedule(alex, { leaderId: "megan", unitId: "solsikken", date: "2027-01-12", time: "10:00" })).meeting;
    const first = await d.forms.save(alex, m.id, m.version, [{ decision: "A", followUpText: "Gøre noget", ownerId: "megan", dueDate: "2027-02-01" }], false);
    const row = first.view.rows[0]!;
    const second = await d.forms.save(alex, m.id, first.view.meeting.version, [{ decisionId: row.decisionId, followUpId: row.followUpId, decision: "", followUpText: "" }], false);
    expect(second.view.rows).toEqual([]);
    expect(second.revision).toBe(2);
    const fu = await t.store.db.followUp.findUniqueOrThrow({ where: { id: row.followUpId! } });
    expect(fu.status).toBe("cancelled");
    expect((await t.store.followUps.history(fu.id)).map((e) => e.kind)).toEqual(["created", "cancelled"]);
    const snapshots = await t.store.db.formRevision.findMany({ where: { meetingId: m.id }, orderBy: { revision: "asc" } });
    expect(snapshots.map((s) => (JSON.parse(s.snapshot) as { rows: unknown[] }).rows.length)).toEqual([1, 0]);
    expect(await t.store.db.notification.count({ where: { subjectId: fu.id, status: "pending" } })).toBe(0);
  });

  it("refuses ids from another meeting's form (forged card data)", async () => {
    const alex = await person("alex");
    const a = (await d.meetings.schedule(alex, { leaderId: "megan", unitId: "solsikken", date: "2027-01-12", time: "10:00" })).meeting;
    const b = (await d.meetings.schedule(alex, { leaderId: "lars", unitId: "kastanjen", date: "2027-01-12", time: "12:00" })).meeting;
    const saved = await d.forms.save(alex, a.id, a.version, [{ decision: "A", followUpText: "", dueDate: undefined }], false);
    const forged = [{ decisionId: saved.view.rows[0]!.decisionId, decision: "Overskrevet", followUpText: "" }];
    expect(await refusal(d.forms.save(alex, b.id, b.version, forged, false))).toBe("stale-card");
    expect((await t.store.db.decision.findFirstOrThrow()).text).toBe("A");
  });

  it("locks the reflection and agenda once the meeting has started", async () => {
    const alex = await person("alex");
    const megan = await person("megan");
    const m = (await d.meetings.schedule(alex, { leaderId: "megan", unitId: "solsikken", date: "2027-01-12", time: "10:00" })).meeting;
    clock.set("2027-01-12T10:00:00+01:00");
    expect(await refusal(d.reflections.send(megan, m.id, { data_drift: "x", sparring: "y" }, undefined))).toBe("meeting-started");
    expect(await refusal(d.meetings.addTopic(megan, m.id, "Sent punkt"))).toBe("meeting-started");
    expect(await refusal(d.reflections.send(alex, m.id, { data_drift: "x", sparring: "y" }, undefined))).toBe("not-authorised");
  });
});

describe("rows shown read-only on a full form", () => {
  it("are kept exactly as stored, whatever the card sends for them", async () => {
    const t = await testStore();
    const d = createDomainServices(t.store, new ManualClock(new Date("2027-01-11T09:00:00+01:00")), domainSettings(loadConfig({})));
    const alex = (await t.store.people.byId("alex"))!;
    const m = (await d.meetings.schedule(alex, { leaderId: "megan", unitId: "solsikken", date: "2027-01-12", time: "10:00" })).meeting;
    const first = await d.forms.save(alex, m.id, m.version, [{ decision: "Gammel", followUpText: "Opgave", ownerId: "megan", dueDate: "2027-02-01" }], false);
    const row = first.view.rows[0]!;
    const second = await d.forms.save(
      alex,
      m.id,
      first.view.meeting.version,
      [
        { keep: true, decisionId: row.decisionId, followUpId: row.followUpId, decision: "", followUpText: "" },
        { decision: "Ny", followUpText: "" },
      ],
      false,
    );
    expect(second.view.rows.map((r) => [r.decision, r.followUpText])).toEqual([["Gammel", "Opgave"], ["Ny", undefined]]);
    expect((await t.store.db.followUp.findFirstOrThrow()).status).toBe("open");
    await t.close();
  });
});
