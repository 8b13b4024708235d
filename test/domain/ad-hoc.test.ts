import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domainSettings } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { reflectionAuthors } from "../../src/domain/access.js";
import { createDomainServices, type DomainServices } from "../../src/domain/services.js";
import type { Meeting, Person } from "../../src/domain/types.js";
import { AppError } from "../../src/lib/errors.js";
import { addDays, localWeekday, zonedToUtc } from "../../src/lib/zoned-time.js";
import { ManualClock } from "../helpers/bot-harness.js";
import { testStore } from "../helpers/test-db.js";

/**
 * «Ad hoc deltagere alt efter lokalt fokusområde» (seed 002) on a real store (SQLite, and
 * PostgreSQL when TEST_POSTGRES_URL is set): the chair of a læringssamtale adds a person from the
 * organisation file or a guest by name to that one meeting, and may remove them before it begins.
 */
describe("ad hoc deltagere", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  let d: DomainServices;
  const clock = new ManualClock(new Date("2026-11-23T09:00:00+01:00"));
  const settings = domainSettings(loadConfig({}));
  const person = async (id: string) => (await t.store.people.byId(id)) as Person;
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: unknown) => (e instanceof AppError ? { code: e.code, text: [e.text, ...Object.values(e.fieldErrors)].join(" | ") } : { code: String(e), text: "" }),
    );
  const guestsOf = (m: Meeting) => m.participants.filter((p) => p.person.origin === "guest");
  let laering = "";
  let oneOnOne = "";
  let later = "";

  beforeAll(async () => {
    t = await testStore();
    d = createDomainServices(t.store, clock, settings);
    const alex = await person("alex");
    const wheel = await d.yearWheels.view(alex, "solsikken");
    await d.yearWheels.confirm(alex, "solsikken", wheel.wheel.version);
    const ids = async (kind: string) => (await t.store.db.meeting.findMany({ where: { unitId: "solsikken", kind }, orderBy: { startsAt: "asc" }, select: { id: true } })).map((m) => m.id);
    laering = (await ids("laeringssamtale"))[0]!;
    oneOnOne = (await ids("one_on_one"))[0]!;
    later = (await ids("laeringssamtale"))[1]!;
  });
  afterAll(() => t.close());

  it("only the chair adds, only to a læringssamtale, and says what is missing in Danish", async () => {
    expect(await refusal(d.meetings.addAdHoc(await person("megan"), laering, { guestName: "Anne Holm" }))).toEqual({ code: "not-authorised", text: "Kun Børn og Unge-chefen, der holder mødet, kan dette." });
    expect(await refusal(d.meetings.addAdHoc(await person("alex"), oneOnOne, { guestName: "Anne Holm" }))).toMatchObject({ code: "invalid-input", text: "Ad hoc deltagere kan kun tilføjes til en læringssamtale." });
    expect(await refusal(d.meetings.addAdHoc(await person("alex"), laering, {}))).toMatchObject({ code: "invalid-input", text: expect.stringContaining("Vælg en person, eller skriv gæstens navn.") });
    expect(await refusal(d.meetings.addAdHoc(await person("alex"), laering, { personId: "lars", guestName: "Anne" }))).toMatchObject({ text: expect.stringContaining("ikke begge") });
    expect(await refusal(d.meetings.addAdHoc(await person("alex"), laering, { personId: "nobody" }))).toMatchObject({ text: expect.stringContaining("findes ikke") });
    expect(await refusal(d.meetings.addAdHoc(await person("alex"), laering, { guestName: "Anne", guestPhone: "12" }))).toMatchObject({ text: expect.stringContaining("8 til 15 cifre") });
    expect(await t.store.db.person.count({ where: { origin: "guest" } })).toBe(0);
  });

  it("offers only the people of the meeting's area, never another unit's board or youth representative, and refuses the rest", async () => {
    // Someone in another area: a leader of a unit there.
    await t.store.db.area.create({ data: { id: "nord", name: "Område Nord", units: { create: [{ id: "nordlys", name: "Nordlys", type: "dagtilbud" }] } } });
    await t.store.db.person.create({ data: { id: "nina", name: "Nina Nord", aadObjectId: "aad-nina" } });
    await t.store.db.role.create({ data: { personId: "nina", role: "leder", unitId: "nordlys" } });
    const { candidates } = await d.meetings.adHocChoices(await person("alex"), laering);
    const ids = candidates.map((p) => p.id);
    // The area's people not taking part (Lars leads Kastanjen, Pia the klub, Sofie Åskolen) …
    expect(ids).toEqual(expect.arrayContaining(["lars", "pia", "sofie", "ole", "emil"]));
    // … not Kastanjen's board representative (a parent), the klub's youth representative (a minor), the other area's leader, nor those taking part.
    for (const no of ["birthe", "noah", "nina", "alex", "megan", "bo", "karim"]) expect(ids).not.toContain(no);
    for (const no of ["birthe", "noah", "nina"]) expect(await refusal(d.meetings.addAdHoc(await person("alex"), laering, { personId: no }))).toMatchObject({ code: "invalid-input", text: expect.stringContaining("Kun personer fra læringssamtalens område") });
    expect(await t.store.db.meetingParticipant.count({ where: { meetingId: laering, personId: { in: ["birthe", "noah", "nina"] } } })).toBe(0);
    // Only the chair opens the add card.
    expect(await refusal(d.meetings.adHocChoices(await person("megan"), laering))).toMatchObject({ code: "not-authorised" });
  });

  it("moving a confirmed læringssamtale checks the people actually on it, not a recomputed youth representative", async () => {
    const alex = await person("alex");
    const proposed = await d.yearWheels.view(alex, "klubben");
    await d.yearWheels.confirm(alex, "klubben", proposed.wheel.version);
    const wheel = await d.yearWheels.view(alex, "klubben");
    const samtaler = wheel.wheel.entries.filter((e) => e.kind === "laeringssamtale").sort((a, b) => a.date.localeCompare(b.date));
    const [third, fourth] = [samtaler[2]!, samtaler[3]!];
    const onIt = async (e: { meetingId?: string }) => (await t.store.meetings.get(e.meetingId!))!.participants.map((p) => p.person.id);
    expect([await onIt(third), await onIt(fourth)].map((ids) => ids.includes("noah"))).toEqual([true, false]);
    // The fourth moved a week before the third (same year of the loop): by date it is now the year's first.
    let date = addDays(third.date, -7);
    while (localWeekday(date) > 5) date = addDays(date, -1);
    expect(date > addDays(wheel.loop.startDate, 365)).toBe(true);
    // Noah is busy then; he is not on the fourth, so that is no clash.
    await t.store.db.meeting.create({
      data: { id: "noah-busy", kind: "one_on_one", unitId: "klubben", chairId: "nina", startsAt: zonedToUtc(date, fourth.time, "Europe/Copenhagen"), durationMinutes: 60, participants: { create: [{ personId: "nina", role: "chair" }, { personId: "noah", role: "leader" }] } },
    });
    const { view } = await d.yearWheels.move(alex, "klubben", wheel.wheel.version, fourth.id, date, fourth.time);
    expect(view.wheel.entries.find((e) => e.id === fourth.id)!.date).toBe(date);
    expect(await onIt(fourth)).not.toContain("noah");
    await t.store.db.meetingParticipant.deleteMany({ where: { meetingId: "noah-busy" } });
    await t.store.db.meeting.delete({ where: { id: "noah-busy" } });
  });

  it("adds a guest once (name or e-mail, case aside): on the meeting, no cards, a new version for its calendar event", async () => {
    const before = (await t.store.meetings.get(laering))!;
    const { meeting } = await d.meetings.addAdHoc(await person("alex"), laering, { guestName: "Anne Holm", guestEmail: "Anne.Holm@eksempel.dk" });
    // A guest is a person outside Teams taking part with role ad_hoc (decision 0025; was a MeetingGuest row).
    expect(guestsOf(meeting).map((p) => [p.person.name, p.person.email, p.person.aadObjectId, p.role])).toEqual([["Anne Holm", "Anne.Holm@eksempel.dk", null, "ad_hoc"]]);
    expect(await t.store.db.auditEntry.count({ where: { action: "meeting.ad_hoc_added", actorId: "alex", personId: guestsOf(meeting)[0]!.person.id } })).toBe(1);
    expect(meeting.version).toBe(before.version + 1);
    expect(await t.store.db.notification.count({ where: { subjectId: laering, personId: { notIn: before.participants.map((p) => p.person.id) } } })).toBe(0);
    expect(await refusal(d.meetings.addAdHoc(await person("alex"), laering, { guestName: "ANNE HOLM" }))).toMatchObject({ code: "invalid-input", text: expect.stringContaining("allerede en gæst") });
    expect(await refusal(d.meetings.addAdHoc(await person("alex"), laering, { guestName: "A. Holm", guestEmail: "anne.holm@eksempel.dk" }))).toMatchObject({ text: expect.stringContaining("allerede en gæst") });
    expect((await t.store.meetings.get(laering))!.version).toBe(before.version + 1);
  });

  it("adds a person from the organisation as ad hoc: asked for the ad hoc reflection, planned the meeting's cards; refused twice", async () => {
    const { meeting } = await d.meetings.addAdHoc(await person("alex"), laering, { personId: "lars" });
    expect(meeting.participants.find((p) => p.person.id === "lars")?.role).toBe("ad_hoc");
    expect(reflectionAuthors(meeting, settings.templates).map((p) => p.id)).toContain("lars");
    const guide = await d.reflections.view(await person("lars"), laering);
    expect([guide.authorRole, guide.questions.map((q) => `${q.id}:${q.required}`)]).toEqual(["ad_hoc", ["ad_hoc_faglighed:false"]]);
    expect((await t.store.db.notification.findMany({ where: { subjectId: laering, personId: "lars" }, orderBy: { kind: "asc" } })).map((n) => n.kind)).toEqual(["meeting_agenda", "meeting_reflection"]); // the ad hoc set asks nothing required: no reminder
    expect(await refusal(d.meetings.addAdHoc(await person("alex"), laering, { personId: "lars" }))).toMatchObject({ text: expect.stringContaining("Lars Nørgaard deltager allerede") });
    expect(await refusal(d.meetings.addAdHoc(await person("alex"), laering, { personId: "bo" }))).toMatchObject({ text: expect.stringContaining("Bo Kristensen deltager allerede") });
  });

  it("refuses a person who is in another meeting then: nobody is booked twice", async () => {
    // Lars holds a meeting of his own unit at the same time.
    const m = (await t.store.meetings.get(laering))!;
    await t.store.db.meeting.create({
      data: { id: "clash", kind: "one_on_one", unitId: "kastanjen", chairId: "lars", startsAt: m.startsAt, durationMinutes: 60, participants: { create: [{ personId: "lars", role: "chair" }] } },
    });
    await d.meetings.removeAdHoc(await person("alex"), laering, { personId: "lars" });
    const lars = await refusal(d.meetings.addAdHoc(await person("alex"), laering, { personId: "lars" }));
    expect(lars).toMatchObject({ code: "invalid-input", text: expect.stringContaining("Lars Nørgaard") });
    expect(await t.store.db.meetingParticipant.count({ where: { meetingId: laering, personId: "lars" } })).toBe(0);
    await t.store.db.meetingParticipant.deleteMany({ where: { meetingId: "clash" } });
    await t.store.db.meeting.delete({ where: { id: "clash" } });
  });

  it("removes only what was added ad hoc, and only before the meeting; its unsent cards are not sent", async () => {
    const alex = await person("alex");
    await d.meetings.addAdHoc(alex, laering, { personId: "lars" });
    expect(await refusal(d.meetings.removeAdHoc(await person("megan"), laering, { personId: "lars" }))).toMatchObject({ code: "not-authorised" });
    expect(await refusal(d.meetings.removeAdHoc(alex, laering, { personId: "megan" }))).toMatchObject({ code: "invalid-input", text: expect.stringContaining("Kun ad hoc deltagere") });
    const { meeting, notice } = await d.meetings.removeAdHoc(alex, laering, { personId: "lars" });
    expect(notice).toBe("Lars Nørgaard er ikke længere med i læringssamtalen.");
    expect(meeting.participants.some((p) => p.person.id === "lars")).toBe(false);
    expect((await t.store.db.notification.findMany({ where: { subjectId: laering, personId: "lars" }, select: { status: true } })).map((n) => n.status)).toEqual(["cancelled", "cancelled"]);
    // His pack had not gone out: no notice.
    expect(await t.store.db.notification.count({ where: { kind: "ad_hoc_removed" } })).toBe(0);
    // Added again, the pack sent, removed: a notice, once per meeting (an idempotent key), and none while he is on it again.
    await d.meetings.addAdHoc(alex, laering, { personId: "lars" });
    await t.store.db.notification.updateMany({ where: { subjectId: laering, personId: "lars", kind: "meeting_agenda", status: "pending" }, data: { status: "sent", sentAt: clock.now() } });
    await d.meetings.removeAdHoc(alex, laering, { personId: "lars" });
    expect((await t.store.db.notification.findMany({ where: { kind: "ad_hoc_removed" }, select: { key: true, personId: true, status: true } }))).toEqual([{ key: `ad_hoc_removed:${laering}:lars`, personId: "lars", status: "pending" }]);
    await d.meetings.addAdHoc(alex, laering, { personId: "lars" });
    await d.meetings.removeAdHoc(alex, laering, { personId: "lars" });
    expect(await t.store.db.notification.count({ where: { kind: "ad_hoc_removed" } })).toBe(1);
    // Again: already gone, nothing changes.
    expect((await d.meetings.removeAdHoc(alex, laering, { personId: "lars" })).notice).toBe("Deltageren er allerede fjernet.");
    const guest = guestsOf(meeting)[0]!.person;
    expect(guestsOf((await d.meetings.removeAdHoc(alex, laering, { guestId: guest.id })).meeting)).toEqual([]);
    // The person stays (named by id in the audit log), no longer active.
    expect(await t.store.db.person.findUniqueOrThrow({ where: { id: guest.id }, select: { active: true, origin: true } })).toEqual({ active: false, origin: "guest" });
    // Begun: the list stays as it is.
    await d.meetings.addAdHoc(alex, laering, { guestName: "Per Lund" });
    clock.set(meeting.startsAt.toISOString());
    expect(await refusal(d.meetings.addAdHoc(alex, laering, { guestName: "Eva Berg" }))).toMatchObject({ code: "meeting-started" });
    const per = guestsOf((await t.store.meetings.get(laering))!)[0]!.person;
    expect(await refusal(d.meetings.removeAdHoc(alex, laering, { guestId: per.id }))).toMatchObject({ code: "meeting-started" });
  });

  it("erases a guest's e-mail and phone with the minutes' texts at retention; the name stays on the list", async () => {
    const { meeting } = await d.meetings.addAdHoc(await person("alex"), later, { guestName: "Eva Berg", guestEmail: "eva@eksempel.dk", guestPhone: "12345678" });
    const eva = guestsOf(meeting).find((p) => p.person.name === "Eva Berg")!.person;
    await t.store.retention.eraseMinutes(meeting.id, "[Slettet]", { actorId: "system:retention", at: new Date() });
    expect(await t.store.db.person.findUniqueOrThrow({ where: { id: eva.id }, select: { name: true, email: true, phone: true } })).toEqual({ name: "Eva Berg", email: null, phone: null });
  });

  it("stores two adds of the same guest at once as one (the meeting's row is the lock)", async () => {
    const by = { actorId: "alex", at: new Date() };
    const guest = (id: string) => ({ id, name: "Sara Dam", addedById: "alex" });
    const outcomes = await Promise.all([t.store.meetings.addGuest(oneOnOne, guest("g-a"), by), t.store.meetings.addGuest(oneOnOne, guest("g-b"), by)]);
    expect(outcomes.sort()).toEqual(["added", "duplicate"]);
    expect(await t.store.db.person.count({ where: { id: { in: ["g-a", "g-b"] } } })).toBe(1);
    expect(await t.store.db.meetingParticipant.count({ where: { meetingId: oneOnOne, personId: { in: ["g-a", "g-b"] } } })).toBe(1);
    expect(await t.store.meetings.removeGuest(oneOnOne, "g-none", by)).toBe("gone");
  });
});
