import { strings } from "../lib/strings.da.js";
import { md, mdLink } from "../lib/markup.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface CalendarLinkCardInput {
  /** What the file holds, as a sentence (strings.calendar.meetingLink / unitLink). */
  intro: string;
  /** The file's single-use link, as a full URL. */
  url: string;
}

/**
 * The person's own link to a calendar file, in their personal chat: once, for 15 minutes. The same
 * template as the export's links (a title, a sentence, the links, when they expire).
 */
export function calendarLinkCardData({ intro, url }: CalendarLinkCardInput) {
  const s = strings.calendar;
  return { title: s.linkTitle, intro, links: [{ line: md`- ${mdLink(s.download, url)}` }], expires: s.expires };
}

export const buildCalendarLinkCard = (input: CalendarLinkCardInput): AdaptiveCard => expand("export-links", calendarLinkCardData(input));
