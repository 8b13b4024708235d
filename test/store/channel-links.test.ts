import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testStore } from "../helpers/test-db.js";

/**
 * Two bot processes share one database: each claim is one conditional UPDATE, so whoever comes
 * second finds it taken. (Run one after the other here: two clients of the synchronous SQLite
 * driver in one test process block each other; test/scheduler/crash-restart.test.ts runs real
 * processes for the outbox.)
 */
describe("channel links on one database file shared by two bot processes", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  beforeEach(async () => {
    t = await testStore();
  });
  afterEach(() => t.close());
  const link = { id: "l1", conversationId: "19:c@thread.tacv2", teamId: "19:t@thread.tacv2", areaId: "midt", serviceUrl: "https://smba.example/", reference: {}, linkedById: "alex" };

  it("lets exactly one of them claim a week's digest and the first status post; a failed post gives the claim back", async () => {
    const a = t.store.channelLinks;
    const b = t.another().channelLinks;
    expect((await a.upsert(link)).created).toBe(true);
    expect((await b.upsert({ ...link, id: "l2" })).created).toBe(false); // the same channel and area
    expect([await a.claimDigest("l1", "2027-01-18"), await b.claimDigest("l1", "2027-01-18"), await a.claimDigest("l1", "2027-01-18")]).toEqual([true, false, false]);
    expect(await b.claimDigest("l1", "2027-01-25")).toBe(true); // next week
    await b.releaseDigest("l1", "2027-01-25", "2027-01-18");
    expect(await a.claimDigest("l1", "2027-01-25")).toBe(true);

    expect([await a.claimFirstPost("l1", undefined), await b.claimFirstPost("l1", undefined)]).toEqual([true, false]);
    await a.releaseFirstPost("l1");
    expect(await b.claimFirstPost("l1", undefined)).toBe(true);
    await b.setStatus("l1", "1:5", "abc");
    expect(await a.claimFirstPost("l1", undefined)).toBe(false); // a card is there
    expect(await a.claimFirstPost("l1", "1:5")).toBe(true); // replacing the one Teams lost
    expect(await b.removeTeam("19:t@thread.tacv2")).toBe(1);
    expect(await a.listAll()).toEqual([]);
  });
});
