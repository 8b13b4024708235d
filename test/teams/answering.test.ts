import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { cardText } from "../helpers/fake-connector.js";
import { meetingWithFollowUp } from "../helpers/flows.js";

/**
 * What one turn reads and writes on the paths people use most (the benchmark's «Answering
 * people»): the person is read once per turn, and «Udført» keeps every guarantee while it writes
 * less.
 */
describe("answering people: one turn's reads and writes", () => {
  let h: BotHarness;
  const db = () => h.bot.store.db;
  beforeEach(async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    await h.install(users.megan);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    return h.stop();
  });

  it("reads the person once per turn, for a message (the conversation is stored too) and for a click", async () => {
    const { followUpId } = await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-20" });
    const lookups = vi.spyOn(h.bot.store.people, "byAadObjectId");
    const tasks = await h.say(users.megan, "mine opgaver");
    expect(cardText(tasks.cards[0])).toContain("Opfølgning");
    expect(lookups).toHaveBeenCalledTimes(1);
    lookups.mockClear();
    await h.say(users.alex, "hjælp");
    expect(lookups).toHaveBeenCalledTimes(1);
    lookups.mockClear();
    const done = await h.click(users.megan, "followup.done", { followUpId, version: 1 });
    expect(cardText(done.card)).toContain("udført");
    expect(lookups).toHaveBeenCalledTimes(1);
  });
});
