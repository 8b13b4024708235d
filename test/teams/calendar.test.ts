import { afterEach, describe, expect, it } from "vitest";
import ICAL from "ical.js";
import { BotHarness, users, type User } from "../helpers/bot-harness.js";
import { cardText, findAction, findActions } from "../helpers/fake-connector.js";
import { meetingUid } from "../../src/domain/calendar.js";

/**
 * «Føj til kalender» (CALENDAR_SYNC=link, the default) through the real bot: the chair's Teams
 * deep link on the confirmation, the dagsorden and «mine møder»; single-use .ics links for every
 * participant and for the confirmed årshjul, parsed with ical.js; what a move and a cancellation
 * do to the files; nothing about calendars with CALENDAR_SYNC=off.
 */

interface ParsedEvent {
  uid: string;
  sequence: number;
  start: number;
  end: number;
  summary: string;
  description: string;
  status: string;
}

/** The file as a calendar program reads it (ical.js: RFC 5545, unfolding and unescaping). */
function parseIcs(text: string): { method: string; events: ParsedEvent[] } {
  const cal = new ICAL.Component(ICAL.parse(text));
  const events = cal.getAllSubcomponents("vevent").map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      sequence: e.sequence,
      start: e.startDate.toJSDate().getTime(),
      end: e.endDate.toJSDate().getTime(),
      summary: e.summary,
      description: e.description,
      status: String(v.getFirstPropertyValue("status")),
    };
  });
  return { method: String(cal.getFirstPropertyValue("method")), events };
}

