import { describe, expect, it } from "vitest";
import ICAL from "ical.js";
import { escapeText, foldLine, writeCalendar, type IcsEvent } from "../../src/lib/icalendar.js";

const event = (over: Partial<IcsEvent> = {}): IcsEvent => ({
  uid: "m-1@laeringsloop",
  sequence: 0,
  start: new Date("2027-03-02T08:00:00Z"),
  end: new Date("2027-03-02T10:00:00Z"),
  summary: "Læringssamtale: Dagtilbud Solsikken",
  description: "Tekst",
  status: "CONFIRMED",
  ...over,
});

/** What a calendar program reads back (ical.js unfolds and unescapes). */
const readBack = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));

describe("iCalendar writer (RFC 5545)", () => {
  it.each([
    ["comma", "Sprog, trivsel og overgange", "Sprog\\, trivsel og overgange"],
    ["semicolon", "Punkt 1; punkt 2", "Punkt 1\\; punkt 2"],
    ["backslash", "C:\\mappe", "C:\\\\mappe"],
    ["line breaks", "Første linje\nAnden linje\r\nTredje", "Første linje\\nAnden linje\\nTredje"],
  ])("escapes a %s in text, and a calendar reads the text back unchanged", (_what, text, escaped) => {
    expect(escapeText(text)).toBe(escaped);
    const ics = writeCalendar({ method: "PUBLISH", stamp: new Date("2027-01-01T00:00:00Z"), events: [event({ summary: text, description: `${text}\n${text}` })] });
    const [e] = readBack(ics);
    expect(e!.summary).toBe(text.replace(/\r\n/g, "\n"));
    expect(e!.description).toBe(`${text}\n${text}`.replace(/\r\n/g, "\n"));
  });

  it("folds lines at 75 octets without splitting æ, ø or å, and unfolds to the same text", () => {
    const long = "Læringssamtale med bestyrelsen, pædagogiske ledere og medarbejderrepræsentanten i Dagtilbud Solsikken: æøå ÆØÅ ".repeat(4);
    const ics = writeCalendar({ method: "PUBLISH", stamp: new Date("2027-01-01T00:00:00Z"), events: [event({ description: long })] });
    const lines = ics.split("\r\n");
    expect(lines.at(-1)).toBe(""); // ends with CRLF
    for (const line of lines) {
      expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
      expect(line).not.toContain("\uFFFD");
    }
    expect(lines.filter((l) => l.startsWith(" ")).length).toBeGreaterThan(3);
    expect(readBack(ics)[0]!.description).toBe(long);
    // A folded line is the original split into pieces, each continuation after one space.
    expect(foldLine("x".repeat(200)).split("\r\n").map((l) => l.length)).toEqual([75, 75, 52]);
  });

  it("writes times in UTC and the scheduling fields a re-import needs", () => {
    const ics = writeCalendar({
      method: "CANCEL",
      stamp: new Date("2027-01-05T12:00:00Z"),
      name: "Læringsloop – Solsikken",
      events: [event({ sequence: 3, status: "CANCELLED", organizer: { name: 'Alex "Chef" Wilber', email: "alex@k.dk" }, attendees: [{ name: "Megan Bowen", email: "megan@k.dk" }] })],
    });
    expect(ics).toContain("METHOD:CANCEL\r\n");
    expect(ics).toContain("DTSTART:20270302T080000Z\r\n");
    expect(ics).toContain("DTEND:20270302T100000Z\r\n");
    expect(ics).toContain("DTSTAMP:20270105T120000Z\r\n");
    expect(ics).toContain("SEQUENCE:3\r\n");
    expect(ics).toContain("STATUS:CANCELLED\r\n");
    expect(ics).toContain('ORGANIZER;CN="Alex Chef Wilber":mailto:alex@k.dk\r\n');
    const [e] = readBack(ics);
    expect(e!.uid).toBe("m-1@laeringsloop");
    expect(e!.sequence).toBe(3);
    expect(e!.startDate.toJSDate().toISOString()).toBe("2027-03-02T08:00:00.000Z");
    expect(e!.attendees.map((a) => String(a.getFirstValue()))).toEqual(["mailto:megan@k.dk"]);
  });
});
