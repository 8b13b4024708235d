import { domainSettings } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { createDomainServices, type DomainServices } from "../../src/domain/services.js";
import { BotHarness, ManualClock, users } from "./bot-harness.js";
import { findAction } from "./fake-connector.js";
import { testStore } from "./test-db.js";

/**
 * The example organisation on a real store, the clock on Monday 23 November 2026 at 09.00, the
 * domain services, and Solsikken's årshjul confirmed by its chief (Alex): the loop's meetings exist.
 */
export async function withSolsikkenConfirmed(): Promise<{ t: Awaited<ReturnType<typeof testStore>>; clock: ManualClock; d: DomainServices }> {
  const t = await testStore();
  const clock = new ManualClock(new Date("2026-11-23T09:00:00+01:00"));
  const d = createDomainServices(t.store, clock, domainSettings(loadConfig({})));
  const alex = (await t.store.people.byId("alex"))!;
  const wheel = await d.yearWheels.view(alex, "solsikken");
  await d.yearWheels.confirm(alex, "solsikken", wheel.wheel.version);
  return { t, clock, d };
}

/**
 * Through the bot: a harness on Monday 23 November 2026 at 09.00 where Alex (the chief) and Megan
 * (Solsikken's leader) have installed the app and Alex has confirmed Solsikken's årshjul (four
 * læringssamtaler in 2027–2028), its first cards delivered.
 */
export async function botWithSolsikkenConfirmed(): Promise<BotHarness> {
  const h = await BotHarness.start({ now: "2026-11-23T09:00:00+01:00" });
  for (const u of [users.alex, users.megan]) await h.install(u);
  const wheel = await h.say(users.alex, "årshjul");
  await h.click(users.alex, "yearwheel.confirm", { unitId: "solsikken", version: Number(findAction(wheel.cards[0], "yearwheel.confirm")!.data.version) });
  await h.deliver();
  return h;
}
