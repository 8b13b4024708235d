import { describe, expect, it } from "vitest";
import { botChatUrl, calendarMethod, isoWithOffset, meetingDescription, meetingEvent, teamsMeetingLink } from "../../src/domain/calendar.js";
import type { Meeting, Person } from "../../src/domain/types.js";

const tz = "Europe/Copenhagen";
const alex: Person = { id: "alex", aadObjectId: "aad-alex", name: "Alex Wilber", email: "alex.wilber@kommune.dk", active: true };
const megan: Person = { id: "megan", aadObjectId: "aad-megan", name: "Megan Bowen", email: "megan+loop@kommune.dk", active: true };
const bo: Person = { id: "bo", aadObjectId: "aad-bo", name: "Bo Kristensen, formand; bestyrelsen", active: true };
const BOT = "6f1c1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f";
const settings = (mode: "link" | "graph" | "off" = "link", botId: string | undefined = BOT) => ({ calendarSync: { mode, botId }, timezone: tz });

const meeting = (over: Partial<Meeting> = {}): Meeting => ({
  id: "m-1",
  kind: "laeringssamtale",
  unit: { id: "solsikken", name: "Dagtilbud Solsikken", type: "dagtilbud", selvejende: false } as Meeting["unit"],
  chairId: alex.id,
  startsAt: new Date("2027-06-15T07:00:00Z"),
  durationMinutes: 120,
  status: "planned",
  version: 1,
  referatVersion: 0,
  carriedFrozen: false,
  participants: [
    { person: alex, role: "chair" },
    { person: megan, role: "leader" },
    { person: bo, role: "bestyrelsesrepraesentant" },
  ],
  firstOfLoop: false,
  templateId: "laeringssamtale-opfoelgende",
  ...over,
});
const before = new Date("2027-06-01T08:00:00Z");

describe("Teams' new-meeting deep link", () => {
  it("fills in subject, start and end with Copenhagen's offset, the others' addresses and the description", () => {
    const link = teamsMeetingLink(meeting(), alex, settings(), before)!;
    const url = new URL(link);
    expect(`${url.origin}${url.pathname}`).toBe("https://teams.microsoft.com/l/meeting/new");
    expect([...url.searchParams.keys()]).toEqual(["subject", "startTime", "endTime", "content", "attendees"]);
    expect(url.searchParams.get("subject")).toBe("Læringssamtale: Dagtilbud Solsikken");
    expect(url.searchParams.get("startTime")).toBe("2027-06-15T09:00:00+02:00"); // summer time
    expect(url.searchParams.get("endTime")).toBe("2027-06-15T11:00:00+02:00");
    // Megan's «+» survives (encoded); Bo has no address and is not an attendee; Alex is the organiser.
    expect(url.searchParams.get("attendees")).toBe("megan+loop@kommune.dk");
    expect(link).toContain("attendees=megan%2Bloop@kommune.dk");
    expect(url.searchParams.get("content")).toBe(meetingDescription(meeting(), BOT));
    expect(url.searchParams.get("content")).toContain(`https://teams.microsoft.com/l/chat/0/0?users=28%3A${BOT}`);
  });

  it("is only for the chair, of a meeting still to come, and only with CALENDAR_SYNC=link", () => {
    expect(teamsMeetingLink(meeting(), megan, settings(), before)).toBeUndefined();
    expect(teamsMeetingLink(meeting({ status: "cancelled" }), alex, settings(), before)).toBeUndefined();
    expect(teamsMeetingLink(meeting(), alex, settings(), new Date("2027-06-15T09:00:00Z"))).toBeUndefined();
    expect(teamsMeetingLink(meeting(), alex, settings("off"), before)).toBeUndefined();
    // With graph the bot makes the Teams meeting itself: a second one from the form would double-book.
    expect(teamsMeetingLink(meeting(), alex, settings("graph"), before)).toBeUndefined();
  });

  it("writes the offset of the zone at the meeting's own date", () => {
    expect(isoWithOffset(new Date("2027-01-14T09:00:00Z"), tz)).toBe("2027-01-14T10:00:00+01:00");
    expect(isoWithOffset(new Date("2027-03-28T01:30:00Z"), tz)).toBe("2027-03-28T03:30:00+02:00");
    expect(isoWithOffset(new Date("2027-10-31T00:30:00Z"), tz)).toBe("2027-10-31T02:30:00+02:00");
    expect(isoWithOffset(new Date("2027-10-31T01:30:00Z"), tz)).toBe("2027-10-31T02:30:00+01:00");
  });

  it("links back to the bot's chat only when the bot has an id", () => {
    expect(botChatUrl(BOT)).toBe(`https://teams.microsoft.com/l/chat/0/0?users=28%3A${BOT}`);
    expect(meetingDescription(meeting(), undefined)).not.toContain("https://");
  });
});

