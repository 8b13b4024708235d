import { describe, expect, it } from "vitest";
import { resolve } from "node:path";
import { createCalendarSyncService, calendarEventKey, declinedKey, declinerOfKey } from "../../src/domain/calendar-sync-service.js";
import type { CalendarEventRepository } from "../../src/domain/ports.js";
import type { Meeting, Person } from "../../src/domain/types.js";
import { readTemplates } from "../../src/store/template-loader.js";

const templates = readTemplates(resolve(import.meta.dirname, "../../config/templates"));
const BOT = "6f1c1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f";
const alex: Person = { id: "alex", aadObjectId: "aad-alex", name: "Alex Wilber", email: "alex.wilber@kommune.dk", active: true };
const odd: Person = { id: "odd", aadObjectId: "aad-odd", name: `<img src=x onerror="alert('x')"> & Co`, email: "odd@kommune.dk", active: true };
const parent: Person = { id: "bo", aadObjectId: "aad-bo", name: "Bo Kristensen", active: true };
const meeting: Meeting = {
  id: "m-1",
  kind: "laeringssamtale",
  unit: { id: "u", name: "Dagtilbud <Solsikken>", type: "dagtilbud", selvejende: false, areaId: "a", active: true } as Meeting["unit"],
  chairId: alex.id,
  startsAt: new Date("2027-06-15T07:00:00Z"),
  durationMinutes: 120,
  status: "planned",
  version: 3,
  referatVersion: 0,
  carriedFrozen: false,
  participants: [
    { person: alex, role: "chair" },
    { person: odd, role: "leader" },
    { person: parent, role: "bestyrelsesrepraesentant" },
  ],
  firstOfLoop: false,
  templateId: "laeringssamtale-opfoelgende",
};
const service = (mode: "graph" | "link", botId?: string) =>
  createCalendarSyncService({ meetings: { get: async () => meeting }, events: {} as CalendarEventRepository, clock: { now: () => new Date("2027-06-01T08:00:00Z") }, settings: { calendarSync: { mode, botId }, templates } });

describe("the meeting as its event in the chair's calendar", () => {
  it("invites the others with an address, escapes people's and units' names as HTML text, lists the dagsorden, links to the bot", () => {
    const entry = service("graph", BOT).entryOf(meeting);
    expect(entry.subject).toBe("Læringssamtale: Dagtilbud <Solsikken>"); // a subject is text in Graph, not HTML
    expect(entry.attendees).toEqual([{ name: odd.name, email: "odd@kommune.dk" }]); // not the chair, not Bo (no address)
    expect(entry.start.toISOString()).toBe("2027-06-15T07:00:00.000Z");
    expect(entry.end.toISOString()).toBe("2027-06-15T09:00:00.000Z");
    expect(entry.transactionId).toBe("laeringsloop-m-1");
    expect(entry.bodyHtml).not.toContain("<img");
    expect(entry.bodyHtml).not.toContain("<Solsikken>");
    expect(entry.bodyHtml).toContain("&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt; &amp; Co");
    expect(entry.bodyHtml).toContain("Dagtilbud &lt;Solsikken&gt;");
    expect(entry.bodyHtml).toContain("Bo Kristensen");
    expect(entry.bodyHtml).toContain("<p><b>Dagsorden</b></p><ol><li>");
    for (const item of templates["laeringssamtale-opfoelgende"].agenda) expect(entry.bodyHtml).toContain(item.title.replace(/&/g, "&amp;"));
    expect(entry.bodyHtml).not.toContain("finder I i chatten");
    expect(service("graph").entryOf(meeting).bodyHtml).toContain("<p>Dagsorden, refleksionsguide og opfølgning finder I i chatten med Læringsloop i Teams.</p>"); // local mode: no bot id
    expect(entry.bodyHtml).toContain(`<a href="https://teams.microsoft.com/l/chat/0/0?users=28%3A${BOT}">Åbn dagsordenen i Læringsloop</a>`);
  });

  it("plans one row per version of the meeting, to the chair, only with CALENDAR_SYNC=graph", () => {
    const now = new Date("2027-06-01T08:00:00Z");
    expect(service("graph").rowsFor(meeting, now)).toEqual([{ key: "calendar_event:m-1:v3:120m", kind: "calendar_event", personId: "alex", subjectId: "m-1", dueAt: now }]);
    expect(calendarEventKey({ ...meeting, version: 4 })).toBe("calendar_event:m-1:v4:120m");
    expect(service("link").rowsFor(meeting, now)).toEqual([]);
    expect(declinerOfKey(declinedKey(meeting, "odd"))).toBe("odd");
  });
});
