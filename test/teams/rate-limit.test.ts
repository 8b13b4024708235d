import { afterEach, describe, expect, it } from "vitest";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { cardText } from "../helpers/fake-connector.js";
import { createRateLimit } from "../../src/lib/rate-limit.js";

describe("a person sending too much", () => {
  let h: BotHarness;
  afterEach(() => h.stop());

  it("is told to wait after their limit; everyone else is served meanwhile", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00", env: { USER_ACTIONS_PER_MINUTE: "5" } });
    await h.install(users.megan);
    await h.install(users.alex);
    const answers: string[] = [];
    for (let i = 0; i < 8; i++) answers.push(((await h.say(users.megan, "mine opgaver")).cards.map(cardText).join("\n")));
    expect(answers.slice(0, 5).every((a) => a.includes("Mine opgaver"))).toBe(true);
    expect(answers.slice(5).every((a) => a.includes("Du har sendt mange beskeder og klik på kort tid."))).toBe(true);
    const clicked = await h.click(users.megan, "tasks.open", {});
    expect(cardText(clicked.card)).toContain("Vent et minut");
    // Alex is not held up by Megan.
    expect((await h.say(users.alex, "mine opgaver")).cards.map(cardText).join("\n")).toContain("Mine opgaver");
  });
});

describe("the sliding window", () => {
  it("allows `limit` hits per window and forgets them as the window moves", () => {
    const limit = createRateLimit(3, 60_000);
    expect([0, 1, 2, 3].map((t) => limit.allow("a", t))).toEqual([true, true, true, false]);
    expect(limit.allow("b", 3)).toBe(true);
    expect(limit.allow("a", 59_999)).toBe(false);
    expect(limit.allow("a", 60_000)).toBe(true); // the first hit left the window
    expect(() => createRateLimit(0, 1000)).toThrow(RangeError);
  });

  it("counts exactly at any size: a full window refuses, each hit that leaves lets one in", () => {
    const limit = createRateLimit(1000, 1000);
    for (let t = 0; t < 1000; t++) expect(limit.allow("a", t)).toBe(true);
    expect(limit.allow("a", 999)).toBe(false);
    // From here on, each millisecond one hit leaves and one comes: never one more.
    for (let t = 1000; t < 5000; t++) {
      expect(limit.allow("a", t)).toBe(true);
      expect(limit.allow("a", t)).toBe(false);
    }
    // A quiet window forgets them all.
    for (let i = 0; i < 1000; i++) expect(limit.allow("a", 6000 + i / 10)).toBe(true);
    expect(limit.allow("a", 6100)).toBe(false);
  });

  it("never counts fewer when the clock steps back", () => {
    const limit = createRateLimit(2, 1000);
    expect(limit.allow("a", 5000)).toBe(true);
    expect(limit.allow("a", 4000)).toBe(true); // the clock went back a second
    expect(limit.allow("a", 5500)).toBe(false); // both are still counted
    expect(limit.allow("a", 6000)).toBe(true); // both left
  });
});
