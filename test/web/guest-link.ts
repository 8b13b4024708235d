import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { domainSettings, EXAMPLE_ORG_FILE } from "../../src/bot.js";
import { createDomainServices } from "../../src/domain/services.js";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { findAction } from "../helpers/fake-connector.js";

/**
 * The real bot on Monday 23 November 2026 with Bo (Solsikken's board) outside Teams, Alex and Megan
 * installed, and Solsikken's årshjul confirmed by Alex (four læringssamtaler in 2027–2028; Bo takes
 * part in the first). The organisation file names Bo without an Entra object id, with an e-mail
 * address (issue 22 point 1): the example's, with that one change.
 */
export async function botWithExternalBo(opts: { scheduler?: boolean; log?: import("pino").Logger } = {}): Promise<{ h: BotHarness; meetingIds: string[]; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "laeringsloop-guest-"));
  const org = readFileSync(EXAMPLE_ORG_FILE, "utf8").replace(/( {2}- id: bo\n {4}name: Bo Kristensen\n) {4}aadObjectId: [^\n]+\n/, "$1    email: bo@foraeldre.example.dk\n");
  if (!org.includes("bo@foraeldre.example.dk")) throw new Error("Bo not found in the example organisation");
  writeFileSync(join(dir, "organisation.yaml"), org);
  const h = await BotHarness.start({ now: "2026-11-23T09:00:00+01:00", scheduler: opts.scheduler, log: opts.log, env: { ORG_FILE: join(dir, "organisation.yaml") } });
  for (const u of [users.alex, users.megan]) await h.install(u);
  const wheel = await h.say(users.alex, "årshjul");
  await h.click(users.alex, "yearwheel.confirm", { unitId: "solsikken", version: Number(findAction(wheel.cards[0], "yearwheel.confirm")!.data.version) });
  await h.deliver();
  const meetingIds = (await h.bot.store.db.meeting.findMany({ where: { unitId: "solsikken", kind: "laeringssamtale" }, orderBy: { startsAt: "asc" }, select: { id: true } })).map((m) => m.id);
  return {
    h,
    meetingIds,
    async stop() {
      await h.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The domain's services on the bot's own database, clock and settings (for what the chair does outside these tests' subject). */
export const domainOf = (h: BotHarness) => createDomainServices(h.bot.store, h.clock, domainSettings(h.config));

/** A person's guest link to a meeting, as the chair's card shows it: its path on the bot (/m/<token>) and its id. */
export async function guestLink(h: BotHarness, meetingId: string, personId: string): Promise<{ path: string; url: string; linkId: string }> {
  const link = await domainOf(h).guestLinks.linkFor(meetingId, personId);
  return { path: new URL(link.url).pathname, url: `${h.url.replace("/api/messages", "")}${new URL(link.url).pathname}`, linkId: link.linkId };
}
