import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { meetingWithFollowUp } from "../helpers/flows.js";

const REFLECTION = "Refleksion om en medarbejders sygefravær";
const FOLLOW_UP = "Samtale med familien Hansen om bekymring";
const COMMENT = "Kommentar: mor ringede igen";

/**
 * What reaches the log at info level while people use the bot: ids and outcomes, never a name,
 * a reflection, a decision, a follow-up or a comment. Real bot, real turns, the logger at info.
 */
describe("the log at info level", () => {
  let h: BotHarness;
  const lines: string[] = [];
  beforeAll(async () => {
    const log = pino({ level: "info" }, new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) }));
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00", log, env: { LOG_LEVEL: "info" } });
    await h.install(users.alex);
    await h.install(users.megan);
    const { meetingId, followUpId } = await meetingWithFollowUp(h, { date: "2027-01-12", due: "2027-01-21", text: FOLLOW_UP });
    await h.deliver();
    const meeting = await h.bot.store.db.meeting.findUniqueOrThrow({ where: { id: meetingId } });
    await h.click(users.megan, "reflection.send", { meetingId: meeting.id, version: 0, q_data_drift: REFLECTION, q_sparring: REFLECTION });
    const f = await h.bot.store.db.followUp.findUniqueOrThrow({ where: { id: followUpId } });
    await h.click(users.megan, "followup.comment", { followUpId, version: f.version, comment: COMMENT });
    // Refused and broken input is logged too: the texts in it are not.
    await h.click(users.alex, "reflection.send", { meetingId: meeting.id, version: 0, q_data_drift: REFLECTION, q_sparring: REFLECTION });
    await h.click(users.megan, "followup.comment", { followUpId, version: "x", comment: COMMENT });
    await h.say(users.megan, `fraværende til ${FOLLOW_UP}`);
    await h.deliver();
  });
  afterAll(() => h.stop());

  it("has lines with ids and outcomes", async () => {
    expect(await h.bot.store.db.followUpEvent.count({ where: { kind: "commented" } })).toBe(1);
    expect(await h.bot.store.db.reflection.count()).toBe(1);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.length).toBeGreaterThan(10);
    expect(parsed.every((l) => (l.level as number) >= 30)).toBe(true);
    expect(parsed.filter((l) => l.msg === "action").map((l) => l.outcome)).toEqual(expect.arrayContaining(["ok", "not-authorised", "invalid-card-data"]));
    expect(parsed.some((l) => l.msg === "form saved" && typeof l.meetingId === "string")).toBe(true);
  });

  it("never has a name or anything a person wrote", () => {
    const all = lines.join("\n");
    for (const secret of [REFLECTION, FOLLOW_UP, COMMENT, "Hansen", "Alex Wilber", "Megan Bowen", "Beslutning"]) expect(all).not.toContain(secret);
  });
});
