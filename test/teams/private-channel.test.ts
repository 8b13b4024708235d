import { Writable } from "node:stream";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { strings } from "../../src/lib/strings.da.js";
import { BotHarness, users, type User } from "../helpers/bot-harness.js";
import { cardsOf, cardText } from "../helpers/fake-connector.js";

const TENANT = "6e1f2a8c-0b3d-4c5e-9f7a-1b2c3d4e5f60";
const PRIVATE = "19:chefer-fortroligt@thread.tacv2";
const STANDARD = "19:chefer-status@thread.tacv2";
const TEAM = "19:team-chefer@thread.tacv2";

/**
 * A message or card click in a team channel as Teams sends it: the channel's conversation (with
 * the thread's message id), the team, the channel with its type where Teams gives it, the
 * tenant, and the bot's mention first in a message.
 */
function inChannel(h: BotHarness, user: User, name: "message" | "invoke-action", channel: string, type: string | undefined, patch: Record<string, unknown>) {
  return h.activity(name, user, {
    conversation: { conversationType: "channel", isGroup: true, id: `${channel};messageid=1700000000${Math.floor(Math.random() * 1e6)}`, tenantId: TENANT },
    channelData: { team: { id: TEAM, name: "Børn og Unge-chefer" }, channel: { id: channel, ...(type ? { type } : {}) }, tenant: { id: TENANT } },
    ...patch,
  });
}

const say = (h: BotHarness, user: User, channel: string, type: string | undefined, text: string) => h.post(inChannel(h, user, "message", channel, type, { text: `<at>Læringsloop</at> ${text}` }));

async function click(h: BotHarness, user: User, channel: string, type: string | undefined, verb: string, data: Record<string, unknown>) {
  const { status, body } = await h.post(inChannel(h, user, "invoke-action", channel, type, { value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" } }));
  return { status, card: (body as { value?: Record<string, unknown> } | undefined)?.value };
}

const channelTexts = (h: BotHarness, channel: string) => h.channelPosts(channel).flatMap((p) => cardsOf(p.activity)).map(cardText);
const chatTexts = (h: BotHarness, user: User) => h.connector.posted.filter((p) => p.conversationId === h.conversationId(user)).flatMap((p) => cardsOf(p.activity)).map(cardText);

/**
 * Teams lets no bot post in a private channel. A chief who asks for the area's status there gets
 * Danish advice (a standard channel in a team of the chiefs) instead of a card that can never come.
 */
describe("følg område in a private channel", () => {
  let h: BotHarness;
  afterEach(() => h.stop());

  it("answers with the advice, in the channel and in the chief's own chat, and links nothing", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    expect((await say(h, users.alex, PRIVATE, "private", "følg område")).status).toBe(200);
    const reply = channelTexts(h, PRIVATE);
    expect(reply).toHaveLength(1);
    expect(reply[0]).toContain("En privat kanal kan ikke følge et område");
    expect(reply[0]).toContain("standardkanal i et team, hvor kun Børn og Unge-cheferne er medlemmer");
    expect(reply[0]).toContain(strings.channel.alsoInYourChat);
    expect(reply[0]).not.toContain(strings.channel.linkButton); // no area picker: nothing to click that cannot work
    expect(chatTexts(h, users.alex).at(-1)).toContain("En privat kanal kan ikke følge et område");
    expect(await h.bot.store.db.channelLink.count()).toBe(0);

    // A link card clicked there anyway (an old card, a forged click): refused with the same advice.
    const clicked = await click(h, users.alex, PRIVATE, "private", "channel.link", { areaId: "midt" });
    expect(clicked.status).toBe(200);
    expect(cardText(clicked.card)).toContain("En privat kanal kan ikke følge et område");
    expect(await h.bot.store.db.channelLink.count()).toBe(0);
    expect(channelTexts(h, PRIVATE).filter((t) => t.startsWith("Status:"))).toEqual([]);
  });

  it("still reaches the chief when Teams refuses the bot's reply in the private channel", async () => {
    const lines: Record<string, unknown>[] = [];
    const log = pino({ level: "info" }, new Writable({ write: (c: Buffer, _e, done) => (lines.push(...c.toString().split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>)), done()) }));
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00", log });
    await h.install(users.alex);
    h.connector.beforePost = (conversationId) => (conversationId.split(";")[0] === PRIVATE ? { status: 403 } : undefined);
    expect((await say(h, users.alex, PRIVATE, "private", "følg område")).status).toBe(200);
    expect(h.connector.attempts.filter((a) => a.conversationId.startsWith(PRIVATE)).map((a) => a.status)).toEqual([403]);
    expect(chatTexts(h, users.alex).at(-1)).toContain("En privat kanal kan ikke følge et område");
    expect(lines).toContainEqual(expect.objectContaining({ level: 40, outcome: "reply-refused", status: 403 }));
    expect(lines.filter((l) => (l.level as number) >= 50)).toEqual([]); // not an error: nothing is broken
  });

  it("says so when Teams did not name the channel's type but refuses the first status card: the link is undone", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    // No type in channelData; the area picker comes as in any channel.
    await say(h, users.alex, PRIVATE, undefined, "følg område");
    expect(channelTexts(h, PRIVATE).at(-1)).toContain(strings.channel.linkTitle);
    // Teams answers the status card's post with 403, as it does in a private channel.
    h.connector.beforePost = (conversationId) => (conversationId === PRIVATE ? { status: 403 } : undefined);
    const clicked = await click(h, users.alex, PRIVATE, undefined, "channel.link", { areaId: "midt" });
    expect(clicked.status).toBe(200);
    const text = cardText(clicked.card);
    expect(text).toContain("Teams afviste statuskortet i denne kanal, så den følger ikke området");
    expect(text).not.toContain("Kanalen følger nu");
    expect(await h.bot.store.db.channelLink.count()).toBe(0);
    // Nothing left for the scheduler to try there.
    expect(await h.runJob("channel-status")).toEqual({});
  });

  it("links a standard channel as before (Teams names it standard)", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    await say(h, users.alex, STANDARD, "standard", "følg område");
    expect(channelTexts(h, STANDARD).at(-1)).toContain(strings.channel.linkTitle);
    const clicked = await click(h, users.alex, STANDARD, "standard", "channel.link", { areaId: "midt" });
    expect(cardText(clicked.card)).toContain("Kanalen følger nu Område Midt (0-6 år).");
    expect(channelTexts(h, STANDARD).filter((t) => t.startsWith("Status: Område Midt"))).toHaveLength(1);
  });
});
