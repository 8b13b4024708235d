import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { cardText, findActions } from "../helpers/fake-connector.js";
import { meetingWithFollowUp } from "../helpers/flows.js";

describe("follow-up buttons: Udført, Udsæt, Kommentér, Genåbn", () => {
  let h: BotHarness;
  let followUpId = "";
  const version = async () => (await h.bot.store.db.followUp.findUniqueOrThrow({ where: { id: followUpId } })).version;
  const status = async () => (await h.bot.store.db.followUp.findUniqueOrThrow({ where: { id: followUpId } })).status;

  beforeAll(async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    await h.install(users.megan);
    ({ followUpId } = await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-20", text: "Plan for overgange" }));
  });
  afterAll(() => h.stop());

  it("refuses someone who is neither owner nor chair, and changes nothing", async () => {
    const res = await h.click(users.lars, "followup.done", { followUpId, version: await version() });
    expect(cardText(res.card)).toContain("Kun den ansvarlige eller Børn og Unge-chefen");
    const postpone = await h.click(users.lars, "followup.postpone", { followUpId, version: await version(), newDueDate: "2027-03-01" });
    expect(cardText(postpone.card)).toContain("Kun den ansvarlige eller Børn og Unge-chefen");
    expect(await status()).toBe("open");
    expect(await h.bot.store.db.followUpEvent.count({ where: { followUpId, actorId: "lars" } })).toBe(0);
  });

  it("validates a postponement and keeps the date on a bad one", async () => {
    const earlier = await h.click(users.megan, "followup.postpone", { followUpId, version: await version(), newDueDate: "2027-01-15" });
    expect(cardText(earlier.card)).toContain("Den nye frist skal ligge efter den nuværende");
    const nonsense = await h.click(users.megan, "followup.postpone", { followUpId, version: await version(), newDueDate: "2027-02-30" });
    expect(cardText(nonsense.card)).toContain("Angiv en gyldig dato.");
    expect((await h.bot.store.db.followUp.findUniqueOrThrow({ where: { id: followUpId } })).dueDate).toBe("2027-01-20");
  });

  it("postpones from «mine opgaver», where each item's inputs have their own names", async () => {
    const list = await h.say(users.megan, "mine opgaver");
    const action = findActions(list.cards[0], "followup.postpone")[0]!;
    expect(action.data.dueInput).toBe("newDueDate_0");
    const res = await h.click(users.megan, "followup.postpone", { ...action.data, newDueDate_0: "2027-01-27" });
    expect(cardText(res.card)).toContain("Fristen er flyttet til 27.01.2027.");
    expect(cardText(res.card)).toContain("Mine opgaver");
    const history = await h.bot.store.db.followUpEvent.findMany({ where: { followUpId, kind: "postponed" } });
    expect(history.map((e) => JSON.parse(e.data))).toEqual([{ from: "2027-01-20", to: "2027-01-27" }]);
  });

  it("keeps comments, rejects empty ones, and shows them on the card", async () => {
    const empty = await h.click(users.megan, "followup.comment", { followUpId, version: await version(), comment: "  " });
    expect(cardText(empty.card)).toContain("Skriv en kommentar.");
    const res = await h.click(users.megan, "followup.comment", { followUpId, version: await version(), comment: "Første samtaler er holdt <b>i dag</b>." });
    expect(cardText(res.card)).toContain("Kommentaren er gemt.");
    expect(cardText(res.card)).toContain("Megan Bowen, 11.01.2027: Første samtaler er holdt <b>i dag</b>.");
  });

  it("lets the chair mark it done and the owner reopen it", async () => {
    const done = await h.click(users.alex, "followup.done", { followUpId, version: await version() });
    expect(cardText(done.card)).toContain("Udført 11.01.2027");
    expect(await status()).toBe("done");
    const reopened = await h.click(users.megan, "followup.reopen", { followUpId, version: await version() });
    expect(cardText(reopened.card)).toContain("Opfølgningspunktet er åbnet igen.");
    expect(await status()).toBe("open");
    const kinds = (await h.bot.store.db.followUpEvent.findMany({ where: { followUpId }, orderBy: { at: "asc" } })).map((e) => e.kind);
    expect(kinds).toEqual(["created", "postponed", "commented", "done", "reopened"]);
  });

  it("answers malformed card data with a Danish card, never a server error", async () => {
    for (const data of [{}, { followUpId }, { followUpId, version: "abc" }, { followUpId: 42, version: 1 }, { followUpId: "x".repeat(500), version: 1 }]) {
      const res = await h.click(users.megan, "followup.done", data as Record<string, unknown>);
      expect(res.status).toBe(200);
      expect(cardText(res.card)).toContain("Kortet kunne ikke læses");
    }
    const unknown = await h.click(users.megan, "followup.done", { followUpId: "does-not-exist", version: 1 });
    expect(cardText(unknown.card)).toContain("findes ikke længere");
    expect(await status()).toBe("open");
  });
});
