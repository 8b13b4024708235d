import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotHarness, users, type User } from "../helpers/bot-harness.js";
import { botWithSolsikkenConfirmed } from "../helpers/confirmed-loop.js";
import { cardsOf, cardText, findAction, submitted, type Posted } from "../helpers/fake-connector.js";
import { strings } from "../../src/lib/strings.da.js";

/**
 * Approving the referat through the bot (issue 22 point 6; docs/decisions/0027-referat-approval.md):
 * Solsikken's first læringssamtale, chaired by Alex, with Megan (the unit's leader) among the
 * participants; and a 1:1 between Alex and Megan, asked only with REFERAT_APPROVAL_ONE_TO_ONE.
 */

type Card = Record<string, unknown>;
const a = strings.referatApproval;

/** The newest card posted to the user's chat whose text contains `text`, with where it was posted. */
function lastPosted(h: BotHarness, user: User, text: string): { card: Card; activityId: string } {
  const found = [...h.connector.posted]
    .reverse()
    .find((p: Posted) => p.conversationId === h.conversationId(user) && cardText(p.activity).includes(text));
  if (!found) throw new Error(`no card with «${text}» posted to ${user.name}`);
  return { card: cardsOf(found.activity)[0]!, activityId: found.activityId };
}

/** The chair closes the meeting after it was held; the outbox delivers the referat. */
async function close(h: BotHarness, meetingId: string, chair: User, decision = "Vi laver en plan for overgange"): Promise<void> {
  const m = await h.bot.store.db.meeting.findUniqueOrThrow({ where: { id: meetingId } });
  if (h.clock.now() < m.startsAt) h.clock.set(new Date(m.startsAt.getTime() + 3 * 3_600_000).toISOString());
  const form = (await h.click(chair, "form.open", { meetingId, from: "meetings" })).posted[0]!;
  const closed = await h.click(chair, "form.close", submitted(form, "form.close", { decision_0: decision, confirmed: true }));
  expect(cardText(closed.card)).toContain("Mødet er afsluttet");
  await h.deliver();
  await h.bot.settled();
}

