import { domainSettings } from "../../src/bot.js";
import { createDomainServices } from "../../src/domain/services.js";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { findAction } from "../helpers/fake-connector.js";

/**
 * The real bot on Monday 23 November 2026 with Bo (Solsikken's board) outside Teams, Alex and Megan
 * installed, and Solsikken's årshjul confirmed by Alex (four læringssamtaler in 2027–2028; Bo takes
 * part in the first). Bo is made a person without a Teams account in the database before anything
 * is planned for him, as the organisation file will name him (issue 22 point 1).
 */
export async function botWithExternalBo(opts: { scheduler?: boolean; log?: import("pino").Logger } = {}): Promise<{ h: BotHarness; meetingIds: string[]; stop(): Promise<void> }> {
  const h = await BotHarness.start({ now: "2026-11-23T09:00:00+01:00", scheduler: opts.scheduler, log: opts.log });
  await h.bot.store.db.person.update({ where: { id: "bo" }, data: { aadObjectId: null, email: "bo@foraeldre.example.dk" } });
  for (const u of [users.alex, users.megan]) await h.install(u);
  const wheel = await h.say(users.alex, "årshjul");
  await h.click(users.alex, "yearwheel.confirm", { unitId: "solsikken", version: Number(findAction(wheel.cards[0], "yearwheel.confirm")!.data.version) });
  await h.deliver();
  const meetingIds = (await h.bot.store.db.meeting.findMany({ where: { unitId: "solsikken", kind: "laeringssamtale" }, orderBy: { startsAt: "asc" }, select: { id: true } })).map((m) => m.id);
  return { h, meetingIds, stop: () => h.stop() };
}

/** The domain's services on the bot's own database, clock and settings (for what the chair does outside these tests' subject). */
export const domainOf = (h: BotHarness) => createDomainServices(h.bot.store, h.clock, domainSettings(h.config));

/** A person's guest link to a meeting, as the chair's card shows it: its path on the bot (/m/<token>) and its id. */
export async function guestLink(h: BotHarness, meetingId: string, personId: string): Promise<{ path: string; url: string; linkId: string }> {
  const link = await domainOf(h).guestLinks.linkFor(meetingId, personId);
  return { path: new URL(link.url).pathname, url: `${h.url.replace("/api/messages", "")}${new URL(link.url).pathname}`, linkId: link.linkId };
}
