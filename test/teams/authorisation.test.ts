import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotHarness, users, type User } from "../helpers/bot-harness.js";
import { cardText, findAction } from "../helpers/fake-connector.js";
import { meetingWithFollowUp } from "../helpers/flows.js";

/**
 * Every authorisation rule, with clicks forged as Teams would deliver them from the wrong person
 * (another aadObjectId, the right card data): each is refused in Danish, and nothing stored
 * changes. Solsikken: Alex is its chief and chairs the 1:1; Megan leads it and owns the
 * follow-up; Lars leads another unit; Jonas is Solsikken's pædagogisk leder; the stranger is not
 * in the organisation at all.
 */
describe("authorisation, enforced in the domain", () => {
  let h: BotHarness;
  let meetingId = "";
  let followUpId = "";
  let version = 0;
  let reflectionVersion = 0;
  let formSave: Record<string, unknown> = {};
  let formClose: Record<string, unknown> = {};
  const SECRET = "Min egen refleksion om en medarbejder";

  /** Everything a forged click could change, as one fingerprint. */
  const state = async () => {
    const db = h.bot.store.db;
    const rows = await Promise.all([
      db.meeting.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, version: true, startsAt: true, referatVersion: true } }),
      db.decision.findMany({ orderBy: { id: "asc" } }),
      db.followUp.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, ownerId: true, dueDate: true, version: true } }),
      db.followUpEvent.count(),
      db.reflection.findMany({ orderBy: { id: "asc" }, select: { id: true, answers: true, version: true } }),
      db.yearWheel.findMany({ orderBy: { id: "asc" }, select: { status: true, version: true } }),
      db.yearWheelEntry.findMany({ orderBy: { id: "asc" }, select: { id: true, date: true, time: true, meetingId: true } }),
      db.preference.findMany(),
      db.channelLink.count(),
      db.downloadToken.count(),
      db.notification.count({ where: { key: { contains: "|snooze@" } } }),
    ]);
    return createHash("sha256").update(JSON.stringify(rows)).digest("hex");
  };

  beforeAll(async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    for (const u of [users.alex, users.megan, users.lars, users.jonas]) await h.install(u);
    ({ meetingId, followUpId } = await meetingWithFollowUp(h, { date: "2027-01-14", due: "2027-01-20" }));
    version = (await h.bot.store.db.followUp.findUniqueOrThrow({ where: { id: followUpId } })).version;
    await h.click(users.megan, "reflection.send", { meetingId, version: 0, q_data_drift: SECRET, q_sparring: SECRET });
    reflectionVersion = (await h.bot.store.db.reflection.findFirstOrThrow()).version;
    // The chair's own form card: its buttons' data is what a forger would copy.
    const form = (await h.click(users.alex, "form.open", { meetingId, from: "meetings" })).posted[0];
    formSave = findAction(form, "form.save")!.data;
    formClose = findAction(form, "form.close")!.data;
    // Solsikken's årshjul, proposed by the chief; Megan has made her own 1:1s with Jonas into meetings.
    await h.say(users.alex, "årshjul");
    expect(cardText((await h.click(users.megan, "yearwheel.confirmOwn", { unitId: "solsikken" })).card)).toContain("1:1 med pædagogiske ledere er oprettet");
  });

  const entry = (kind: string, linked?: boolean) => async () =>
    (await h.bot.store.db.yearWheelEntry.findFirstOrThrow({ where: { kind, ...(linked === undefined ? {} : { meetingId: linked ? { not: null } : null }) }, orderBy: { date: "desc" } })).id;
  const wheelVersion = async () => (await h.bot.store.db.yearWheel.findFirstOrThrow({ where: { unitId: "solsikken" } })).version;
  const forgedWheel: [string, User, string, () => Promise<Record<string, unknown>>, RegExp][] = [
    ["only the chief confirms the whole årshjul, not its leader", users.megan, "yearwheel.confirm", async () => ({ unitId: "solsikken", version: await wheelVersion() }), /Kun Børn og Unge-chefen godkender hele årshjulet/],
    ["a leader moves only her own 1:1s with the pædagogiske ledere", users.megan, "yearwheel.move", async () => ({ unitId: "solsikken", version: await wheelVersion(), entryId: await entry("one_on_one")(), date: "2027-03-02", time: "10:00" }), /Som leder planlægger, flytter og aflyser du dine egne 1:1/],
    ["a leader cancels none of the chief's meetings from the årshjul", users.megan, "yearwheel.cancel", async () => ({ unitId: "solsikken", cancelEntryId: await entry("one_on_one")() }), /Som leder planlægger, flytter og aflyser du dine egne 1:1/],
    ["the chief does not move the leader's own 1:1 once it is a meeting", users.alex, "yearwheel.move", async () => ({ unitId: "solsikken", version: await wheelVersion(), entryId: await entry("leader_pl", true)(), date: "2027-03-02", time: "10:00" }), /Kun lederen, der holder det, kan flytte eller aflyse det/],
    ["the chief does not cancel the leader's own 1:1", users.alex, "yearwheel.cancel", async () => ({ unitId: "solsikken", cancelEntryId: await entry("leader_pl", true)() }), /Kun lederen, der holder det, kan flytte eller aflyse det/],
    ["the chief does not make the leader's own 1:1s", users.alex, "yearwheel.confirmOwn", async () => ({ unitId: "solsikken" }), /Som leder planlægger/],
    ["another unit's leader does not move them", users.lars, "yearwheel.move", async () => ({ unitId: "solsikken", version: await wheelVersion(), entryId: await entry("leader_pl", true)(), date: "2027-03-02", time: "10:00" }), /Du er ikke Børn og Unge-chef eller leder for den enhed/],
    ["another unit's leader does not cancel them", users.lars, "yearwheel.cancel", async () => ({ unitId: "solsikken", cancelEntryId: await entry("leader_pl", true)() }), /Du er ikke Børn og Unge-chef eller leder for den enhed/],
    ["a pædagogisk leder makes none of them", users.jonas, "yearwheel.confirmOwn", async () => ({ unitId: "solsikken" }), /Årshjulet er for Børn og Unge-chefer og ledere/],
    ["another unit's leader plans no 1:1 with Solsikken's pædagogisk leder", users.lars, "schedule.submit", async () => ({ leader: "solsikken/jonas", date: "2027-01-26", time: "10:00" }), /kun enhedens leder en 1:1 med en af dens pædagogiske ledere/],
    ["a leader plans no 1:1 with another unit's pædagogisk leder", users.megan, "schedule.submit", async () => ({ leader: "aaskolen/ole", date: "2027-01-26", time: "10:00" }), /kun enhedens leder en 1:1 med en af dens pædagogiske ledere/],
    ["the chief plans no 1:1 with the leader's pædagogisk leder", users.alex, "schedule.submit", async () => ({ leader: "solsikken/jonas", date: "2027-01-26", time: "10:00" }), /kun enhedens leder en 1:1 med en af dens pædagogiske ledere/],
  ];

  it.each(forgedWheel)("the årshjul and planlæg 1:1: %s", async (_rule, who, verb, data, message) => {
    const payload = await data();
    const before = await state();
    const res = await h.click(who, verb, payload);
    expect(res.status).toBe(200);
    expect(cardText(res.card)).toMatch(message);
    expect(await state()).toBe(before);
  });
  afterAll(() => h.stop());

  const refused: [string, User, string, () => Record<string, unknown>, RegExp][] = [
    ["only the chief of the leader's unit schedules a 1:1", users.lars, "schedule.submit", () => ({ leader: "solsikken/megan", date: "2027-01-25", time: "10:00" }), /Kun Børn og Unge-chefen for lederens enhed|ikke Børn og Unge-chef/],
    ["only the chair edits the opfølgningsskema", users.megan, "form.save", () => ({ ...formSave, decision_0: "Forfalsket", followup_0: "Forfalsket", owner_0: "megan", due_0: "2027-02-01" }), /Kun Børn og Unge-chefen, der holder mødet/],
    ["only the chair closes the meeting", users.megan, "form.close", () => ({ ...formClose }), /Kun Børn og Unge-chefen, der holder mødet/],
    ["nobody outside the meeting opens its opfølgningsskema", users.lars, "form.open", () => ({ meetingId, from: "meetings" }), /Kun mødets deltagere|Kun Børn og Unge-chefen, der holder mødet/],
    ["only the chair cancels the meeting", users.megan, "meeting.cancel", () => ({ meetingId }), /Kun Børn og Unge-chefen, der holder mødet/],
    ["only the chair reopens the meeting", users.megan, "meeting.reopen", () => ({ meetingId, referatVersion: 0, from: "referat" }), /Kun Børn og Unge-chefen, der holder mødet/],
    ["nobody outside the meeting reopens it", users.lars, "meeting.reopen", () => ({ meetingId, referatVersion: 0, from: "form" }), /Kun mødets deltagere/],
    ["nobody outside the meeting reads the reflection", users.lars, "reflection.open", () => ({ meetingId, from: "meetings" }), /Kun mødets deltagere/],
    ["only its author writes the reflection", users.alex, "reflection.send", () => ({ meetingId, version: reflectionVersion, q_data_drift: "Forfalsket", q_sparring: "Forfalsket" }), /udfyldes af lederen/],
    ["nobody outside the meeting adds an agenda topic", users.lars, "agenda.addTopic", () => ({ meetingId, topic: "Forfalsket" }), /Kun mødets deltagere/],
    ["only the owner or the chair marks a follow-up done", users.jonas, "followup.done", () => ({ followUpId, version }), /Kun den ansvarlige eller Børn og Unge-chefen|Kun mødets deltagere/],
    ["only the owner or the chair postpones it", users.lars, "followup.postpone", () => ({ followUpId, version, newDueDate: "2027-03-01" }), /Kun den ansvarlige eller Børn og Unge-chefen|Kun mødets deltagere/],
    ["only the chief of the unit or the chair gives it to someone else", users.megan, "followup.reassign", () => ({ followUpId, version, ownerInput: "o", o: "jonas" }), /Kun Børn og Unge-chefen for enheden eller mødelederen/],
    ["only the chief confirms a unit's årshjul", users.megan, "yearwheel.confirm", () => ({ unitId: "solsikken", version: 1 }), /Kun Børn og Unge-chefen godkender hele årshjulet/],
    ["only the chief of the area links a channel", users.megan, "channel.link", () => ({ areaId: "midt" }), /Kun Børn og Unge-chefen for området/],
    ["someone outside the organisation can do nothing", users.stranger, "followup.done", () => ({ followUpId, version }), /organisationsoversigt/],
  ];

  it.each(refused)("%s", async (_rule, who, verb, data, message) => {
    const before = await state();
    const channel = verb.startsWith("channel.") ? { channel: "19:midt-ledelse@thread.tacv2" } : {};
    const res = await h.click(who, verb, data(), channel);
    expect(res.status).toBe(200);
    expect(cardText(res.card)).toMatch(message);
    // Only the meeting's participants ever see the sent reflection.
    if (who !== users.alex && who !== users.megan) expect(JSON.stringify([res.card, res.posted])).not.toContain(SECRET);
    expect(await state()).toBe(before);
  });

  it("the reflection, once sent, is read by the meeting's participants; a reminder is snoozed only by its receiver", async () => {
    const res = await h.click(users.alex, "reflection.open", { meetingId, from: "agenda" });
    expect(cardText(res.posted[0])).toContain(SECRET);
    const before = await state();
    h.clock.set("2027-01-18T08:00:00+01:00");
    await h.deliver();
    const reminder = h.connector.cards(h.conversationId(users.megan)).find((c) => findAction(c, "reminder.snooze"));
    const snooze = findAction(reminder, "reminder.snooze")!;
    const forged = await h.click(users.alex, "reminder.snooze", { ...snooze.data, snoozeFor: "1" });
    expect(cardText(forged.card)).toContain("Påmindelsen er ikke din");
    expect(await state()).toBe(before);
  });
});
