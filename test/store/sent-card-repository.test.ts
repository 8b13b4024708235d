import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SentCardCopy } from "../../src/domain/ports.js";
import { testStore } from "../helpers/test-db.js";

/** The posted cards kept up to date (src/teams/card-copies.ts), on a real database of this pass's kind. */
describe("sent card repository", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  beforeEach(async () => {
    t = await testStore({ org: false });
  });
  afterEach(() => t.close());

  const copy = (activityId: string, over: Partial<SentCardCopy> = {}): SentCardCopy => ({
    subjectKind: "tasks",
    subjectId: "megan",
    personId: "megan",
    conversationId: "c-megan",
    activityId,
    ...over,
  });
  const ids = async () => (await t.store.db.sentCard.findMany({ orderBy: { createdAt: "asc" } })).map((r) => r.activityId);
  const tick = () => new Promise((r) => setTimeout(r, 5)); // createdAt is the order copies were posted in

  it("a card a click replaced shows what the answer shows", async () => {
    await t.store.sentCards.record(copy("a1", { subjectKind: "agenda", subjectId: "m1", params: '{"pack":true}', fingerprint: "x" }));
    await t.store.sentCards.record(copy("a1", { subjectKind: "agenda", subjectId: "m1", fingerprint: "y" }));
    expect(await t.store.sentCards.list([{ subjectKind: "agenda", subjectIds: ["m1"] }])).toEqual([copy("a1", { subjectKind: "agenda", subjectId: "m1", fingerprint: "y" })]);
  });

  it("only the newest list per chat: a new one lets go of older ones; a click on an older one lets go of none newer", async () => {
    await t.store.sentCards.record(copy("l1"), { onlyLatest: true });
    await tick();
    await t.store.sentCards.record(copy("l2"), { onlyLatest: true });
    await t.store.sentCards.record(copy("other-chat", { conversationId: "c-other" }), { onlyLatest: true });
    expect(await ids()).toEqual(["l2", "other-chat"]);
    await tick();
    await t.store.sentCards.record(copy("l3"));
    await t.store.sentCards.record(copy("l2", { fingerprint: "answered" }), { onlyLatest: true });
    expect(await ids()).toEqual(["l2", "other-chat", "l3"]);
  });

  it("lists every kind asked for in one go, however many subjects", async () => {
    const many = Array.from({ length: 1200 }, (_, i) => `f${i}`);
    await t.store.sentCards.record(copy("f-first", { subjectKind: "followup", subjectId: "f0" }));
    await t.store.sentCards.record(copy("f-last", { subjectKind: "followup", subjectId: "f1199" }));
    await t.store.sentCards.record(copy("agenda", { subjectKind: "agenda", subjectId: "m1" }));
    await t.store.sentCards.record(copy("not-asked", { subjectKind: "referat", subjectId: "m1" }));
    const listed = await t.store.sentCards.list([
      { subjectKind: "followup", subjectIds: many },
      { subjectKind: "agenda", subjectIds: ["m1", "m1"] },
    ]);
    expect(listed.map((c) => c.activityId).sort()).toEqual(["agenda", "f-first", "f-last"]);
  });

  it("remembers what an update showed, and forgets a copy Teams no longer has", async () => {
    await t.store.sentCards.record(copy("a1", { fingerprint: "old" }));
    await t.store.sentCards.updated("c-megan", "a1", "new");
    expect((await t.store.sentCards.list([{ subjectKind: "tasks", subjectIds: ["megan"] }]))[0]!.fingerprint).toBe("new");
    await t.store.sentCards.forget("c-megan", "a1");
    expect(await ids()).toEqual([]);
  });
});
