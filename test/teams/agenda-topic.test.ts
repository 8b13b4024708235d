import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { cardText } from "../helpers/fake-connector.js";

/** «Punktet er tilføjet»: the answer says whose dagsorden changed only when they have one. */
describe("adding a topic tells the truth about the other participants' dagsorden", () => {
  let h: BotHarness;
  let meetingId = "";
  const db = () => h.bot.store.db;
  beforeAll(async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    await h.install(users.megan);
    await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-25", time: "10:00" });
    meetingId = (await db().meeting.findFirstOrThrow()).id;
  });
  afterAll(() => h.stop());

  it("before the pack: the other sees the topic when the dagsorden comes", async () => {
    const res = await h.click(users.megan, "agenda.addTopic", { meetingId, topic: "Vikardækning" });
    expect(cardText(res.card)).toContain("Punktet er tilføjet. Den anden deltager ser det, når dagsordenen kommer.");
    expect(cardText(res.card)).not.toContain("også opdateret");
    // Only Megan's own copy (the card her click replaced) is known; Alex has none yet.
    expect(await db().sentCard.count({ where: { subjectKind: "agenda", subjectId: meetingId, personId: { not: "megan" } } })).toBe(0);
  });

  it("once both hold the dagsorden: the other's copy is updated, and the answer says so", async () => {
    h.clock.set("2027-01-20T08:00:00+01:00"); // the pack's day: both get the dagsorden
    await h.deliver();
    expect([...new Set((await db().sentCard.findMany({ where: { subjectKind: "agenda", subjectId: meetingId }, select: { personId: true } })).map((r) => r.personId))].sort()).toEqual(["alex", "megan"]);
    const res = await h.click(users.megan, "agenda.addTopic", { meetingId, topic: "Forældresamarbejde" });
    expect(cardText(res.card)).toContain("Punktet er tilføjet. Den anden deltagers dagsorden er også opdateret.");
  });
});
