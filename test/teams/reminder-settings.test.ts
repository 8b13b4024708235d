import { afterEach, describe, expect, it } from "vitest";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { templatesWithRequiredOneOnOne } from "../helpers/templates.js";
import { cardText, findAction } from "../helpers/fake-connector.js";
import { meetingWithFollowUp } from "../helpers/flows.js";

const db = (h: BotHarness) => h.bot.store.db;
const texts = (h: BotHarness, user: (typeof users)[keyof typeof users]) => h.connector.cards(h.conversationId(user)).map(cardText);
const rows = async (h: BotHarness, where: Record<string, unknown> = {}) =>
  (await db(h).notification.findMany({ where, orderBy: [{ dueAt: "asc" }, { kind: "asc" }] })).map((r) => `${r.kind}:${r.personId}:${r.status}:${r.dueAt.toISOString()}${r.lastError ? `:${r.lastError}` : ""}`);

describe("reminders and the person's own settings", () => {
  let h: BotHarness;
  afterEach(() => h.stop());

  it("«fraværende til»: the person's reminders wait until then; the others' meeting packs still go", async () => {
    // The 1:1 guide's questions made required: only such a guide is chased by a reflection reminder.
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00", env: { TEMPLATES_DIR: templatesWithRequiredOneOnOne() } });
    await h.install(users.alex);
    await h.install(users.megan);
    const bad = await h.say(users.megan, "fraværende til 32.01.2027");
    expect(cardText(bad.cards[0])).toContain("Den dato kan jeg ikke læse. Skriv fx **fraværende til i morgen**");
    expect(cardText(bad.cards[0])).not.toContain("32.01.2027");
    const past = await h.say(users.megan, "fraværende til 10.01.2027");
    expect(cardText(past.cards[0])).toContain("Datoen skal ligge efter i dag.");
    expect(await db(h).preference.count()).toBe(0);

    const usage = await h.say(users.megan, "fraværende til");
    expect(cardText(usage.cards[0])).toContain("Du er ikke registreret som fraværende. Skriv fx **fraværende til i morgen**");
    const set = await h.say(users.megan, "fraværende til 01.02.2027");
    expect(cardText(set.cards[0])).toContain("Du er registreret som fraværende til og med søndag den 31. januar 2027. Dine påmindelser venter til mandag den 1. februar 2027 kl. 08.00.");
    expect(cardText((await h.say(users.megan, "Fraværende")).cards[0])).toContain("Du er registreret som fraværende til og med søndag den 31. januar 2027.");
    await meetingWithFollowUp(h, { date: "2027-01-20", due: "2027-01-27" });
    h.clock.set("2027-01-15T08:00:00+01:00"); // the pack's day (3 working days before the 20th)
    expect(await h.deliver()).toEqual({ sent: 2, waiting: 3 }); // Alex's pack; Megan's pack and her new follow-up wait
    expect(texts(h, users.alex).some((t) => t.includes("Dagsorden: 1:1 ledelsesopfølgning"))).toBe(true);
    expect(await rows(h, { personId: "megan", status: "pending" })).toEqual([
      "reflection_reminder:megan:pending:2027-01-19T07:00:00.000Z",
      "followup_due_soon:megan:pending:2027-01-25T07:00:00.000Z",
      "followup_overdue:megan:pending:2027-01-28T07:00:00.000Z",
      "followup_assigned:megan:pending:2027-02-01T07:00:00.000Z:absent",
      "meeting_agenda:megan:pending:2027-02-01T07:00:00.000Z:absent",
      "meeting_reflection:megan:pending:2027-02-01T07:00:00.000Z:absent",
    ]);

    // Back early: what waited comes now (in working hours), except the pack of a meeting that has begun.
    h.clock.set("2027-01-21T09:00:00+01:00");
    const back = await h.say(users.megan, "fraværende slut");
    expect(cardText(back.cards[0])).toContain("Du er ikke længere registreret som fraværende.");
    // The assignment goes; the pack and the reflection reminder of the meeting that began yesterday do not.
    expect(await h.deliver()).toEqual({ sent: 1, cancelled: 3 });
    expect(texts(h, users.megan).filter((t) => t.includes("Du er ansvarlig for et nyt opfølgningspunkt"))).toHaveLength(1);
    expect(await rows(h, { personId: "megan", status: "cancelled" })).toEqual([
      "reflection_reminder:megan:cancelled:2027-01-19T07:00:00.000Z:too-late",
      "meeting_agenda:megan:cancelled:2027-01-21T08:00:00.000Z:too-late",
      "meeting_reflection:megan:cancelled:2027-01-21T08:00:00.000Z:too-late",
    ]);
  });

  it("«fraværende til …» reads dates as people write them and says back the day understood, never an echo", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" }); // Monday, ISO week 2
    await h.install(users.megan);
    const absentUntil = async () => (await db(h).preference.findUnique({ where: { personId: "megan" } }))?.absentUntil;
    const cases: [string, string, string, string][] = [
      // typed, first day back (stored), last day away (said), reminders again
      ["fraværende til i morgen", "2027-01-12", "mandag den 11. januar 2027", "tirsdag den 12. januar 2027 kl. 08.00"],
      ["Fraværende til i morgen!", "2027-01-12", "mandag den 11. januar 2027", "tirsdag den 12. januar 2027 kl. 08.00"],
      ["fraværende til og med fredag", "2027-01-16", "fredag den 15. januar 2027", "mandag den 18. januar 2027 kl. 08.00"],
      ["fraværende til uge 3", "2027-01-18", "søndag den 17. januar 2027", "mandag den 18. januar 2027 kl. 08.00"],
      ["fraværende til næste mandag", "2027-01-18", "søndag den 17. januar 2027", "mandag den 18. januar 2027 kl. 08.00"],
      ["fraværende til 12. jan", "2027-01-12", "mandag den 11. januar 2027", "tirsdag den 12. januar 2027 kl. 08.00"],
      ["fraværende til 12/1 2027", "2027-01-12", "mandag den 11. januar 2027", "tirsdag den 12. januar 2027 kl. 08.00"],
      ["fraværende til og med 12.1", "2027-01-13", "tirsdag den 12. januar 2027", "onsdag den 13. januar 2027 kl. 08.00"],
      ["fraværende onsdag", "2027-01-14", "onsdag den 13. januar 2027", "torsdag den 14. januar 2027 kl. 08.00"],
    ];
    for (const [typed, backOn, lastDay, resumes] of cases) {
      const res = cardText((await h.say(users.megan, typed)).cards[0]);
      expect(res, typed).toContain(`Du er registreret som fraværende til og med ${lastDay}. Dine påmindelser venter til ${resumes}.`);
      expect(await absentUntil(), typed).toBe(backOn);
    }
    for (const typed of ["fraværende til snart", "fraværende til 31/2", "fraværende til mandag morgen"]) {
      const res = cardText((await h.say(users.megan, typed)).cards[0]);
      expect(res, typed).toContain("Den dato kan jeg ikke læse.");
      expect(res, typed).not.toMatch(/«|snart|31\/2|morgen»/);
    }
    expect(await absentUntil()).toBe("2027-01-14"); // unchanged by what could not be read
    expect(cardText((await h.say(users.megan, "Fraværende.")).cards[0])).toContain("Du er registreret som fraværende til og med onsdag den 13. januar 2027.");
    expect(cardText((await h.say(users.megan, "fraværende til i dag")).cards[0])).toContain("Datoen skal ligge efter i dag.");
  });

  it("a reminder that comes due outside working hours (the bot was down) waits for the next working morning", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    await h.install(users.megan);
    await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-21" });
    await h.deliver();
    h.clock.set("2027-01-19T19:30:00+01:00"); // back up in the evening: the 08:00 reminder was missed
    expect(await h.deliver()).toEqual({ waiting: 1 });
    expect(await rows(h, { kind: "followup_due_soon" })).toEqual(["followup_due_soon:megan:pending:2027-01-20T07:00:00.000Z:outside-working-hours"]);
    await h.restart(); // a restart re-plans every follow-up's reminders: the waiting one stays
    h.clock.set("2027-01-20T08:00:00+01:00");
    expect(await h.deliver()).toEqual({ sent: 1 });
    expect(await h.deliver()).toEqual({});
  });

  it("the reflection reminder goes the working day before, only to the leader who has not sent theirs", async () => {
    // The 1:1 guide's questions made required: only such a guide is chased by a reflection reminder.
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00", env: { TEMPLATES_DIR: templatesWithRequiredOneOnOne() } });
    await h.install(users.alex);
    await h.install(users.megan);
    await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-25", time: "10:00" }); // Monday
    expect(await rows(h, { kind: "reflection_reminder" })).toEqual(["reflection_reminder:megan:pending:2027-01-22T07:00:00.000Z"]); // Friday
    h.clock.set("2027-01-22T08:00:00+01:00");
    await h.deliver();
    const reminder = h.connector.cards(h.conversationId(users.megan)).find((c) => cardText(c).includes("din refleksion er ikke sendt endnu"));
    expect(cardText(reminder)).toContain("Påmindelse: mødet er mandag den 25. januar 2027 kl. 10.00");
    expect(findAction(reminder, "reflection.send")).toBeDefined();

    // A second meeting whose reflection Megan sends in time: no reminder.
    await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-02-03", time: "10:00" });
    const meeting = await db(h).meeting.findFirstOrThrow({ where: { startsAt: new Date("2027-02-03T09:00:00Z") } });
    h.clock.set("2027-01-29T08:00:00+01:00");
    await h.deliver(); // the pack
    const guide = h.connector.cards(h.conversationId(users.megan)).filter((c) => cardText(c).includes("Refleksionsguide")).pop();
    const send = findAction(guide, "reflection.send")!;
    const answers = Object.fromEntries(
      (JSON.stringify(guide).match(/"id":"[a-z_]+"/g) ?? []).map((m) => [m.slice(6, -1), "Svar"]),
    );
    const sent = await h.click(users.megan, "reflection.send", { ...send.data, ...answers });
    expect(cardText(sent.card)).toContain("sendt");
    h.clock.set("2027-02-02T08:00:00+01:00");
    await h.deliver();
    expect(await rows(h, { kind: "reflection_reminder", subjectId: meeting.id })).toEqual([
      "reflection_reminder:megan:cancelled:2027-02-02T07:00:00.000Z:reflection-sent",
    ]);
  });

  it("«Mind mig igen» brings the same reminder back once, to the person who asked, in working hours", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    await h.install(users.megan);
    await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-21" });
    await h.deliver();
    h.clock.set("2027-01-19T08:00:00+01:00");
    await h.deliver();
    const card = h.connector.cards(h.conversationId(users.megan)).find((c) => cardText(c).includes("Påmindelse: fristen nærmer sig"));
    const snooze = findAction(card, "reminder.snooze")!;
    expect(findAction(card, "followup.done")).toBeDefined(); // the follow-up's own buttons stay

    const notMine = await h.click(users.alex, "reminder.snooze", { ...snooze.data, snoozeFor: "1" });
    expect(cardText(notMine.card)).toContain("Påmindelsen er ikke din");
    const odd = await h.click(users.megan, "reminder.snooze", { ...snooze.data, snoozeFor: "2" });
    expect(cardText(odd.card)).toContain("Kortet kunne ikke læses");
    const res = await h.click(users.megan, "reminder.snooze", { ...snooze.data, snoozeFor: "1" });
    expect(cardText(res.card)).toContain("Du bliver mindet om det igen onsdag den 20. januar 2027 kl. 08.00.");
    expect(cardText(res.card)).toContain("Påmindelse: fristen nærmer sig");
    await h.click(users.megan, "reminder.snooze", { ...snooze.data, snoozeFor: "1" }); // a double click
    expect(await db(h).notification.count({ where: { key: { contains: "|snooze@" } } })).toBe(1);
    const tooLate = await h.click(users.megan, "reminder.snooze", { ...snooze.data, snoozeFor: "5" });
    expect(cardText(tooLate.card)).toContain("kan ikke udsættes så længe"); // it would come after «overskredet»
    await h.restart(); // the snoozed copy survives a restart

    h.clock.set("2027-01-20T08:00:00+01:00");
    expect(await h.deliver()).toEqual({ sent: 1 });
    expect(h.connector.cards(h.conversationId(users.megan)).filter((c) => cardText(c).includes("Påmindelse: fristen nærmer sig"))).toHaveLength(2);
    expect(await h.deliver()).toEqual({});
  });

  it("a muted kind is not sent; the settings card changes only the clicker's own reminders", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    await h.install(users.megan);
    await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-21" });
    await h.deliver();

    const open = await h.say(users.megan, "indstillinger");
    expect(cardText(open.cards[0])).toContain("Dine påmindelser");
    expect(cardText(open.cards[0])).not.toContain("Ugentligt overblik over dit område"); // not a chief
    const badTime = await h.click(users.megan, "preferences.save", { remind_dueSoon: "off", digestTime: "18:00" });
    expect(cardText(badTime.card)).toContain("Vælg et helt klokkeslæt i arbejdstiden (08:00–15:30).");
    expect(JSON.stringify(badTime.card)).toContain('"id":"remind_dueSoon","title":"«Fristen nærmer sig» før et opfølgningspunkts frist","value":"off"'); // what she chose is kept
    expect(await db(h).preference.count()).toBe(0);
    const saved = await h.click(users.megan, "preferences.save", { remind_reflection: "on", remind_dueSoon: "off", remind_overdue: "on", digestTime: "10:00", absentUntil: "" });
    expect(cardText(saved.card)).toContain("Dine indstillinger er gemt.");

    // A chief cannot turn off Megan's reminders: the card names no person, and a forged field is ignored.
    await h.click(users.alex, "preferences.save", { personId: "megan", remind_overdue: "off", remind_areaDigest: "on" });
    expect(await db(h).preference.findUniqueOrThrow({ where: { personId: "megan" } })).toMatchObject({ muted: "dueSoon", digestTime: "10:00" });
    expect(await db(h).preference.findUniqueOrThrow({ where: { personId: "alex" } })).toMatchObject({ muted: "overdue" });

    h.clock.set("2027-01-19T08:00:00+01:00");
    await h.deliver();
    expect(await rows(h, { kind: "followup_due_soon" })).toEqual(["followup_due_soon:megan:cancelled:2027-01-19T07:00:00.000Z:muted"]);
    h.clock.set("2027-01-22T08:00:00+01:00");
    await h.deliver();
    expect(await rows(h, { kind: "followup_overdue" })).toEqual(["followup_overdue:megan:sent:2027-01-22T07:00:00.000Z"]); // still on
    // Her weekly overview comes at the hour she chose.
    h.clock.set("2027-01-23T06:00:00+01:00");
    await h.runJob("plan-digests");
    expect(await rows(h, { kind: "overdue_digest" })).toEqual(["overdue_digest:megan:pending:2027-01-25T09:00:00.000Z"]);
  });

  it("refuses a malformed or past absence date in the card, keeps nothing of it, and a card from before an ended absence still saves", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.megan);
    for (const absentUntil of ["2027-1-5", "2027-02-30", "i morgen", "2027-01-11"]) {
      const res = await h.click(users.megan, "preferences.save", { remind_dueSoon: "on", digestTime: "08:00", absentUntil });
      expect(cardText(res.card), absentUntil).toMatch(/Angiv en gyldig dato\.|Datoen skal ligge efter i dag\./);
    }
    expect(await db(h).preference.count()).toBe(0);
    await h.say(users.megan, "fraværende til 13.01.2027");
    h.clock.set("2027-01-14T09:00:00+01:00"); // back; the card shows no old date, and an old card's date is simply over
    const open = await h.say(users.megan, "indstillinger");
    expect(JSON.stringify(open.cards[0])).not.toContain("2027-01-13");
    const saved = await h.click(users.megan, "preferences.save", { remind_dueSoon: "off", digestTime: "08:00", absentUntil: "2027-01-13" });
    expect(cardText(saved.card)).toContain("Dine indstillinger er gemt.");
    expect(await db(h).preference.findUniqueOrThrow({ where: { personId: "megan" } })).toMatchObject({ absentUntil: null, muted: "dueSoon" });
  });

  it("a reminder cancelled because it was muted does not come back weeks later when the group is turned on again", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    await h.install(users.megan);
    await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-21" });
    await h.deliver();
    await h.click(users.megan, "preferences.save", { remind_overdue: "off", digestTime: "08:00" });
    h.clock.set("2027-01-22T08:00:00+01:00");
    await h.deliver();
    expect(await rows(h, { kind: "followup_overdue" })).toEqual(["followup_overdue:megan:cancelled:2027-01-22T07:00:00.000Z:muted"]);
    h.clock.set("2027-02-08T09:00:00+01:00");
    await h.click(users.megan, "preferences.save", { remind_overdue: "on", digestTime: "08:00" });
    await h.restart();
    await h.deliver();
    expect(await rows(h, { kind: "followup_overdue" })).toEqual(["followup_overdue:megan:cancelled:2027-01-22T07:00:00.000Z:muted"]);
    expect(h.connector.cards(h.conversationId(users.megan)).filter((c) => cardText(c).includes("fristen er overskredet"))).toHaveLength(0);
  });

  it("after an upgrade from the single due-date reminder, old overdue follow-ups get no burst of late cards", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    await h.install(users.megan);
    const { followUpId } = await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-20" });
    await h.deliver();
    // The database as the earlier version left it: one followup_due row, sent on the frist.
    await db(h).notification.deleteMany({ where: { subjectId: followUpId, kind: { in: ["followup_due_soon", "followup_overdue"] } } });
    await db(h).notification.create({ data: { key: `followup_due:${followUpId}:megan:2027-01-20`, kind: "followup_due", personId: "megan", subjectId: followUpId, dueAt: new Date("2027-01-20T07:00:00Z"), status: "sent", sentAt: new Date("2027-01-20T07:00:00Z") } });
    h.clock.set("2027-02-10T09:00:00+01:00");
    await h.restart();
    await h.deliver();
    expect(await db(h).notification.count({ where: { subjectId: followUpId, kind: "followup_overdue" } })).toBe(0);
    expect(h.connector.cards(h.conversationId(users.megan)).filter((c) => cardText(c).includes("fristen er overskredet"))).toHaveLength(0);
    // It is in her weekly overview instead.
    h.clock.set("2027-02-15T08:00:00+01:00");
    await h.runJob("plan-digests");
    await h.deliver();
    expect(h.connector.cards(h.conversationId(users.megan)).filter((c) => cardText(c).includes("Ugens overblik"))).toHaveLength(1);
  });
});
