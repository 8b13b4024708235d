import { afterEach, describe, expect, it } from "vitest";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { cardText } from "../helpers/fake-connector.js";
import { meetingWithFollowUp } from "../helpers/flows.js";

const dueReminders = (h: BotHarness) =>
  h.connector.cards(h.conversationId(users.megan)).filter((c) => cardText(c).includes("Påmindelse: fristen"));

describe("the due-date reminder", () => {
  let h: BotHarness;
  afterEach(() => h.stop());

  it("is sent once on the due date in working hours, and not again after a restart", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    await h.install(users.megan);
    await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-20" });
    await h.deliver(); // the assignment card and meeting packs go now
    expect(dueReminders(h)).toHaveLength(0);

    h.clock.set("2027-01-20T07:59:00+01:00");
    await h.deliver();
    expect(dueReminders(h)).toHaveLength(0); // before the working day starts

    h.clock.set("2027-01-20T08:00:00+01:00");
    expect(await h.deliver()).toEqual({ sent: 1 });
    expect(cardText(dueReminders(h)[0])).toContain("Påmindelse: fristen er i dag");

    await h.restart();
    h.clock.set("2027-01-20T08:05:00+01:00");
    expect(await h.deliver()).toEqual({});
    h.clock.set("2027-01-21T10:00:00+01:00");
    expect(await h.deliver()).toEqual({});
    expect(dueReminders(h)).toHaveLength(1);
    expect(await h.bot.store.db.notification.count({ where: { kind: "followup_due", status: "sent" } })).toBe(1);
  });

  it("survives a crash mid-send: a row claimed but not marked is retried after its lease, once", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    await h.install(users.megan);
    const { followUpId } = await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-20" });
    await h.deliver();
    // A worker claims the row and dies before sending (the process is killed).
    h.clock.set("2027-01-20T08:00:00+01:00");
    const claimed = await h.bot.store.notifications.claimDue(h.clock.now(), 60_000, 10);
    expect(claimed.map((c) => c.subjectId)).toEqual([followUpId]);
    await h.restart();
    expect(await h.deliver()).toEqual({}); // still leased
    h.clock.set("2027-01-20T08:01:01+01:00");
    expect(await h.deliver()).toEqual({ sent: 1 });
    expect(await h.deliver()).toEqual({});
    expect(dueReminders(h)).toHaveLength(1);
  });

  it("waits for Monday when the due date is a Saturday, and follows a postponed date", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    await h.install(users.megan);
    const { followUpId } = await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-23" });
    await h.deliver();
    const row = await h.bot.store.db.notification.findFirstOrThrow({ where: { kind: "followup_due" } });
    expect(row.dueAt.toISOString()).toBe("2027-01-25T07:00:00.000Z"); // Monday 08:00 CET

    const fu = await h.bot.store.db.followUp.findUniqueOrThrow({ where: { id: followUpId } });
    const res = await h.click(users.megan, "followup.postpone", { followUpId, version: fu.version, newDueDate: "2027-02-03" });
    expect(cardText(res.card)).toContain("Fristen er flyttet til 03.02.2027.");
    const rows = await h.bot.store.db.notification.findMany({ where: { kind: "followup_due" }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.status)).toEqual(["cancelled", "pending"]);
    expect(rows[1]!.dueAt.toISOString()).toBe("2027-02-03T07:00:00.000Z");

    h.clock.set("2027-01-25T09:00:00+01:00");
    expect(await h.deliver()).toEqual({});
    h.clock.set("2027-02-03T09:00:00+01:00");
    expect(await h.deliver()).toEqual({ sent: 1 });
  });

  it("is not sent for a follow-up done before its date", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    await h.install(users.megan);
    const { followUpId } = await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-20" });
    await h.deliver();
    const fu = await h.bot.store.db.followUp.findUniqueOrThrow({ where: { id: followUpId } });
    await h.click(users.megan, "followup.done", { followUpId, version: fu.version });
    h.clock.set("2027-01-20T09:00:00+01:00");
    expect(await h.deliver()).toEqual({});
    expect(dueReminders(h)).toHaveLength(0);
  });
});

describe("a leader who installs the bot after their meeting pack was due", () => {
  it("gets it as soon as they install, not an hour later", async () => {
    const h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    try {
      await h.install(users.alex);
      await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-12", time: "10:00" });
      expect(await h.deliver()).toEqual({ sent: 2, waiting: 2 }); // Alex has the bot, Megan not yet
      h.clock.set("2027-01-11T09:05:00+01:00");
      await h.install(users.megan);
      expect(await h.deliver()).toEqual({ sent: 2 });
      expect(h.connector.cards(h.conversationId(users.megan)).some((c) => cardText(c).includes("Dagsorden: 1:1 ledelsesopfølgning"))).toBe(true);
    } finally {
      await h.stop();
    }
  });
});

describe("delivery failures", () => {
  it("retries a transient failure even after hours of waiting for the person to install the bot", async () => {
    const h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    try {
      await h.install(users.alex);
      await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-14", time: "10:00" });
      for (let hour = 0; hour < 6; hour++) {
        h.clock.set(new Date(Date.parse("2027-01-11T09:00:00+01:00") + hour * 3_600_000 + 1000).toISOString());
        await h.deliver();
      }
      await h.install(users.megan);
      h.connector.failNext.push({ status: 412 });
      expect(await h.deliver()).toMatchObject({ retry: 1, sent: 1 });
      const row = await h.bot.store.db.notification.findFirstOrThrow({ where: { personId: "megan", status: "pending" } });
      expect(row.attempts).toBe(1); // the hours of waiting did not count
      h.clock.set("2027-01-11T14:10:00+01:00");
      expect(await h.deliver()).toEqual({ sent: 1 });
    } finally {
      await h.stop();
    }
  });

  it("sends each card of a meeting pack once, even when one of them fails first", async () => {
    const h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    try {
      await h.install(users.alex);
      await h.install(users.megan);
      await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-12", time: "10:00" });
      // The second card is refused once with 412 (botbuilder retries 429 and 5xx itself; a 412
      // reaches the outbox, which tries again later).
      let posts = 0;
      h.connector.beforePost = () => (++posts === 2 ? { status: 412 } : undefined);
      expect(await h.deliver()).toEqual({ sent: 3, retry: 1 });
      expect(await h.deliver()).toEqual({}); // not before its backoff
      h.clock.set("2027-01-11T09:00:31+01:00");
      expect(await h.deliver()).toEqual({ sent: 1 });
      for (const u of [users.alex, users.megan]) {
        const cards = h.connector.cards(h.conversationId(u)).map(cardText);
        expect(cards.filter((t) => t.includes("Dagsorden: 1:1 ledelsesopfølgning"))).toHaveLength(1);
        expect(cards.filter((t) => t.includes("Refleksionsguide: 1:1 ledelsesopfølgning"))).toHaveLength(1);
      }
    } finally {
      await h.stop();
    }
  });

  it("marks the conversation inactive on 403 and does not retry", async () => {
    const h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    try {
      await h.install(users.alex);
      await h.install(users.megan);
      await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-20" });
      await h.deliver();
      h.clock.set("2027-01-20T08:00:00+01:00");
      h.connector.failNext.push({ status: 403 });
      expect(await h.deliver()).toEqual({ failed: 1 });
      expect((await h.bot.store.db.conversationRef.findUniqueOrThrow({ where: { personId: "megan" } })).active).toBe(false);
      expect(await h.bot.store.db.notification.findFirstOrThrow({ where: { kind: "followup_due" } })).toMatchObject({ status: "failed", lastError: "http-403" });
    } finally {
      await h.stop();
    }
  });
});
