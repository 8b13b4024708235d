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
    // Case and the punctuation around a command are forgiven; the match stays anchored.
    ["help", "Hjælp!", true],
    ["help", "hjælp?", true],
    ["help", "??", true],
    ["myTasks", "MINE OPGAVER.", true],
    ["yearWheel", "Årshjul!", true],
    ["myTasks", "mine opgaver!!! nu", false],
    ["greeting", "hej", true],
    ["greeting", "Hej!", true],
    ["greeting", "hej med dig", true],
    ["greeting", "Godmorgen.", true],
    ["greeting", "hi", true],
    ["greeting", "hej, jeg har et spørgsmål", false],
    ["greeting", "hejse", false],
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

  it("shows help as a card, with the schedule button for a chief and a leader, not a pædagogisk leder", async () => {
    await h.install(users.jonas);
    const alex = (await h.say(users.alex, "hjælp")).cards[0];
    const megan = (await h.say(users.megan, "help")).cards[0];
    const jonas = (await h.say(users.jonas, "help")).cards[0];
    for (const c of [alex, megan, jonas]) {
      expect(cardText(c)).toContain("Det kan Læringsloop");
      expect(cardText(c)).toContain("mine opgaver");
    }
    expect(findAction(alex, "schedule.open")).toBeDefined();
    expect(findAction(megan, "schedule.open")).toBeDefined();
    expect(findAction(jonas, "schedule.open")).toBeUndefined();
  });

  it("points anything else to hjælp, with its button", async () => {
    const res = await h.say(users.megan, "blå bananer i vuggestuen");
    expect(cardText(res.cards[0])).toContain("Det forstod jeg ikke. Skriv **hjælp**");
    expect(findAction(res.cards[0], "command.open")?.data).toEqual({ command: "help" });
  });

  it("shows each person only the commands they can use, in their role", async () => {
    const help = async (user: (typeof users)[keyof typeof users]) => cardText((await h.say(user, "hjælp")).cards[0]);
    const chiefOnly = ["giv videre", "følg område"];
    const planning = ["planlæg 1:1", "årshjul"];
    const alex = await help(users.alex);
    for (const c of [...chiefOnly, ...planning, "mine møder", "mine opgaver", "indstillinger", "fraværende til …"]) expect(alex).toContain(c);
    expect(alex).toContain("Som Børn og Unge-chef");
    expect(alex).not.toContain("(for Børn og Unge-chefer)"); // only chiefs see those lines, so they need no label
    for (const [user, intro] of [
      [users.megan, "Som leder får du dagsorden og refleksionsguide"],
      [users.jonas, "Som pædagogisk leder får du dagsorden og refleksionsguide"],
      [users.bo, "Du får dagsorden og refleksionsguide før de møder, du deltager i"],
    ] as const) {
      await h.install(user);
      const text = await help(user);
      expect(text).toContain(intro);
      for (const c of ["mine møder", "mine opgaver", "indstillinger", "fraværende til …", "hjælp"]) expect(text).toContain(c);
      for (const c of chiefOnly) expect(text, `${user.name}: ${c}`).not.toContain(c);
      // The leader plans her own 1:1s with the pædagogiske ledere; the others plan nothing.
      for (const c of planning) expect(text.includes(c), `${user.name}: ${c}`).toBe(user === users.megan);
    }
    expect(await help(users.megan)).toContain("Planlæg en 1:1 med en af dine pædagogiske ledere.");
  });

  it("greets by first name with what the person can do", async () => {
    const megan = (await h.say(users.megan, "Hej!")).cards[0];
    expect(cardText(megan)).toMatch(/^Hej Megan\nSom leder får du/);
    expect(findAction(megan, "tasks.open")).toBeDefined();
    expect(findAction(megan, "schedule.open")).toBeDefined();
    const alex = (await h.say(users.alex, "godmorgen")).cards[0];
    expect(cardText(alex)).toMatch(/^Hej Alex\nSom Børn og Unge-chef/);
    expect(findAction(alex, "schedule.open")).toBeDefined();
  });

  it("forgives case and punctuation: «Hjælp!» and «MINE MØDER.» are the commands", async () => {
    expect(cardText((await h.say(users.megan, "Hjælp!")).cards[0])).toContain("Det kan Læringsloop");
    expect(cardText((await h.say(users.megan, "MINE MØDER.")).cards[0])).toContain("Mine møder");
  });

  it("suggests the nearest of the person's own commands for a typo or an English word, with a button that opens it", async () => {
    const cases = [
      ["hjæp", "hjælp", "help"],
      ["mine opgaer", "mine opgaver", "myTasks"],
      ["my tasks", "mine opgaver", "myTasks"],
      ["mine mder", "mine møder", "myMeetings"],
      ["settings", "indstillinger", "preferences"],
      ["hvad kan du?", "hjælp", "help"],
    ] as const;
    for (const [typed, command, id] of cases) {
      const card = (await h.say(users.megan, typed)).cards[0];
      expect(cardText(card), typed).toContain(`Det forstod jeg ikke helt. Mente du **${command}**?`);
      expect(findAction(card, "command.open")?.data, typed).toEqual({ command: id });
    }
    const both = (await h.say(users.megan, "seetings")).cards[0];
    expect(cardText(both)).toContain("Mente du **mine møder** eller **indstillinger**?");
    expect(JSON.stringify(both)).toContain('"command":"myMeetings"');
    expect(JSON.stringify(both)).toContain('"command":"preferences"');
    const opened = await h.click(users.megan, "command.open", { command: "myTasks" });
    expect(cardText(opened.card)).toContain("Mine opgaver");
    // Not a command of his: no suggestion of the year wheel to a pædagogisk leder; the leader has hers.
    expect(cardText((await h.say(users.jonas, "årshjl")).cards[0])).toContain("Det forstod jeg ikke. Skriv **hjælp**");
    expect(cardText((await h.say(users.megan, "årshjl")).cards[0])).toContain("Mente du **årshjul**?");
    const alex = (await h.say(users.alex, "årshjl")).cards[0];
    expect(cardText(alex)).toContain("Mente du **årshjul**?");
    expect(cardText((await h.click(users.alex, "command.open", findAction(alex, "command.open")!.data)).card)).toContain("Årshjul: Dagtilbud Solsikken");
  });

  it("keeps what followed a misspelt «fraværende», as text to type", async () => {
    const card = (await h.say(users.megan, "fravarende til fredag")).cards[0];
    expect(cardText(card)).toContain("Mente du **fraværende til fredag**?");
    expect(cardText(card)).toContain("Skriv kommandoen, som den står.");
    expect(findAction(card, "command.open")?.data).toEqual({ command: "help" }); // only «Hjælp»: this one needs its date
  });

  it("refuses a forged command to open", async () => {
    const res = await h.click(users.megan, "command.open", { command: "constructor" });
    expect(cardText(res.card)).toContain("Kortet kunne ikke læses");
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
    const refused = await h.click(users.jonas, "schedule.open", {});
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

  it("suggests in words only there: the buttons' cards belong in the personal chat", async () => {
    await h.post(inChannel(h.activity("message", users.alex, { text: "følg omrde" })));
    const card = h.connector.cards("19:channel@thread.tacv2").at(-1);
    expect(cardText(card)).toContain("Mente du **følg område**?");
    expect(findAction(card, "command.open")).toBeUndefined();
  });

  it("still answers hjælp there", async () => {
    await h.post(inChannel(h.activity("message", users.alex, { text: "hjælp" })));
    expect(channelCards().at(-1)).toContain("Det kan Læringsloop");
  });
});
