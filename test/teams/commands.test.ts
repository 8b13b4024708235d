import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandPatterns } from "../../src/teams/handlers/commands/index.js";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { cardText, findAction } from "../helpers/fake-connector.js";

describe("command patterns", () => {
  it.each([
    ["help", "hjælp", true],
    ["help", " HJÆLP ", true],
    ["help", "help", true],
    ["help", "hjælp mig med planlægning", false],
    ["schedule", "planlæg 1:1", true],
    ["schedule", "Planlæg", true],
    ["schedule", "planlæg en 1:1", true],
    ["schedule", "jeg vil planlægge", false],
    ["myTasks", "mine opgaver", true],
    ["myTasks", "Mine  Opgaver", true],
    ["myTasks", "mine opgaver i morgen", false],
    ["myMeetings", "mine møder", true],
    ["myMeetings", "mine moeder", true],
  ] as const)("%s matches %j: %s", (name, text, expected) => {
    expect(commandPatterns[name].test(text)).toBe(expected);
  });
});

describe("commands through the bot", () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    await h.install(users.megan);
  });
  afterAll(() => h.stop());

  it("shows help as a card, with the schedule button only for a chief", async () => {
    const alex = (await h.say(users.alex, "hjælp")).cards[0];
    const megan = (await h.say(users.megan, "help")).cards[0];
    for (const c of [alex, megan]) {
      expect(cardText(c)).toContain("Det kan Læringsloop");
      expect(cardText(c)).toContain("mine opgaver");
    }
    expect(findAction(alex, "schedule.open")).toBeDefined();
    expect(findAction(megan, "schedule.open")).toBeUndefined();
  });

  it("points anything else to hjælp", async () => {
    const res = await h.say(users.megan, "hvad kan du?");
    expect(cardText(res.cards[0])).toContain("Skriv **hjælp**");
  });

  it("answers «mine opgaver» and «mine møder» when there is nothing yet", async () => {
    expect(cardText((await h.say(users.megan, "mine opgaver")).cards[0])).toContain("Du har ingen åbne opfølgningspunkter.");
    expect(cardText((await h.say(users.megan, "mine møder")).cards[0])).toContain("Du har ingen møder i Læringsloop endnu.");
  });

  it("opens cards from buttons in place", async () => {
    const res = await h.click(users.alex, "tasks.open", {});
    expect(cardText(res.card)).toContain("Mine opgaver");
    const schedule = await h.click(users.alex, "schedule.open", {});
    expect(cardText(schedule.card)).toContain("Planlæg 1:1 ledelsesopfølgning");
    const refused = await h.click(users.megan, "schedule.open", {});
    expect(cardText(refused.card)).toContain("Du er ikke Børn og Unge-chef");
  });
});

describe("outside the personal chat", () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
  });
  afterAll(() => h.stop());

  const inChannel = (activity: Record<string, unknown>) => ({
    ...activity,
    conversation: { conversationType: "channel", isGroup: true, tenantId: "6e1f2a8c-0b3d-4c5e-9f7a-1b2c3d4e5f60", id: "19:channel@thread.tacv2" },
  });
  const channelCards = () => h.connector.cards("19:channel@thread.tacv2").map(cardText);

  it("shows no meetings, tasks or reflections in a team channel, and says where to look", async () => {
    await h.post(inChannel(h.activity("message", users.alex, { text: "mine møder" })));
    await h.post(inChannel(h.activity("message", users.alex, { text: "mine opgaver" })));
    const cards = channelCards();
    expect(cards).toHaveLength(2);
    for (const c of cards) expect(c).toContain("kun i din personlige chat");
    const click = await h.post(inChannel(h.activity("invoke-action", users.alex, { value: { action: { type: "Action.Execute", verb: "reflection.open", data: { meetingId: "x", from: "meetings" } }, trigger: "manual" } })));
    expect(cardText((click.body as { value: unknown }).value)).toContain("kun i din personlige chat");
  });

  it("still answers hjælp there", async () => {
    await h.post(inChannel(h.activity("message", users.alex, { text: "hjælp" })));
    expect(channelCards().at(-1)).toContain("Det kan Læringsloop");
  });
});
