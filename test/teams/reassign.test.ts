import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domainSettings, EXAMPLE_ORG_FILE } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { createDomainServices } from "../../src/domain/services.js";
import { readOrganisationFile } from "../../src/store/organisation-file-loader.js";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { cardText, findAction } from "../helpers/fake-connector.js";

/**
 * A leader leaves: Sofie (Åskolen) is gone from the organisation file while she owns an open
 * follow-up. Applying the file marks her inactive and gives Alex (her chief) one card to give the
 * follow-up to someone in the unit; «giv videre» shows the same list.
 */
describe("giving on the follow-ups of someone who left", () => {
  let h: BotHarness;
  const db = () => h.bot.store.db;
  const followUpId = "f-sofie";

  beforeAll(async () => {
    h = await BotHarness.start({ now: "2026-11-23T09:00:00+01:00" });
    for (const u of [users.alex, users.megan]) await h.install(u);
    await db().meeting.create({ data: { id: "m-aa", kind: "one_on_one", unitId: "aaskolen", chairId: "alex", startsAt: new Date("2026-11-16T09:00:00Z"), durationMinutes: 60, status: "closed", participants: { create: [{ personId: "alex", role: "chair" }, { personId: "sofie", role: "leader" }] } } });
    await db().followUp.create({ data: { id: followUpId, meetingId: "m-aa", unitId: "aaskolen", meetingKind: "one_on_one", text: "Fraværsplan for 7. årgang", ownerId: "sofie", dueDate: "2027-01-15" } });
    // The new file: Sofie has left; Ole now leads Åskolen.
    const org = readOrganisationFile(EXAMPLE_ORG_FILE);
    org.people = org.people.filter((p) => p.id !== "sofie");
    const aaskolen = org.areas[0]!.units.find((u) => u.id === "aaskolen")!;
    aaskolen.leaders = ["ole"];
    aaskolen.pedagogicalLeaders = [];
    const summary = await h.bot.store.people.applyOrganisation(org);
    expect(summary.toReassign).toEqual([{ personId: "sofie", name: "Sofie Ærø Østergaard", openFollowUps: 1 }]);
    // What the bot does at start after applying the file (and `npm run org:import`):
    const domain = createDomainServices(h.bot.store, h.clock, domainSettings(loadConfig({})));
    expect(await domain.followUps.planOrphanedNotices()).toBe(1);
    expect(await domain.followUps.planOrphanedNotices()).toBe(1); // same set again: same key, one row
    expect(await db().notification.count({ where: { kind: "followups_orphaned" } })).toBe(1);
  });
  afterAll(() => h.stop());

  it("sends the chief one card listing the follow-up, with only who may own a 1:1's agreement to choose from", async () => {
    await h.deliver();
    const card = h.connector.posted.filter((p) => p.conversationId === h.conversationId(users.alex)).map((p) => p.activity).find((a) => cardText(a).includes("Opfølgningspunkter, der skal gives videre"));
    expect(card).toBeDefined();
    const text = cardText(card!);
    expect(text).toContain("Fraværsplan for 7. årgang (Sofie Ærø Østergaard, frist");
    expect(text).toContain("Åskolen");
    const json = JSON.stringify(card);
    // A 1:1's agreement: the chief (the other participant) or Ole, who took over the leader's role;
    // not the area's consultant, nor anyone else in the unit.
    for (const name of ["Ole Kjær Jensen", "Alex Wilber"]) expect(json).toContain(`"title":"${name}"`);
    for (const name of ["Karim Nielsen", "Megan Bowen"]) expect(json).not.toContain(`"title":"${name}"`);
  });

  it("refuses a missing or outside owner in Danish and changes nothing", async () => {
    const open = await h.say(users.alex, "giv videre");
    const button = findAction(open.cards[0], "followup.reassign")!;
    const none = await h.click(users.alex, "followup.reassign", { ...button.data, [String(button.data.ownerInput)]: "" });
    expect(cardText(none.card)).toContain("Vælg en ny ansvarlig fra enheden.");
    const outside = await h.click(users.alex, "followup.reassign", { ...button.data, [String(button.data.ownerInput)]: "megan" });
    expect(cardText(outside.card)).toContain("Vælg en ny ansvarlig fra enheden.");
    expect((await db().followUp.findUniqueOrThrow({ where: { id: followUpId } })).ownerId).toBe("sofie");
    const notChief = await h.click(users.megan, "followup.reassign", { ...button.data, [String(button.data.ownerInput)]: "ole" });
    expect(cardText(notChief.card)).toContain("Kun Børn og Unge-chefen for enheden eller mødelederen kan give et opfølgningspunkt videre.");
  });

  it("refuses to give a 1:1's follow-up to someone else in the unit, in Danish, and changes nothing", async () => {
    const open = await h.say(users.alex, "giv videre");
    const button = findAction(open.cards[0], "followup.reassign")!;
    const consultant = await h.click(users.alex, "followup.reassign", { ...button.data, [String(button.data.ownerInput)]: "karim" });
    expect(cardText(consultant.card)).toContain("Det, der aftales i en 1:1, bliver mellem mødets to deltagere.");
    expect((await db().followUp.findUniqueOrThrow({ where: { id: followUpId } })).ownerId).toBe("sofie");
    expect(await db().followUpEvent.count({ where: { followUpId, kind: "reassigned" } })).toBe(0);
  });

  it("gives it to the chosen person once, even on a double click, and tells them", async () => {
    const open = await h.say(users.alex, "giv videre");
    const button = findAction(open.cards[0], "followup.reassign")!;
    const data = { ...button.data, [String(button.data.ownerInput)]: "ole" };
    const done = await h.click(users.alex, "followup.reassign", data);
    expect(cardText(done.card)).toContain("Opfølgningspunktet er givet videre til Ole Kjær Jensen.");
    expect(cardText(done.card)).toContain("Ingen åbne opfølgningspunkter mangler en ansvarlig.");
    const again = await h.click(users.alex, "followup.reassign", data);
    expect(cardText(again.card)).toContain("givet videre til Ole Kjær Jensen");
    expect(await db().followUpEvent.count({ where: { followUpId, kind: "reassigned" } })).toBe(1);
    const f = await db().followUp.findUniqueOrThrow({ where: { id: followUpId } });
    expect(f).toMatchObject({ ownerId: "ole", status: "open" });
    expect(await db().notification.count({ where: { subjectId: followUpId, personId: "ole", kind: { in: ["followup_assigned", "followup_overdue"] } } })).toBe(2);
    expect(await db().notification.count({ where: { subjectId: followUpId, personId: "sofie", status: "pending" } })).toBe(0);
  });

  it("tells someone who is not a chief that the list is for chiefs", async () => {
    const res = await h.say(users.megan, "giv videre");
    expect(cardText(res.cards[0])).toContain("Du er ikke Børn og Unge-chef for nogen enhed");
  });
});