describe("a meeting as a calendar entry", () => {
  it("has a stable UID, the chair as organiser, and names the cancelled meeting's people", () => {
    const e = meetingEvent(meeting(), 0, BOT, "PUBLISH");
    expect(e).toMatchObject({ uid: "m-1@laeringsloop", sequence: 0, status: "CONFIRMED", organizer: { name: "Alex Wilber", email: "alex.wilber@kommune.dk" }, attendees: undefined });
    expect(e.end.toISOString()).toBe("2027-06-15T09:00:00.000Z");
    const cancelled = meetingEvent(meeting({ status: "cancelled" }), 2, BOT, "CANCEL");
    expect(cancelled).toMatchObject({ uid: "m-1@laeringsloop", sequence: 2, status: "CANCELLED", summary: "Aflyst: Læringssamtale: Dagtilbud Solsikken" });
    expect(cancelled.attendees!.map((a) => a.email)).toEqual(["alex.wilber@kommune.dk", "megan+loop@kommune.dk"]);
  });

  it("names no ATTENDEE in a PUBLISH file, not even for a cancelled meeting (RFC 5546 3.2.1)", () => {
    const inWheel = meetingEvent(meeting({ status: "cancelled" }), 2, BOT, "PUBLISH");
    expect(inWheel).toMatchObject({ status: "CANCELLED", organizer: { email: "alex.wilber@kommune.dk" } });
    expect(inWheel.attendees).toBeUndefined();
  });

  it("is a CANCEL only for one cancelled meeting with the chair's address as ORGANIZER and someone else's as ATTENDEE (RFC 5546 3.2.5)", () => {
    const cancelled = meeting({ status: "cancelled" });
    expect(calendarMethod([cancelled])).toBe("CANCEL");
    expect(calendarMethod([meeting()])).toBe("PUBLISH");
    expect(calendarMethod([cancelled, meeting({ id: "m-2" })])).toBe("PUBLISH");
    // The chair has no address: no ORGANIZER, so a PUBLISH with the entry marked cancelled.
    const noOrganiser = meeting({ status: "cancelled", participants: [{ person: { ...alex, email: undefined }, role: "chair" }, { person: megan, role: "leader" }] });
    expect(calendarMethod([noOrganiser])).toBe("PUBLISH");
    expect(meetingEvent(noOrganiser, 1, BOT, calendarMethod([noOrganiser]))).toMatchObject({ status: "CANCELLED", organizer: undefined, attendees: undefined });
    // No one but the chair has an address: no ATTENDEE to cancel for.
    const noAttendee = meeting({ status: "cancelled", participants: [{ person: alex, role: "chair" }, { person: bo, role: "bestyrelsesrepraesentant" }] });
    expect(calendarMethod([noAttendee])).toBe("PUBLISH");
  });

  it("names a 1:1 by its two people and says nothing of its content", () => {
    const oneOnOne = meeting({ kind: "one_on_one", durationMinutes: 60, participants: [{ person: alex, role: "chair" }, { person: megan, role: "leader" }] });
    const e = meetingEvent(oneOnOne, 0, undefined, "PUBLISH");
    expect(e.summary).toBe("1:1 ledelsesopfølgning: Alex Wilber og Megan Bowen");
    expect(e.description).toBe(
      "Læringsloop: 1:1 ledelsesopfølgning i Dagtilbud Solsikken.\nDeltagere: Alex Wilber (mødeleder), Megan Bowen.\nDagsorden, refleksionsguide og opfølgning finder I i chatten med Læringsloop i Teams.",
    );
  });
});
