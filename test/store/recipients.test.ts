import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testStore } from "../helpers/test-db.js";

/** What the outbox reads for a whole claim together (decision 0007): the same as one person at a time. */
describe("a claim's people read together (getMany)", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  beforeEach(async () => {
    t = await testStore();
  });
  afterEach(() => t.close());

  const ref = (personId: string) => ({
    personId,
    conversationId: `a:personal-${personId}`,
    serviceUrl: "https://smba.trafficmanager.net/emea/",
    tenantId: "tenant-1",
    reference: { conversation: { id: `a:personal-${personId}` }, user: { id: `29:${personId}` } },
  });

  it("gives each person's conversation reference as get does, and none for a person without one", async () => {
    await t.store.conversations.save(ref("megan"));
    await t.store.conversations.save(ref("alex"));
    await t.store.conversations.markInactive("alex", "http-403", new Date("2027-01-20T08:00:00Z"));
    const many = await t.store.conversations.getMany(["megan", "alex", "nobody", "megan"]);
    expect([...many.keys()].sort()).toEqual(["alex", "megan"]);
    expect(many.get("megan")).toEqual(await t.store.conversations.get("megan"));
    expect(many.get("alex")).toEqual(await t.store.conversations.get("alex"));
    expect(many.get("alex")).toMatchObject({ active: false, inactiveReason: "http-403" });
    expect(await t.store.conversations.getMany([])).toEqual(new Map());
  });

  it("gives every person's preferences as get does, the defaults for those without any", async () => {
    await t.store.preferences.save("megan", { muted: ["overdue", "dueSoon"], absentUntil: "2027-02-01", digestTime: "08:30" });
    const many = await t.store.preferences.getMany(["megan", "alex"]);
    expect([...many.keys()].sort()).toEqual(["alex", "megan"]);
    expect(many.get("megan")).toEqual(await t.store.preferences.get("megan"));
    expect(many.get("megan")).toMatchObject({ muted: ["dueSoon", "overdue"], absentUntil: "2027-02-01" });
    expect(many.get("alex")).toEqual(await t.store.preferences.get("alex"));
  });
});
