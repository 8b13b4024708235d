import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { cardText } from "../helpers/fake-connector.js";

describe("install, greeting and conversation references", () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
  });
  afterAll(() => h.stop());

  it("greets a registered person once, in Danish, and stores how to reach them", async () => {
    const first = await h.install(users.megan);
    expect(first.status).toBe(200);
    expect(first.cards).toHaveLength(1);
    expect(cardText(first.cards[0])).toContain("Velkommen til Læringsloop");

    // Teams also sends conversationUpdate/membersAdded, and may deliver the install twice.
    const again = await h.install(users.megan);
    const added = await h.send(users.megan, h.activity("conversation-update-members-added", users.megan));
    expect(again.cards).toHaveLength(0);
    expect(added.cards).toHaveLength(0);

    const ref = await h.bot.store.db.conversationRef.findUniqueOrThrow({ where: { personId: "megan" } });
    expect(ref.active).toBe(true);
    expect(ref.conversationId).toBe(h.conversationId(users.megan));
    expect(ref.serviceUrl).toBe(h.connector.url);
    expect(ref.tenantId).toBe("6e1f2a8c-0b3d-4c5e-9f7a-1b2c3d4e5f60");
    expect(JSON.parse(ref.reference)).toMatchObject({ conversation: { id: h.conversationId(users.megan) }, user: { id: users.megan.mri } });
  });

  it("marks the reference inactive on uninstall, and active again on reinstall without a second greeting", async () => {
    await h.send(users.megan, h.activity("installation-update-remove", users.megan));
    expect((await h.bot.store.db.conversationRef.findUniqueOrThrow({ where: { personId: "megan" } })).active).toBe(false);
    const back = await h.install(users.megan);
    expect(back.cards).toHaveLength(0);
    expect((await h.bot.store.db.conversationRef.findUniqueOrThrow({ where: { personId: "megan" } })).active).toBe(true);
  });

  it("stores the reference on a first message when no install event arrived, and greets then", async () => {
    const res = await h.say(users.lars, "hjælp");
    expect(res.cards.map(cardText).join("\n")).toContain("Velkommen til Læringsloop");
    expect(cardText(res.cards.at(-1))).toContain("Det kan Læringsloop");
    expect(await h.bot.store.db.conversationRef.count({ where: { personId: "lars" } })).toBe(1);
  });

  it("tells a person who is not in the organisation file what to do, and stores nothing", async () => {
    const res = await h.install(users.stranger);
    expect(cardText(res.cards[0])).toContain("organisationsoversigt");
    expect(await h.bot.store.db.conversationRef.count({ where: { person: { aadObjectId: users.stranger.aadObjectId } } })).toBe(0);
  });
});
