/**
 * A small iCalendar (RFC 5545) writer for the bot's meetings: one VCALENDAR with VEVENTs, times in
 * UTC (every calendar program shows them in its own zone; no VTIMEZONE to keep right), text escaped
 * and lines folded as the RFC says. Scheduling semantics (METHOD, SEQUENCE, STATUS) follow RFC 5546.
 */

export interface IcsPerson {
  name: string;
  email: string;
}

export interface IcsEvent {
  /** Stable per meeting: importing the file again updates the entry instead of adding one. */
  uid: string;
  /** Grows with every change of time or status (RFC 5546: a newer version wins). */
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  status: "CONFIRMED" | "CANCELLED";
  organizer?: IcsPerson;
  /** Only in a CANCEL: those the cancellation concerns (RFC 5546 3.2.5). */
  attendees?: IcsPerson[];
  url?: string;
}

export interface IcsCalendar {
  method: "PUBLISH" | "CANCEL";
  /** When the file was made (DTSTAMP of every event). */
  stamp: Date;
  /** The calendar's name, shown by some programs on import (X-WR-CALNAME). */
  name?: string;
  events: IcsEvent[];
}

export const PRODID = "-//Laeringsloop//Laeringsloop//DA";

/** A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks escaped. */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** A parameter value (CN=…): quoted, without the characters a quoted value may not hold. */
function paramValue(text: string): string {
  const clean = [...text].filter((ch) => ch !== '"' && ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f).join("").trim();
  return `"${clean}"`;
}

/** 20270302T080000Z */
export function utcStamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

const encoder = new TextEncoder();

/**
 * Folds a content line at 75 octets (RFC 5545 3.1): each continuation starts with one space. A
 * character is never split, so a multi-octet UTF-8 character (æ, ø, å) stays whole.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  let size = 0;
  let limit = 75;
  for (const ch of line) {
    const n = encoder.encode(ch).length;
    if (size + n > limit) {
      parts.push(current);
      current = "";
      size = 0;
      limit = 74; // the leading space counts
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

const person = (p: IcsPerson): string => `;CN=${paramValue(p.name)}:mailto:${p.email}`;

/** The whole file, CRLF line ends, every line folded. */
export function writeCalendar(cal: IcsCalendar): string {
  const lines: string[] = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:${PRODID}`, "CALSCALE:GREGORIAN", `METHOD:${cal.method}`];
  if (cal.name) lines.push(`X-WR-CALNAME:${escapeText(cal.name)}`);
  const stamp = utcStamp(cal.stamp);
  for (const e of cal.events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${e.uid}`,
      `SEQUENCE:${e.sequence}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${utcStamp(e.start)}`,
      `DTEND:${utcStamp(e.end)}`,
      `SUMMARY:${escapeText(e.summary)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      `STATUS:${e.status}`,
      "TRANSP:OPAQUE",
    );
    if (e.url) lines.push(`URL:${e.url}`);
    if (e.organizer) lines.push(`ORGANIZER${person(e.organizer)}`);
    for (const a of e.attendees ?? []) lines.push(`ATTENDEE;ROLE=REQ-PARTICIPANT${person(a)}`);
    lines.push("END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