/**
 * The issue's case: the chief gave a 1:1 follow-up to the board representative, who then saw the
 * 1:1's decision and every comment. Megan (Solsikken's leader) is still there: her 1:1 follow-up
 * may go to Alex (the chair), never to Bo (Solsikken's board representative) or Jonas (its
 * pædagogisk leder). A læringssamtale's follow-up may go to anyone tied to the unit.
 */
describe("a 1:1's follow-up stays with its two people when it is given on", () => {
  let h: BotHarness;
  const db = () => h.bot.store.db;

  beforeAll(async () => {
    h = await BotHarness.start({ now: "2026-11-23T09:00:00+01:00" });
    for (const u of [users.alex, users.megan]) await h.install(u);
    await db().meeting.create({ data: { id: "m-1", kind: "one_on_one", unitId: "solsikken", chairId: "alex", startsAt: new Date("2026-11-16T09:00:00Z"), durationMinutes: 60, status: "closed", participants: { create: [{ personId: "alex", role: "chair" }, { personId: "megan", role: "leader" }] } } });
    await db().followUp.create({ data: { id: "f-1", meetingId: "m-1", unitId: "solsikken", meetingKind: "one_on_one", text: "Personalesag følges op", ownerId: "megan", dueDate: "2027-01-15" } });
    await db().meeting.create({ data: { id: "m-ls", kind: "laeringssamtale", unitId: "solsikken", chairId: "alex", startsAt: new Date("2026-11-17T09:00:00Z"), durationMinutes: 120, status: "closed", participants: { create: [{ personId: "alex", role: "chair" }, { personId: "megan", role: "leader" }, { personId: "bo", role: "bestyrelsesrepraesentant" }] } } });
    await db().followUp.create({ data: { id: "f-ls", meetingId: "m-ls", unitId: "solsikken", meetingKind: "laeringssamtale", text: "Forældremøde om sprog", ownerId: "megan", dueDate: "2027-01-15" } });
  });
  afterAll(() => h.stop());

  const reassign = (followUpId: string, to: string) => h.click(users.alex, "followup.reassign", { followUpId, version: 1, ownerInput: `owner_${followUpId}`, [`owner_${followUpId}`]: to });

  it("refuses the board representative and the pædagogisk leder, in Danish, and nobody new can read it", async () => {
    for (const to of ["bo", "jonas", "karim"]) {
      const res = await reassign("f-1", to);
      expect(cardText(res.card)).toContain("Det, der aftales i en 1:1, bliver mellem mødets to deltagere.");
    }
    expect((await db().followUp.findUniqueOrThrow({ where: { id: "f-1" } })).ownerId).toBe("megan");
    expect(await db().followUpEvent.count({ where: { followUpId: "f-1" } })).toBe(0);
    expect(await db().notification.count({ where: { subjectId: "f-1", personId: { in: ["bo", "jonas", "karim"] } } })).toBe(0);
  });

  it("gives it to the other participant", async () => {
    await reassign("f-1", "alex");
    expect((await db().followUp.findUniqueOrThrow({ where: { id: "f-1" } })).ownerId).toBe("alex");
  });

  it("gives a læringssamtale's follow-up to someone else tied to the unit", async () => {
    await reassign("f-ls", "jonas");
    expect((await db().followUp.findUniqueOrThrow({ where: { id: "f-ls" } })).ownerId).toBe("jonas");
  });
});
