import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { domainSettings } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { createDomainServices } from "../../src/domain/services.js";
import { ManualClock } from "../helpers/bot-harness.js";
import { testStore } from "../helpers/test-db.js";

describe("the channel's weekly digest moment", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  beforeEach(async () => {
    t = await testStore();
  });
  afterEach(() => t.close());
  const due = (env: Record<string, string>, iso: string) => {
    const clock = new ManualClock(new Date(iso));
    return createDomainServices(t.store, clock, domainSettings(loadConfig(env))).channels.digestDue(new Date(iso));
  };

  it("is Monday 08:00 by default, Tuesday when Monday is 2. påskedag, across DST", () => {
    expect(due({}, "2027-01-18T07:59:00+01:00")).toBeUndefined();
    expect(due({}, "2027-01-18T08:00:00+01:00")).toBe("2027-01-18");
    expect(due({}, "2027-01-22T15:00:00+01:00")).toBe("2027-01-18"); // later that week: still this week's
    expect(due({}, "2027-03-29T09:00:00+02:00")).toBeUndefined(); // 2. påskedag
    expect(due({}, "2027-03-30T08:00:00+02:00")).toBe("2027-03-30");
  });

  it("follows CHANNEL_DIGEST_DAY and CHANNEL_DIGEST_TIME", () => {
    const env = { CHANNEL_DIGEST_DAY: "3", CHANNEL_DIGEST_TIME: "09:30" };
    expect(due(env, "2027-01-18T10:00:00+01:00")).toBeUndefined(); // Monday
    expect(due(env, "2027-01-20T09:29:00+01:00")).toBeUndefined();
    expect(due(env, "2027-01-20T09:30:00+01:00")).toBe("2027-01-20");
    expect(() => loadConfig({ CHANNEL_DIGEST_DAY: "8" })).toThrow(/CHANNEL_DIGEST_DAY/);
    expect(() => loadConfig({ CHANNEL_DIGEST_TIME: "25:00" })).toThrow(/CHANNEL_DIGEST_TIME/);
  });
});
