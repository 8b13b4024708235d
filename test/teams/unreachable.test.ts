import { afterEach, describe, expect, it } from "vitest";
import { BotHarness, users, type User } from "../helpers/bot-harness.js";
import { cardText, FakeConnector } from "../helpers/fake-connector.js";
import { templatesWithRequiredOneOnOne } from "../helpers/templates.js";

const db = (h: BotHarness) => h.bot.store.db;
/** The first line of each card posted to a person's chat, oldest first. */
const headlines = (h: BotHarness, user: User) => h.connector.cards(h.conversationId(user)).map((c) => cardText(c).split("\n")[0]);
const PACK = ["Her er dagsordenen til jeres næste 1:1 ledelsesopfølgning.", "Refleksionsguide: 1:1 ledelsesopfølgning"];
/** Answers the next POST to this person's chat with `status` (as Teams does for a removed app, or a chat it does not know). */
const refuseNext = (h: BotHarness, user: User, status: number) => {
  let done = false;
  h.connector.beforePost = (conversationId) => {
    if (done || conversationId !== h.conversationId(user)) return undefined;
    done = true;
    return { status };
  };
};

describe("a card Teams refused because the conversation was unreachable (403/404)", () => {
  let h: BotHarness;
  afterEach(() => h.stop());

  it.each([404, 403])("%s: the card waits for the person and goes once, in order, when they write again", async (status) => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    await h.install(users.megan);
    refuseNext(h, users.megan, status);
    await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-13", time: "10:00" });
    const toMegan = () => h.connector.attempts.filter((a) => a.conversationId === h.conversationId(users.megan)).length;
    const before = toMegan();
    // Alex's pack goes; Megan's dagsorden is refused, her refleksionsguide is not even tried.
    expect(await h.deliver()).toEqual({ sent: 2, waiting: 2 });
    expect(await db(h).conversationRef.findUniqueOrThrow({ where: { personId: "megan" } })).toMatchObject({ active: false, inactiveReason: `http-${status}` });
    const rows = await db(h).notification.findMany({ where: { personId: "megan", kind: { in: ["meeting_agenda", "meeting_reflection"] } } });
    expect(rows.map((r) => [r.status, r.lastError, r.attempts])).toEqual([
      ["pending", "no-conversation", 0],
      ["pending", "no-conversation", 0],
    ]);
    expect(toMegan() - before).toBe(1);

    // An hour on, nothing is asked of Teams for her: she has not been back. Alex, who chairs the
    // meeting (within two working days), is told she cannot be reached (reaching-people.test.ts).
    h.clock.set("2027-01-11T10:00:01+01:00");
    expect(await h.deliver()).toEqual({ waiting: 2, sent: 1 });
    expect(toMegan() - before).toBe(1);
    expect(headlines(h, users.alex).at(-1)).toBe("Megan Bowen kan ikke nås i Teams");

    // She writes: her conversation is known again and what waited goes at once, in order, once.
    h.clock.set("2027-01-11T10:20:00+01:00");
    await h.say(users.megan, "mine møder");
    expect(await h.deliver()).toEqual({ sent: 2 });
    expect(await h.deliver()).toEqual({});
    expect(headlines(h, users.megan).filter((t) => PACK.includes(t!))).toEqual(PACK);
    expect(await db(h).conversationRef.findUniqueOrThrow({ where: { personId: "megan" } })).toMatchObject({ active: true, inactiveReason: null });
  });

  it("a local Playground that is not running (connection refused): the card waits until the person's Playground is back", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    await h.install(users.megan);
    // Megan's Playground was stopped: nothing listens where her conversation lives.
    const gone = await new FakeConnector().start();
    await gone.stop();
    const reference = { ...(await h.bot.store.conversations.get("megan"))!.reference, serviceUrl: gone.url };
    await db(h).conversationRef.update({ where: { personId: "megan" }, data: { serviceUrl: gone.url, reference: JSON.stringify(reference) } });
    await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-13", time: "10:00" });
    expect(await h.deliver()).toEqual({ sent: 2, waiting: 2 });
    expect(await db(h).conversationRef.findUniqueOrThrow({ where: { personId: "megan" } })).toMatchObject({ active: false, inactiveReason: "connection-refused" });
    // Her Playground is started again (here: the harness's connector) and she opens it.
    h.clock.set("2027-01-11T09:30:00+01:00");
    await h.say(users.megan, "hjælp");
    // The notice to Alex, due now (the meeting is in two days), is not sent: she is back.
    expect(await h.deliver()).toEqual({ sent: 2, cancelled: 1 });
    expect(headlines(h, users.megan).filter((t) => PACK.includes(t!))).toEqual(PACK);
  });

  it("does not go when it no longer means anything by the time the person is back (the meeting was cancelled)", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    await h.install(users.megan);
    refuseNext(h, users.megan, 404);
    await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-13", time: "10:00" });
    expect(await h.deliver()).toEqual({ sent: 2, waiting: 2 });
    const meeting = await db(h).meeting.findFirstOrThrow();
    await h.click(users.alex, "meeting.cancel", { meetingId: meeting.id });
    h.clock.set("2027-01-11T10:20:00+01:00");
    await h.install(users.megan); // she adds the app again
    expect(await h.deliver()).toEqual({ sent: 1, cancelled: 1 }); // only «Mødet er aflyst»; no notice to Alex, she is back
    expect(headlines(h, users.megan).filter((t) => PACK.includes(t!))).toEqual([]);
    expect(headlines(h, users.megan).at(-1)).toBe("Mødet er aflyst");
  });

  it("fails, shown to the administrator, when the person has not been back for two working days after it fell due", async () => {
    // The 1:1 guide's questions made required: only such a guide is chased by a reflection reminder.
    h = await BotHarness.start({ now: "2027-01-15T14:00:00+01:00", env: { TEMPLATES_DIR: templatesWithRequiredOneOnOne() } }); // a Friday
    await h.install(users.alex);
    await h.install(users.megan);
    refuseNext(h, users.megan, 403);
    await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-20", time: "10:00" });
    expect(await h.deliver()).toEqual({ sent: 2, waiting: 2 });
    // The weekend does not count: on Monday and Tuesday it still waits for her (on Tuesday with
    // her reflection reminder, due that day).
    h.clock.set("2027-01-18T08:00:00+01:00");
    expect(await h.deliver()).toEqual({ waiting: 2 });
    // Alex was told on Monday at 14:00, a working day after the pack began to wait (here: at this look).
    h.clock.set("2027-01-19T15:00:00+01:00");
    expect(await h.deliver()).toEqual({ waiting: 3, sent: 1 });
    expect(headlines(h, users.alex).at(-1)).toBe("Megan Bowen kan ikke nås i Teams");
    // The first look after Tuesday's working day (two working days after Friday): failed for good.
    // Her reflection reminder, due Tuesday, waits for her until Thursday.
    h.clock.set("2027-01-20T08:00:00+01:00");
    expect(await h.deliver()).toEqual({ failed: 2, waiting: 1 });
    const rows = await db(h).notification.findMany({ where: { personId: "megan", status: "failed" }, orderBy: { kind: "asc" } });
    expect(rows.map((r) => [r.kind, r.lastError])).toEqual([
      ["meeting_agenda", "no-conversation (http-403)"],
      ["meeting_reflection", "no-conversation (http-403)"],
    ]);
    expect(headlines(h, users.megan).filter((t) => PACK.includes(t!))).toEqual([]);
  });

  it("a card for someone who has not installed the bot waits from when it falls due, not from when it was planned", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    // Planned on the 11th, due Wednesday the 20th at 08:00 (three working days before the meeting).
    await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-25", time: "10:00" });
    h.clock.set("2027-01-20T08:00:00+01:00");
    expect(await h.deliver()).toEqual({ sent: 2, waiting: 2 });
    h.clock.set("2027-01-21T11:00:00+01:00");
    await h.install(users.megan);
    // The notice to Alex (due at 08:00, a working day after) finds her reachable: not sent.
    expect(await h.deliver()).toEqual({ sent: 2, cancelled: 1 });
    expect(headlines(h, users.megan).filter((t) => PACK.includes(t!))).toEqual(PACK);
  });
});