describe("a læringssamtale's referat: approved by its participants but the chair", () => {
  let h: BotHarness;
  let meetingId: string;
  beforeAll(async () => {
    h = await botWithSolsikkenConfirmed();
    meetingId = (await h.bot.store.db.meeting.findFirstOrThrow({ where: { unitId: "solsikken", kind: "laeringssamtale" }, orderBy: { startsAt: "asc" } })).id;
    await close(h, meetingId, users.alex);
  });
  afterAll(() => h.stop());

  it("Megan's referat offers «Godkend referat» and «Bemærkning til referatet»; the chair's copy shows who is missing, without the buttons", async () => {
    const megan = lastPosted(h, users.megan, "Referat: ");
    expect(findAction(megan.card, "referat.approve")?.data).toMatchObject({ meetingId, referatVersion: 1 });
    expect(findAction(megan.card, "referat.remark")).toBeDefined();
    expect(cardText(megan.card)).toContain("Ingen har godkendt referatet endnu · mangler: ");
    expect(cardText(megan.card)).toContain("Megan Bowen");
    const alex = lastPosted(h, users.alex, "Referat: ");
    expect(findAction(alex.card, "referat.approve")).toBeUndefined();
    expect(findAction(alex.card, "referat.remark")).toBeUndefined();
    expect(cardText(alex.card)).toMatch(/mangler: .*Megan Bowen/);
  });

  it("approving: her copy says when; the chair's copy shows it; twice is once", async () => {
    const megan = lastPosted(h, users.megan, "Referat: ");
    const updatesBefore = h.connector.updated.length;
    const res = await h.click(users.megan, "referat.approve", findAction(megan.card, "referat.approve")!.data, { replyToId: megan.activityId });
    await h.bot.settled();
    expect(cardText(res.card)).toContain(a.approvedNow);
    expect(cardText(res.card)).toMatch(/Du godkendte referatet \d{1,2}\.\d{1,2}\.\d{4} kl\. \d\d\.\d\d\./);
    expect(findAction(res.card, "referat.approve")).toBeUndefined();
    expect(findAction(res.card, "referat.remark")).toBeDefined();
    // The chair's copy of the referat follows (decision 0009): «Godkendt af Megan Bowen 23.11.2026 …».
    const alexCopy = lastPosted(h, users.alex, "Referat: ").activityId;
    const update = h.connector.updated.slice(updatesBefore).find((u) => u.activityId === alexCopy);
    expect(update && cardText(update.activity)).toMatch(/Godkendt af Megan Bowen \d{1,2}\.\d{1,2}\.\d{4}/);

    const again = await h.click(users.megan, "referat.approve", { meetingId, referatVersion: 1 }, { replyToId: megan.activityId });
    expect(cardText(again.card)).toContain(a.alreadyApproved);
    expect(await h.bot.store.db.referatApproval.count({ where: { meetingId } })).toBe(1);
  });

  it("an empty remark is refused in the card, in Danish; a remark reaches the chair through the outbox, as text, with «Genåbn mødet»", async () => {
    const megan = lastPosted(h, users.megan, "Referat: ");
    const empty = await h.click(users.megan, "referat.remark", { ...findAction(megan.card, "referat.remark")!.data, remark: "   " }, { replyToId: megan.activityId });
    expect(cardText(empty.card)).toContain(a.remarkRequired);
    const long = "x".repeat(5000);
    const tooLong = await h.click(users.megan, "referat.remark", { meetingId, referatVersion: 1, remark: long }, { replyToId: megan.activityId });
    expect(cardText(tooLong.card)).toContain("Teksten er 5.000 tegn");
    expect(cardText(tooLong.card)).toContain(long); // what was typed is kept
    expect(await h.bot.store.db.referatRemark.count()).toBe(0);

    const text = "Under punkt 2 mangler **fristen**";
    const sent = await h.click(users.megan, "referat.remark", { meetingId, referatVersion: 1, remark: text }, { replyToId: megan.activityId });
    expect(cardText(sent.card)).toContain(a.remarkSent);
    await h.deliver();
    const card = lastPosted(h, users.alex, a.remarkTitle).card;
    expect(JSON.stringify(card)).toContain("Under punkt 2 mangler \\\\*\\\\*fristen\\\\*\\\\*"); // shown as text, not Markdown
    expect(cardText(card)).toContain("Megan Bowen har en bemærkning til referatet");
    expect(findAction(card, "meeting.reopen")?.data).toMatchObject({ meetingId, referatVersion: 1, from: "remark" });
    // «Se referatet»: the referat is posted beside it and the remark card comes back (its text stays in the chat).
    const remarkCard = lastPosted(h, users.alex, a.remarkTitle);
    const open = findAction(remarkCard.card, "referat.open")!;
    expect(open.data).toMatchObject({ meetingId, from: "remark" });
    const opened = await h.click(users.alex, "referat.open", open.data, { replyToId: remarkCard.activityId });
    expect(cardText(opened.card)).toContain(a.remarkTitle);
    expect(cardText(opened.card)).toContain("Under punkt 2 mangler");
    expect(opened.posted).toHaveLength(1);
    expect(cardText(opened.posted[0]!)).toContain("Referat: ");
    // Sent twice (the same click delivered again): once.
    await h.click(users.megan, "referat.remark", { meetingId, referatVersion: 1, remark: text });
    expect(await h.bot.store.db.notification.count({ where: { kind: "referat_remark" } })).toBe(1);
  });

  it("the chair corrects from the remark (the existing reopening), closes again: a new version is asked again; the old one is refused politely", async () => {
    const remark = lastPosted(h, users.alex, a.remarkTitle);
    const reopened = await h.click(users.alex, "meeting.reopen", findAction(remark.card, "meeting.reopen")!.data, { replyToId: remark.activityId });
    expect(cardText(reopened.card)).toContain(a.remarkReopened);
    expect(cardText(reopened.card)).toContain("Under punkt 2 mangler");
    const form = reopened.posted[0]!;
    expect(cardText(form)).toContain("Mødet er genåbnet");
    const closed = await h.click(users.alex, "form.close", submitted(form, "form.close", { decision_0: "Vi laver en plan for overgange inden 1. april", confirmed: true }));
    expect(cardText(closed.card)).toContain("afsluttet");
    await h.deliver();
    await h.bot.settled();

    const corrected = lastPosted(h, users.megan, "Rettet referat");
    expect(findAction(corrected.card, "referat.approve")?.data).toMatchObject({ referatVersion: 2 });
    expect(cardText(corrected.card)).not.toContain("Du godkendte referatet");
    const old = await h.click(users.megan, "referat.approve", { meetingId, referatVersion: 1 });
    expect(cardText(old.card)).toContain(a.superseded);
    // A remark typed into the old version is refused the same way, and kept in the new one's field.
    const oldRemark = await h.click(users.megan, "referat.remark", { meetingId, referatVersion: 1, remark: "Stadig forkert" });
    expect(cardText(oldRemark.card)).toContain(a.superseded);
    expect(findAction(oldRemark.card, "referat.remark")?.data).toMatchObject({ referatVersion: 2 });
    expect(cardText(oldRemark.card)).toContain("Stadig forkert");
    const ok = await h.click(users.megan, "referat.approve", findAction(corrected.card, "referat.approve")!.data, { replyToId: corrected.activityId });
    expect(cardText(ok.card)).toContain("Du godkendte referatet");
    // The history keeps who approved which version, and the remark.
    const approvals = await h.bot.store.db.referatApproval.findMany({ where: { meetingId }, orderBy: { version: "asc" } });
    expect(approvals.map((x) => [x.personId, x.version])).toEqual([
      ["megan", 1],
      ["megan", 2],
    ]);
    expect((await h.bot.store.db.referatRemark.findMany()).map((r) => r.version)).toEqual([1]);
  });
});

