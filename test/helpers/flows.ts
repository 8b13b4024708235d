import { findAction } from "./fake-connector.js";
import type { BotHarness } from "./bot-harness.js";
import { users } from "./bot-harness.js";

/**
 * Alex schedules a 1:1 with Megan and records one decision with a follow-up owned by Megan,
 * all through the card actions. Returns the ids the tests need.
 */
export async function meetingWithFollowUp(h: BotHarness, opts: { date: string; time?: string; due: string; owner?: "megan" | "alex"; text?: string }) {
  await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: opts.date, time: opts.time ?? "10:00" });
  const meeting = await h.bot.store.db.meeting.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
  const opened = await h.click(users.alex, "form.open", { meetingId: meeting.id, from: "meetings" });
  const save = findAction(opened.posted[0], "form.save")!;
  await h.click(users.alex, "form.save", {
    ...save.data,
    decision_0: "Beslutning",
    followup_0: opts.text ?? "Opfølgning",
    owner_0: opts.owner ?? "megan",
    due_0: opts.due,
  });
  const followUp = await h.bot.store.db.followUp.findFirstOrThrow({ where: { meetingId: meeting.id } });
  return { meetingId: meeting.id, followUpId: followUp.id };
}