/** Every Action.OpenUrl's url in a card. */
function openUrls(card: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === "object") {
      const o = n as Record<string, unknown>;
      if (o.type === "Action.OpenUrl" && typeof o.url === "string") out.push(o.url);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** Content lines as they were before folding (RFC 5545 3.1). */
const unfold = (text: string): string => text.replace(/\r\n[ \t]/g, "");

const TEAMS_NEW_MEETING = "https://teams.microsoft.com/l/meeting/new?";

describe("«Føj til kalender» (CALENDAR_SYNC=link)", () => {
  let h: BotHarness;
  const db = () => h.bot.store.db;
  afterEach(() => h.stop());

  /** Clicks «Hent kalenderfil» / «Føj til kalender»: the link posted to the person's own chat, the card clicked kept. */
  async function fileLink(user: User, data: Record<string, unknown>): Promise<string> {
    const res = await h.click(user, "calendar.file", data);
    expect(res.responseType).toBe("application/vnd.microsoft.activity.message");
    expect(res.card).toBeUndefined();
    const posted = res.posted.map(cardText).find((t) => t.startsWith("Kalenderfil"));
    expect(posted, "link card").toBeDefined();
    const m = /\((http[^)]+\/kalender\/[A-Za-z0-9_-]+\.ics)\)/.exec(posted!);
    expect(m, posted).not.toBeNull();
    return m![1]!;
  }

  /** GET the link, from this test's bot (PUBLIC_URL is its default address, the port is the test's). */
  async function download(url: string) {
    const res = await fetch(url.replace(/^http:\/\/127\.0\.0\.1:\d+/, h.url.replace("/api/messages", "")));
    return { status: res.status, type: res.headers.get("content-type") ?? "", disposition: res.headers.get("content-disposition") ?? "", text: await res.text() };
  }

  it("the confirmation of planlæg 1:1 gives the chair Teams' new-meeting form filled in, and the .ics file", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    await h.install(users.megan);
    const res = await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-14", time: "10:00" });
    expect(cardText(res.card)).toContain("Føj til kalender");
    const meeting = await db().meeting.findFirstOrThrow();

    // Teams' form: subject, start and end with Copenhagen's offset, Megan invited by her address, the description.
    const links = openUrls(res.card).filter((u) => u.startsWith(TEAMS_NEW_MEETING));
    expect(links).toHaveLength(1);
    const url = new URL(links[0]!);
    expect(url.origin + url.pathname).toBe("https://teams.microsoft.com/l/meeting/new");
    expect(url.searchParams.get("subject")).toBe("1:1 ledelsesopfølgning: Alex Wilber og Megan Bowen");
    expect(url.searchParams.get("startTime")).toBe("2027-01-14T10:00:00+01:00");
    expect(url.searchParams.get("endTime")).toBe("2027-01-14T11:00:00+01:00");
    expect(url.searchParams.get("attendees")).toBe("megan.bowen@eksempelkommune.dk");
    const content = url.searchParams.get("content")!;
    expect(content).toContain("1:1 ledelsesopfølgning i Dagtilbud Solsikken");
    expect(content).toContain("Deltagere: Alex Wilber (mødeleder), Megan Bowen.");
    expect(content).toContain("chatten med Læringsloop i Teams");
    // Spaces as %20, not +, so Teams reads them as spaces whichever way it decodes.
    expect(links[0]).not.toContain("+");

    // The chair's .ics: one event, the meeting's time, its stable UID.
    const file = await download(await fileLink(users.alex, { meetingId: meeting.id }));
    expect(file.status).toBe(200);
    expect(file.type).toBe("text/calendar; charset=utf-8; method=PUBLISH");
    expect(file.disposition).toBe('attachment; filename="laeringsloop-2027-01-14.ics"');
    const ics = parseIcs(file.text);
    expect(ics.method).toBe("PUBLISH");
    expect(ics.events).toEqual([
      {
        uid: meetingUid(meeting.id),
        sequence: 0,
        start: Date.parse("2027-01-14T10:00:00+01:00"),
        end: Date.parse("2027-01-14T11:00:00+01:00"),
        summary: "1:1 ledelsesopfølgning: Alex Wilber og Megan Bowen",
        description: content,
        status: "CONFIRMED",
      },
    ]);
    expect(unfold(file.text)).toContain("ORGANIZER;CN=\"Alex Wilber\":mailto:alex.wilber@eksempelkommune.dk");
    for (const line of file.text.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it("the dagsorden and «mine møder»: the participant gets the .ics, not the Teams form; a link works once, only its hash is stored", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    await h.install(users.megan);
    await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-14", time: "10:00" });
    const meeting = await db().meeting.findFirstOrThrow();

    const agenda = await h.click(users.megan, "agenda.open", { meetingId: meeting.id, from: "meetings" });
    const agendaCard = agenda.posted[0] ?? agenda.card;
    expect(cardText(agendaCard)).toContain("Føj til kalender");
    expect(openUrls(agendaCard).filter((u) => u.startsWith(TEAMS_NEW_MEETING))).toEqual([]);
    expect(findAction(agendaCard, "calendar.file")!.data).toEqual({ meetingId: meeting.id });
    const chairAgenda = await h.click(users.alex, "agenda.open", { meetingId: meeting.id, from: "meetings" });
    expect(openUrls(chairAgenda.posted[0] ?? chairAgenda.card).filter((u) => u.startsWith(TEAMS_NEW_MEETING))).toHaveLength(1);

    const mine = await h.say(users.megan, "mine møder");
    expect(findActions(mine.cards[0], "calendar.file").map((a) => a.data)).toEqual([{ meetingId: meeting.id }]);
    const alexMine = await h.say(users.alex, "mine møder");
    expect(openUrls(alexMine.cards[0]).filter((u) => u.startsWith(TEAMS_NEW_MEETING))).toHaveLength(1);

    const url = await fileLink(users.megan, { meetingId: meeting.id });
    const token = /\/kalender\/([A-Za-z0-9_-]+)\.ics$/.exec(url)![1]!;
    expect(await db().calendarFileToken.count({ where: { id: token } })).toBe(0); // only the hash
    expect(await db().calendarFileToken.count({ where: { personId: "megan", meetingId: meeting.id } })).toBe(1);
    const first = await download(url);
    expect(parseIcs(first.text).events.map((e) => e.uid)).toEqual([meetingUid(meeting.id)]);
    const second = await download(url);
    expect(second.status).toBe(410);
    expect(second.text).toContain("Linket er udløbet eller allerede brugt");

    // 15 minutes: an unused link has run out.
    const late = await fileLink(users.megan, { meetingId: meeting.id });
    h.clock.set("2027-01-11T09:15:01+01:00");
    expect((await download(late)).status).toBe(410);

    // Someone who does not take part gets no file and no link.
    const before = await db().calendarFileToken.count();
    const refused = await h.click(users.jonas, "calendar.file", { meetingId: meeting.id });
    expect(refused.responseType).toBe("application/vnd.microsoft.activity.message");
    expect(refused.posted).toEqual([]);
    expect(await db().calendarFileToken.count()).toBe(before);
  });

  it("the confirmed årshjul: one .ics with every meeting the person takes part in; a move bumps SEQUENCE, a cancellation is METHOD:CANCEL; 1:1s only in their two people's files", async () => {
    h = await BotHarness.start({ now: "2026-11-23T09:00:00+01:00" });
    for (const u of [users.alex, users.megan, users.jonas]) await h.install(u);
    const proposal = await h.say(users.alex, "årshjul");
    expect(findAction(proposal.cards[0], "calendar.file")).toBeUndefined(); // not before it is confirmed
    const version = Number(findAction(proposal.cards[0], "yearwheel.confirm")!.data.version);
    const confirmed = await h.click(users.alex, "yearwheel.confirm", { unitId: "solsikken", version });
    expect(cardText(confirmed.card)).toContain("Føj til kalender");
    expect(findAction(confirmed.card, "calendar.file")!.data).toEqual({ unitId: "solsikken" });

    const meetingsOf = async (personId: string) =>
      (await db().meeting.findMany({ where: { unitId: "solsikken", participants: { some: { personId } } }, select: { id: true, startsAt: true, durationMinutes: true, kind: true } })).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    const alexMeetings = await meetingsOf("alex");
    const alexFile = parseIcs((await download(await fileLink(users.alex, { unitId: "solsikken" }))).text);
    expect(alexFile.method).toBe("PUBLISH");
    // The same meetings: one entry per meeting, its time and length, all new.
    expect(alexFile.events.map((e) => [e.uid, e.start, e.end, e.sequence, e.status])).toEqual(
      alexMeetings.map((m) => [meetingUid(m.id), m.startsAt.getTime(), m.startsAt.getTime() + m.durationMinutes * 60_000, 0, "CONFIRMED"]),
    );
    expect(alexFile.events.length).toBe(16); // 4 læringssamtaler, 12 1:1s: not Megan's 1:1s with Jonas

    // Megan has all 28; Jonas the læringssamtaler and his own 1:1s with Megan, never Alex's and Megan's.
    const meganFile = parseIcs((await download(await fileLink(users.megan, { unitId: "solsikken" }))).text);
    expect(meganFile.events).toHaveLength(28);
    const jonasFile = parseIcs((await download(await fileLink(users.jonas, { unitId: "solsikken" }))).text);
    const oneOnOnes = new Set(alexMeetings.filter((m) => m.kind === "one_on_one").map((m) => meetingUid(m.id)));
    expect(jonasFile.events.filter((e) => oneOnOnes.has(e.uid))).toEqual([]);
    expect(jonasFile.events.map((e) => e.uid).sort()).toEqual((await meetingsOf("jonas")).map((m) => meetingUid(m.id)).sort());
    expect(jonasFile.events.some((e) => e.summary.includes("Alex Wilber og Megan Bowen"))).toBe(false);

    // Moved in the årshjul: the same UID, a later SEQUENCE, the new time; the others unchanged.
    const moving = alexMeetings.find((m) => m.kind === "one_on_one")!;
    const entry = await db().yearWheelEntry.findFirstOrThrow({ where: { meetingId: moving.id } });
    const wheelVersion = (await db().yearWheel.findFirstOrThrow({ where: { unitId: "solsikken" } })).version;
    const moved = await h.click(users.alex, "yearwheel.move", { unitId: "solsikken", version: wheelVersion, entryId: entry.id, date: "2027-03-16", time: "13:00" });
    expect(cardText(moved.card)).toContain("Mødet er flyttet");
    const afterMove = parseIcs((await download(await fileLink(users.alex, { unitId: "solsikken" }))).text);
    const movedEvent = afterMove.events.find((e) => e.uid === meetingUid(moving.id))!;
    expect(movedEvent.sequence).toBe(1);
    expect(movedEvent.start).toBe(Date.parse("2027-03-16T13:00:00+01:00"));
    expect(afterMove.events.filter((e) => e.uid !== movedEvent.uid).every((e) => e.sequence === 0)).toBe(true);
    expect(afterMove.events).toHaveLength(alexFile.events.length);

    // Cancelled by the chair: the meeting's own file is a cancellation with a later SEQUENCE ...
    await h.click(users.alex, "meeting.cancel", { meetingId: moving.id });
    expect((await db().meeting.findUniqueOrThrow({ where: { id: moving.id } })).status).toBe("cancelled");
    const agenda = await h.click(users.megan, "agenda.open", { meetingId: moving.id, from: "meetings" });
    expect(cardText(agenda.posted[0] ?? agenda.card)).toContain("Fjern fra kalender");
    const cancelFile = await download(await fileLink(users.megan, { meetingId: moving.id }));
    expect(cancelFile.type).toBe("text/calendar; charset=utf-8; method=CANCEL");
    const cancel = parseIcs(cancelFile.text);
    expect(cancel.method).toBe("CANCEL");
    expect(cancel.events).toMatchObject([{ uid: meetingUid(moving.id), sequence: 2, status: "CANCELLED" }]);
    expect(unfold(cancelFile.text)).toContain("ATTENDEE;ROLE=REQ-PARTICIPANT;CN=\"Megan Bowen\":mailto:megan.bowen@eksempelkommune.dk");
    // ... and in the årshjul's file it stays, marked cancelled with its newer SEQUENCE (the meeting's own file is what takes it out).
    const afterCancelText = (await download(await fileLink(users.alex, { unitId: "solsikken" }))).text;
    const afterCancel = parseIcs(afterCancelText);
    expect(afterCancel.events.find((e) => e.uid === meetingUid(moving.id))).toMatchObject({ sequence: 2, status: "CANCELLED" });
    expect(afterCancel.method).toBe("PUBLISH");
    expect(afterCancelText).not.toContain("ATTENDEE"); // RFC 5546 3.2.1: none in a PUBLISH
  });

  it("the årshjul offers the file whenever the person takes part in one of its meetings: the leader's own 1:1s before the chief confirms, not the chief's wheel with none of his", async () => {
    h = await BotHarness.start({ now: "2026-11-23T09:00:00+01:00" });
    for (const u of [users.alex, users.megan, users.jonas]) await h.install(u);
    const wheel = (await h.say(users.megan, "årshjul")).cards[0];
    expect(findAction(wheel, "calendar.file")).toBeUndefined(); // no meeting yet
    const made = await h.click(users.megan, "yearwheel.confirmOwn", findAction(wheel, "yearwheel.confirmOwn")!.data);
    expect(cardText(made.card)).toContain("12 1:1 med pædagogiske ledere er oprettet.");
    expect((await db().yearWheel.findFirstOrThrow()).status).toBe("proposed");
    // Megan takes part in her 12 1:1s: the button, and a file with them.
    expect(findAction(made.card, "calendar.file")!.data).toEqual({ unitId: "solsikken" });
    // A cancelled meeting leaves the calendar through its own «Fjern fra kalender», not by importing the file again.
    expect(cardText(made.card)).toContain("Aflyses et møde, fjerner du det fra kalenderen med «Fjern fra kalender» på mødet");
    const meganFile = parseIcs((await download(await fileLink(users.megan, { unitId: "solsikken" }))).text);
    expect(meganFile.events).toHaveLength(12);
    // Alex takes part in none of them: his wheel (still a proposal) offers nothing.
    const alexWheel = (await h.say(users.alex, "årshjul")).cards[0];
    expect(findAction(alexWheel, "calendar.file")).toBeUndefined();
    expect(cardText(alexWheel)).not.toContain("Føj til kalender");
  });
});

describe("CALENDAR_SYNC=off", () => {
  let h: BotHarness;
  afterEach(() => h.stop());

  it("no card says anything about calendars, and a stale button gets no file", async () => {
    h = await BotHarness.start({ now: "2026-11-23T09:00:00+01:00", env: { CALENDAR_SYNC: "off" } });
    for (const u of [users.alex, users.megan]) await h.install(u);
    const cards: unknown[] = [];
    const proposal = await h.say(users.alex, "årshjul");
    const version = Number(findAction(proposal.cards[0], "yearwheel.confirm")!.data.version);
    cards.push((await h.click(users.alex, "yearwheel.confirm", { unitId: "solsikken", version })).card);
    cards.push((await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2026-11-26", time: "10:00" })).card);
    const meeting = await h.bot.store.db.meeting.findFirstOrThrow({ where: { kind: "one_on_one" }, orderBy: { startsAt: "asc" } });
    for (const u of [users.alex, users.megan]) {
      const agenda = await h.click(u, "agenda.open", { meetingId: meeting.id, from: "meetings" });
      cards.push(agenda.posted[0] ?? agenda.card);
      cards.push((await h.say(u, "mine møder")).cards[0]);
    }
    expect(cards.every(Boolean)).toBe(true);
    for (const card of cards) {
      const json = JSON.stringify(card);
      expect(json).not.toMatch(/kalender|calendar\.file|teams\.microsoft\.com\/l\/meeting/i);
    }
    const stale = await h.click(users.megan, "calendar.file", { meetingId: meeting.id });
    expect(stale.posted).toEqual([]);
    expect(await h.bot.store.db.calendarFileToken.count()).toBe(0);
  });
});