describe("two people's copies with the same message id (ids are unique only per conversation)", () => {
  it("the click's own copy is left to its answer; the other person's copy with the same id is still refreshed", async () => {
    const h = await botWithSolsikkenConfirmed();
    try {
      const meetingId = (await h.bot.store.db.meeting.findFirstOrThrow({ where: { unitId: "solsikken", kind: "laeringssamtale" }, orderBy: { startsAt: "asc" } })).id;
      await close(h, meetingId, users.alex);
      const alexCopy = lastPosted(h, users.alex, "Referat: ");
      const megan = lastPosted(h, users.megan, "Referat: ");
      // Teams (and the Playground) number messages by the millisecond: Megan's copy may carry Alex's copy's id.
      const before = h.connector.updated.length;
      await h.click(users.megan, "referat.approve", findAction(megan.card, "referat.approve")!.data, { replyToId: alexCopy.activityId });
      await h.bot.settled();
      const update = h.connector.updated.slice(before).find((u) => u.activityId === alexCopy.activityId && u.conversationId === h.conversationId(users.alex));
      expect(update && cardText(update.activity)).toContain("Godkendt af Megan Bowen");
    } finally {
      await h.stop();
    }
  });
});

describe("a referat closed before referat approval was introduced", () => {
  it("shows no approval line and no buttons, and an approval is refused politely", async () => {
    const h = await botWithSolsikkenConfirmed();
    try {
      const meetingId = (await h.bot.store.db.meeting.findFirstOrThrow({ where: { unitId: "solsikken", kind: "laeringssamtale" }, orderBy: { startsAt: "asc" } })).id;
      await close(h, meetingId, users.alex);
      // What the migration 20261217110000 writes for a meeting closed before it.
      await h.bot.store.db.referatApprovalStart.create({ data: { meetingId, fromVersion: 2 } });
      const opened = await h.click(users.megan, "referat.open", { meetingId, from: "meetings" });
      const card = opened.posted[0]!;
      expect(cardText(card)).toContain("Referat: ");
      expect(findAction(card, "referat.approve")).toBeUndefined();
      expect(findAction(card, "referat.remark")).toBeUndefined();
      expect(cardText(card)).not.toContain("mangler:");
      const refused = await h.click(users.megan, "referat.approve", { meetingId, referatVersion: 1 });
      expect(cardText(refused.card)).toContain(a.notAsked);
      expect(await h.bot.store.db.referatApproval.count({ where: { meetingId } })).toBe(0);
    } finally {
      await h.stop();
    }
  });
});

describe("a 1:1's referat", () => {
  for (const [setting, asked] of [
    ["false", false],
    ["true", true],
  ] as const) {
    it(`REFERAT_APPROVAL_ONE_TO_ONE=${setting}: the leader is ${asked ? "" : "not "}asked`, async () => {
      const h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00", env: { REFERAT_APPROVAL_ONE_TO_ONE: setting } });
      try {
        await h.install(users.alex);
        await h.install(users.megan);
        const res = await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-13", time: "10:00" });
        expect(cardText(res.card)).toContain("er planlagt");
        const m = await h.bot.store.db.meeting.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
        h.clock.set("2027-01-13T11:30:00+01:00");
        await close(h, m.id, users.alex);
        const megan = lastPosted(h, users.megan, "Referat: ");
        expect(findAction(megan.card, "referat.approve") !== undefined).toBe(asked);
        if (asked) {
          expect(cardText(megan.card)).toContain("mangler: Megan Bowen");
          const ok = await h.click(users.megan, "referat.approve", findAction(megan.card, "referat.approve")!.data, { replyToId: megan.activityId });
          expect(cardText(ok.card)).toContain("Godkendt af Megan Bowen");
        } else {
          expect(cardText(megan.card)).not.toContain("Godkendt");
          expect(cardText(megan.card)).not.toContain("mangler:");
          const refused = await h.click(users.megan, "referat.approve", { meetingId: m.id, referatVersion: 1 });
          expect(cardText(refused.card)).toContain(a.notAsked);
        }
      } finally {
        await h.stop();
      }
    });
  }
});
