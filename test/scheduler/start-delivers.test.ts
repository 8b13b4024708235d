import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { cardText } from "../helpers/fake-connector.js";

/**
 * A bot that starts (after a deploy, a restart, a crash) sends what fell due while no process ran
 * at once, not at the outbox's next tick: by default a minute later, and here never (the harness's
 * crons do not fire during a test), so only the start can have sent it.
 */
describe("the outbox at start", () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await BotHarness.start({ now: "2027-03-10T09:00:00+01:00", scheduler: true });
    await h.install(users.alex);
  });
  afterAll(() => h.stop());

  const congestionCards = () => h.connector.cards(h.conversationId(users.alex)).filter((c) => /Kastanjen/.test(cardText(c)));

  it("sends a card that fell due while the bot was down as soon as it is ready", async () => {
    // Planned straight into the outbox, as rows stand when a process dies with cards due: no
    // change in this process kicks the outbox, and its cron never fires.
    const now = h.clock.now();
    await h.bot.store.notifications.plan([{ key: "unit_congested:kastanjen:alex:start", kind: "unit_congested", personId: "alex", subjectId: "kastanjen", dueAt: now, immediate: true }], now);
    await h.bot.settled();
    expect(congestionCards()).toHaveLength(0);

    await h.restart();
    await h.bot.settled();
    expect(congestionCards()).toHaveLength(1);
    expect(await h.bot.store.db.notification.findFirstOrThrow({ where: { key: "unit_congested:kastanjen:alex:start" }, select: { status: true } })).toEqual({ status: "sent" });
  });
});
