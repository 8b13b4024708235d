import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { cardText, findAction } from "../helpers/fake-connector.js";
import { meetingWithFollowUp } from "../helpers/flows.js";

/** Two people acting on the same things, and Teams delivering the same click twice. */
describe("concurrent and repeated actions", () => {
  let h: BotHarness;
  const db = () => h.bot.store.db;
  beforeEach(async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    await h.install(users.megan);
  });
  afterEach(() => h.stop());

  it("a form saved from an open card keeps the owner's postponement made meanwhile", async () => {
    const { meetingId, followUpId } = await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-20" });
    const opened = await h.click(users.alex, "form.open", { meetingId, from: "meetings" });
    const save = findAction(opened.posted[0], "form.save")!;
    const fu = await db().followUp.findUniqueOrThrow({ where: { id: followUpId } });
    await h.click(users.megan, "followup.postpone", { followUpId, version: fu.version, newDueDate: "2027-02-10" });

    // Alex fixes a typo in the decision on the card he opened before the postponement.
    const res = await h.click(users.alex, "form.save", { ...save.data, decision_0: "Beslutning (rettet)", followup_0: "Opfølgning", owner_0: "megan", due_0: "2027-01-20" });
    expect(cardText(res.card)).toContain("Gemt");
    expect(await db().followUp.findUniqueOrThrow({ where: { id: followUpId } })).toMatchObject({ dueDate: "2027-02-10" });
    expect((await db().decision.findFirstOrThrow()).text).toBe("Beslutning (rettet)");
    const edits = await db().followUpEvent.findMany({ where: { followUpId, kind: "edited" } });
    expect(edits).toHaveLength(0);
  });

  it("refuses a date both changed, keeps what the chief typed, and writes nothing", async () => {
    const { meetingId, followUpId } = await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-20" });
    const opened = await h.click(users.alex, "form.open", { meetingId, from: "meetings" });
    const save = findAction(opened.posted[0], "form.save")!;
    const fu = await db().followUp.findUniqueOrThrow({ where: { id: followUpId } });
    await h.click(users.megan, "followup.postpone", { followUpId, version: fu.version, newDueDate: "2027-02-10" });
    const res = await h.click(users.alex, "form.save", { ...save.data, decision_0: "Beslutning", followup_0: "Opfølgning", owner_0: "megan", due_0: "2027-03-01" });
    expect(cardText(res.card)).toContain("Skemaet er blevet ændret");
    expect(JSON.stringify(res.card)).toContain('"value":"2027-03-01"'); // what Alex typed is still there
    expect((await db().followUp.findUniqueOrThrow({ where: { id: followUpId } })).dueDate).toBe("2027-02-10");
  });

  it("a double-clicked save of the same content is simply saved", async () => {
    const { meetingId } = await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-20" });
    const opened = await h.click(users.alex, "form.open", { meetingId, from: "meetings" });
    const save = findAction(opened.posted[0], "form.save")!;
    const data = { ...save.data, decision_0: "Beslutning", followup_0: "Opfølgning", owner_0: "megan", due_0: "2027-01-20", decision_1: "Ny beslutning" };
    const first = await h.click(users.alex, "form.save", data);
    const second = await h.click(users.alex, "form.save", data);
    expect(cardText(first.card)).toContain("Gemt kl. 09.00: 1 ny beslutning (version 2).");
    // The second click finds its rows saved already by the first: answered the same way.
    expect(cardText(second.card)).toContain("Gemt kl. 09.00: 1 ny beslutning (version 2).");
    expect(cardText(second.card)).not.toContain("ændret");
    expect(await db().decision.count()).toBe(2);
  });

  it("the same click delivered twice schedules one meeting and answers the same card", async () => {
    const form = await h.say(users.alex, "planlæg 1:1");
    const submit = findAction(form.cards[0], "schedule.submit")!;
    const activity = h.activity("invoke-action", users.alex, {
      value: { action: { type: "Action.Execute", verb: "schedule.submit", data: { ...submit.data, leader: "solsikken/megan", date: "2027-01-18", time: "10:00" } }, trigger: "manual" },
    });
    const first = await h.post(activity);
    const again = await h.post(activity);
    expect(again.body).toEqual(first.body);
    // A real double click: two activities from the same form.
    await h.click(users.alex, "schedule.submit", { ...submit.data, leader: "solsikken/megan", date: "2027-01-18", time: "10:00" });
    expect(await db().meeting.count()).toBe(1);
    expect(await db().notification.count({ where: { kind: "meeting_agenda" } })).toBe(2);
  });

  it("a double-clicked topic or comment is stored once", async () => {
    const { meetingId, followUpId } = await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-20" });
    await h.click(users.megan, "agenda.addTopic", { meetingId, topic: "Sygefravær" });
    await h.click(users.megan, "agenda.addTopic", { meetingId, topic: " sygefravær " });
    expect(await db().agendaItem.count({ where: { meetingId, kind: "topic" } })).toBe(1);
    const version = (await db().followUp.findUniqueOrThrow({ where: { id: followUpId } })).version;
    const first = await h.click(users.megan, "followup.comment", { followUpId, version, comment: "Holdt første samtale" });
    const second = await h.click(users.megan, "followup.comment", { followUpId, version, comment: "Holdt første samtale" });
    expect(cardText(first.card)).toContain("Kommentaren er gemt.");
    // The same comment from the same card again is the one just stored: said so, not called stale.
    expect(cardText(second.card)).toContain("Kommentaren er gemt.");
    expect(await db().followUpEvent.count({ where: { followUpId, kind: "commented" } })).toBe(1);
    // Another text from that card is refused as stale, as is the same text from an older card.
    const other = await h.click(users.megan, "followup.comment", { followUpId, version, comment: "Noget andet" });
    expect(cardText(other.card)).toContain("ikke længere aktuelt");
    const older = await h.click(users.megan, "followup.comment", { followUpId, version: version - 1, comment: "Holdt første samtale" });
    expect(cardText(older.card)).toContain("ikke længere aktuelt");
    expect(await db().followUpEvent.count({ where: { followUpId, kind: "commented" } })).toBe(1);
  });

  it("updates the other participant's agenda when a topic is added", async () => {
    await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-12", time: "10:00" });
    expect(await h.deliver()).toEqual({ sent: 4 });
    const meetingId = (await db().meeting.findFirstOrThrow()).id;
    await h.click(users.megan, "agenda.addTopic", { meetingId, topic: "Vikardækning" });
    await h.bot.settled();
    const alexAgenda = h.connector.updated.filter((u) => u.conversationId === h.conversationId(users.alex));
    expect(alexAgenda.some((u) => cardText(u.activity).includes("Vikardækning (tilføjet af Megan Bowen)"))).toBe(true);
  });

  it("shows the chief nothing of a reflection before it is sent", async () => {
    await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-12", time: "10:00" });
    const meetingId = (await db().meeting.findFirstOrThrow()).id;
    const before = await h.click(users.alex, "reflection.open", { meetingId, from: "meetings" });
    expect(cardText(before.posted[0])).toContain("Refleksionen er ikke sendt endnu, så kun den, der skriver den, kan se den.");
    expect(findAction(before.posted[0], "reflection.send")).toBeUndefined();
  });

  it("reopening plans the due reminder again; a cancelled follow-up cannot be reopened", async () => {
    const { meetingId, followUpId } = await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-20" });
    let v = (await db().followUp.findUniqueOrThrow({ where: { id: followUpId } })).version;
    await h.click(users.megan, "followup.done", { followUpId, version: v });
    expect(await db().notification.count({ where: { subjectId: followUpId, kind: "followup_overdue", status: "pending" } })).toBe(0);
    v = (await db().followUp.findUniqueOrThrow({ where: { id: followUpId } })).version;
    await h.click(users.megan, "followup.reopen", { followUpId, version: v });
    expect(await db().notification.count({ where: { subjectId: followUpId, kind: "followup_overdue", status: "pending" } })).toBe(1);

    const opened = await h.click(users.alex, "form.open", { meetingId, from: "meetings" });
    const save = findAction(opened.posted[0], "form.save")!;
    await h.click(users.alex, "form.save", { ...save.data, decision_0: "", followup_0: "" }); // removes the decision
    v = (await db().followUp.findUniqueOrThrow({ where: { id: followUpId } })).version;
    const res = await h.click(users.megan, "followup.reopen", { followUpId, version: v });
    expect(cardText(res.card)).toContain("Kun et udført opfølgningspunkt kan genåbnes.");
    expect((await db().followUp.findUniqueOrThrow({ where: { id: followUpId } })).status).toBe("cancelled");
  });
});
