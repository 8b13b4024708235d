import { afterEach, describe, expect, it } from "vitest";
import { BotHarness, users } from "../helpers/bot-harness.js";
import { cardText, findAction } from "../helpers/fake-connector.js";
import { meetingWithFollowUp } from "../helpers/flows.js";
import { templatesWithRequiredOneOnOne } from "../helpers/templates.js";

const db = (h: BotHarness) => h.bot.store.db;

describe("«Aflys mødet»", () => {
  let h: BotHarness;
  afterEach(() => h.stop());

  it("the chair cancels: no pack or reminder goes, the other participant is told once", async () => {
    // The 1:1 guide's questions made required, so a reflection reminder is planned to be cancelled.
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00", env: { TEMPLATES_DIR: templatesWithRequiredOneOnOne() } });
    await h.install(users.alex);
    await h.install(users.megan);
    await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-18", time: "10:00" });
    const meeting = await db(h).meeting.findFirstOrThrow();
    const agendaFor = async (user: typeof users.alex | typeof users.megan) => {
      const res = await h.click(user, "agenda.open", { meetingId: meeting.id, from: "meetings" });
      return [res.card, ...res.posted].find((c) => cardText(c).includes("Dagsorden:"));
    };
    expect(findAction(await agendaFor(users.alex), "meeting.cancel")).toBeDefined();
    expect(findAction(await agendaFor(users.megan), "meeting.cancel")).toBeUndefined();

    const refused = await h.click(users.megan, "meeting.cancel", { meetingId: meeting.id });
    expect(cardText(refused.card)).toContain("Kun Børn og Unge-chefen, der holder mødet, kan dette.");
    expect((await db(h).meeting.findUniqueOrThrow({ where: { id: meeting.id } })).status).toBe("planned");

    const done = await h.click(users.alex, "meeting.cancel", { meetingId: meeting.id });
    expect(cardText(done.card)).toContain("Mødet er aflyst. De andre deltagere får besked.");
    expect(cardText(done.card)).toContain("Aflyst");
    expect(findAction(done.card, "meeting.cancel")).toBeUndefined();
    const again = await h.click(users.alex, "meeting.cancel", { meetingId: meeting.id });
    expect(cardText(again.card)).toContain("Mødet var allerede aflyst.");

    const rows = await db(h).notification.findMany({ where: { subjectId: meeting.id }, orderBy: [{ kind: "asc" }, { personId: "asc" }] });
    expect(rows.map((r) => `${r.kind}:${r.personId}:${r.status}`)).toEqual([
      "meeting_agenda:alex:cancelled",
      "meeting_agenda:megan:cancelled",
      "meeting_cancelled:megan:pending",
      "meeting_reflection:alex:cancelled",
      "meeting_reflection:megan:cancelled",
      "reflection_reminder:megan:cancelled",
    ]);
    expect(await h.deliver()).toEqual({ sent: 1 });
    const notices = h.connector.cards(h.conversationId(users.megan)).map(cardText).filter((t) => t.includes("er aflyst af"));
    expect(notices).toEqual(["Mødet er aflyst\n1:1 ledelsesopfølgningen mandag den 18. januar 2027 kl. 10.00 er aflyst af Alex Wilber."]);
    const before = h.connector.posted.length;
    h.clock.set("2027-01-13T08:00:00+01:00"); // the day the pack would have gone
    expect(await h.deliver()).toEqual({});
    h.clock.set("2027-01-15T08:00:00+01:00"); // and the reflection reminder
    expect(await h.deliver()).toEqual({});
    expect(h.connector.posted.length).toBe(before);
  });

  it("a meeting with decisions is closed in the form, not cancelled", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    const { meetingId } = await meetingWithFollowUp(h, { date: "2027-01-18", due: "2027-01-25" });
    const res = await h.click(users.alex, "meeting.cancel", { meetingId });
    expect(cardText(res.card)).toContain("Der står allerede beslutninger i opfølgningsskemaet.");
    expect((await db(h).meeting.findUniqueOrThrow({ where: { id: meetingId } })).status).toBe("planned");
    expect(await db(h).notification.count({ where: { subjectId: meetingId, status: "cancelled" } })).toBe(0);
  });
});
