import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testStore } from "../helpers/test-db.js";

/** The person behind a turn, read by their Entra object id (one raw statement on every turn). */
describe("people repository: byAadObjectId", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  beforeEach(async () => {
    t = await testStore();
  });
  afterEach(() => t.close());

  it("reads a person as byId does: active or not, with phone and origin, or nobody", async () => {
    await t.store.db.person.create({ data: { id: "gone", aadObjectId: "aad-gone", name: "Fratrådt", email: "gone@example.dk", active: false } });
    await t.store.db.person.create({ data: { id: "guest", aadObjectId: "aad-guest", name: "Gæst Ø. Åberg", phone: "+45 12 34 56 78", origin: "guest" } });
    const megan = (await t.store.people.byId("megan"))!;
    expect(megan.aadObjectId).toBeTruthy();
    for (const id of ["megan", "gone", "guest"]) {
      const byId = (await t.store.people.byId(id))!;
      expect(await t.store.people.byAadObjectId(byId.aadObjectId!), id).toEqual(byId);
    }
    expect((await t.store.people.byAadObjectId("aad-gone"))!.active).toBe(false);
    expect((await t.store.people.byAadObjectId("aad-guest"))!).toMatchObject({ phone: "+45 12 34 56 78", origin: "guest", active: true });
    expect(await t.store.people.byAadObjectId("no-such")).toBeUndefined();
  });
});
