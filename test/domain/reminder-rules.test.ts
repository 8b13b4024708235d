import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { domainSettings } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { isAbsent, isMuted } from "../../src/domain/reminder-preferences.js";
import { createDomainServices, type DomainServices } from "../../src/domain/services.js";
import type { Person } from "../../src/domain/types.js";
import { AppError } from "../../src/lib/errors.js";
import { ManualClock } from "../helpers/bot-harness.js";
import { testStore } from "../helpers/test-db.js";

/** The reminder rules with an injected clock on a real store: absence, digests' day and hour, snoozes. */
describe("reminder rules", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  let d: DomainServices;
  let clock: ManualClock;
  const person = async (id: string) => (await t.store.people.byId(id)) as Person;
  const local = (x: Date) => x.toLocaleString("sv-SE", { timeZone: "Europe/Copenhagen" });
  const refusal = (p: Promise<unknown>) => p.then(() => "accepted", (e: unknown) => (e instanceof AppError ? Object.values(e.fieldErrors)[0] ?? e.text : String(e)));

  beforeEach(async () => {
    t = await testStore();
    clock = new ManualClock(new Date("2027-03-22T09:00:00+01:00")); // Monday before Easter 2027
    d = createDomainServices(t.store, clock, domainSettings(loadConfig({})));
  });
  afterEach(() => t.close());

  it("absence: reminders come again at the start of the return day, or of the first working day after it", async () => {
    const megan = await person("megan");
    // Back on Skærtorsdag (a holiday): reminders resume Tuesday after Easter, 08:00 summer time.
    expect(local((await d.preferences.setAbsence(megan, "2027-03-25")).resumesAt!)).toBe("2027-03-30 08:00:00");
    // Back on the Monday after the change to winter time.
    expect(local((await d.preferences.setAbsence(megan, "2027-11-01")).resumesAt!)).toBe("2027-11-01 08:00:00");
    const prefs = await d.preferences.get(megan);
    expect(isAbsent(prefs, "2027-10-31")).toBe(true);
    expect(isAbsent(prefs, "2027-11-01")).toBe(false); // the return day itself is a working day again
    expect(await refusal(d.preferences.setAbsence(megan, "2027-03-22"))).toBe("Datoen skal ligge efter i dag.");
    expect(await refusal(d.preferences.setAbsence(megan, "2028-03-30"))).toBe("Fravær kan højst registreres et år frem.");
    expect(await refusal(d.preferences.setAbsence(megan, "2027-02-30"))).toBe("Angiv en gyldig dato.");
  });

  it("the weekly overview's day: the week's first working day, Tuesday when Monday is 2. påskedag", () => {
    expect(d.digests.nextDigestDate("2027-03-22")).toBe("2027-03-22"); // Monday: today
    expect(d.digests.nextDigestDate("2027-03-23")).toBe("2027-03-30"); // after Easter Monday
    expect(d.digests.nextDigestDate("2027-03-30")).toBe("2027-03-30");
    expect(d.digests.nextDigestDate("2027-03-31")).toBe("2027-04-05");
    expect(d.digests.nextDigestDate("2027-12-26")).toBe("2027-12-27"); // Sunday → Monday
  });

  it("the overview hours offered are the whole hours of the working window; a mute covers «overskredet» and its overview", async () => {
    expect(d.preferences.digestTimes()).toEqual(["08:00", "09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00"]);
    const alex = await person("alex");
    const { view: saved } = await d.preferences.save(alex, { muted: ["overdue"], digestTime: "14:00" });
    expect(isMuted(saved, "followup_overdue")).toBe(true);
    expect(isMuted(saved, "overdue_digest")).toBe(true);
    expect(isMuted(saved, "chief_digest")).toBe(false);
    expect(isMuted(saved, "meeting_agenda")).toBe(false); // the work itself is never muted
    expect(await refusal(d.preferences.save(alex, { muted: [], digestTime: "14:30" }))).toBe("Vælg et helt klokkeslæt i arbejdstiden (08:00–15:30).");
  });
});
