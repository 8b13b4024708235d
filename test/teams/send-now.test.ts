import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { offersSendNow } from "../../src/teams/handlers/commands/send-now.js";
import { BotHarness, users, type User } from "../helpers/bot-harness.js";
import { templatesWithRequiredOneOnOne } from "../helpers/templates.js";
import { cardText } from "../helpers/fake-connector.js";

const db = (h: BotHarness) => h.bot.store.db;
const headlines = (h: BotHarness, user: User) => h.connector.cards(h.conversationId(user)).map((c) => cardText(c).split("\n")[0]);
const PACK = ["Her er dagsordenen til jeres næste 1:1 ledelsesopfølgning.", "Refleksionsguide: 1:1 ledelsesopfølgning"];

describe("«send nu»: trying a meeting pack on an evening or a weekend (local anonymous mode)", () => {
  let h: BotHarness;
  afterEach(() => h.stop());

  /** Friday 20:00: Alex plans a 1:1 with Megan on Wednesday; its pack would go on Monday at 08:00. */
  async function fridayEvening(): Promise<void> {
    // The 1:1 guide's questions made required: only such a guide is chased by a reflection reminder.
    h = await BotHarness.start({ now: "2027-01-15T20:00:00+01:00", env: { TEMPLATES_DIR: templatesWithRequiredOneOnOne() } });
    await h.install(users.alex);
    await h.install(users.megan);
    await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-20", time: "10:00" });
    expect(await h.deliver()).toEqual({});
  }

  it("sends now what would come by the end of the next working day, once; later reminders keep their time", async () => {
    await fridayEvening();
    const { cards } = await h.say(users.alex, "send nu");
    expect(cardText(cards[0])).toContain(
      "Lokal afprøvning: 4 planlagte kort, der ellers ville komme senest mandag den 18. januar 2027 kl. 15.30, sendes nu, også uden for arbejdstiden.",
    );
    expect(await h.deliver()).toEqual({ sent: 4 });
    expect(headlines(h, users.megan).filter((t) => PACK.includes(t!))).toEqual(PACK);
    expect(headlines(h, users.alex).filter((t) => PACK.includes(t!))).toEqual(PACK);
    // The nudge to send the reflection still comes on Tuesday, the working day before the meeting.
    expect(await db(h).notification.findFirstOrThrow({ where: { kind: "reflection_reminder" } })).toMatchObject({ status: "pending", dueAt: new Date("2027-01-19T07:00:00Z") });
    const again = await h.say(users.alex, "send nu");
    expect(cardText(again.cards[0])).toContain("Lokal afprøvning: intet planlagt skulle sendes før mandag den 18. januar 2027 kl. 15.30.");
    expect(await h.deliver()).toEqual({});
  });

  it("leaves the cards of someone who is away where they are", async () => {
    await fridayEvening();
    await h.say(users.megan, "fraværende til 25.01.2027");
    const { cards } = await h.say(users.alex, "send nu");
    expect(cardText(cards[0])).toContain("2 planlagte kort");
    expect(cardText(cards[0])).toContain("Kort til 1 fraværende person venter, til de er tilbage.");
    expect(await h.deliver()).toEqual({ sent: 2 });
    expect(headlines(h, users.megan).filter((t) => PACK.includes(t!))).toEqual([]);
  });

  it("is offered only in local anonymous mode: never with bot credentials, never in production", () => {
    const id = "0f0e0d0c-0b0a-0908-0706-050403020100";
    const tenant = "6e1f2a8c-0b3d-4c5e-9f7a-1b2c3d4e5f60";
    expect(offersSendNow(loadConfig({}))).toBe(true);
    expect(offersSendNow(loadConfig({ BOT_ID: id, BOT_PASSWORD: "s", BOT_TENANT_ID: tenant }))).toBe(false);
    expect(offersSendNow(loadConfig({ NODE_ENV: "production", GUEST_LINK_SECRET: "x".repeat(40), BOT_ID: id, BOT_PASSWORD: "s", BOT_TENANT_ID: tenant, ORG_FILE: "x", PUBLIC_URL: "https://x.dk", DATABASE_URL: "postgresql://db/x" }))).toBe(false);
    expect(offersSendNow({ anonymous: true, env: "production" })).toBe(false);
  });
});
