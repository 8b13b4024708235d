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
    // One row, written in one raw statement: its time as the model API reads it, kept when the copy is replaced.
    const rows = await t.store.db.sentCard.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.createdAt).toBeInstanceOf(Date);
    expect(Math.abs(rows[0]!.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    const first = rows[0]!.createdAt.getTime();
    await tick();
    await t.store.sentCards.record(copy("a1", { subjectKind: "agenda", subjectId: "m1", fingerprint: "z" }));
    expect((await t.store.db.sentCard.findFirstOrThrow()).createdAt.getTime()).toBe(first);
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

  it("lists as the model API does, in the order copies were posted, rows written before this release among them", async () => {
    // A row as the model API wrote it (databases from before the raw statement), then newer ones.
    await t.store.db.sentCard.create({ data: { subjectKind: "agenda", subjectId: "m1", personId: "alex", conversationId: "c-alex", activityId: "old", params: '{"pack":true}' } });
    await tick();
    await t.store.sentCards.record(copy("new", { subjectKind: "agenda", subjectId: "m1", fingerprint: "f" }));
    await tick();
    await t.store.sentCards.record(copy("newest", { subjectKind: "followup", subjectId: "f1" }));
    const wanted = [
      { subjectKind: "agenda", subjectIds: ["m1"] },
      { subjectKind: "followup", subjectIds: ["f1", "f2"] },
    ];
    const byModel = await t.store.db.sentCard.findMany({
      where: { OR: wanted.map((w) => ({ subjectKind: w.subjectKind, subjectId: { in: w.subjectIds } })) },
      orderBy: { createdAt: "asc" },
    });
    const listed = await t.store.sentCards.list(wanted);
    expect(listed.map((c) => c.activityId)).toEqual(["old", "new", "newest"]);
    expect(listed).toEqual(byModel.map(({ id: _id, createdAt: _at, params, fingerprint, ...r }) => ({ ...r, params: params ?? undefined, fingerprint: fingerprint ?? undefined })));
  });

  it("remembers what an update showed, and forgets a copy Teams no longer has", async () => {
    await t.store.sentCards.record(copy("a1", { fingerprint: "old" }));
    await t.store.sentCards.updated("c-megan", "a1", "new");
    expect((await t.store.sentCards.list([{ subjectKind: "tasks", subjectIds: ["megan"] }]))[0]!.fingerprint).toBe("new");
    await t.store.sentCards.forget("c-megan", "a1");
    expect(await ids()).toEqual([]);
  });
});
