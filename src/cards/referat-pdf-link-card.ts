import { strings } from "../lib/strings.da.js";
import { formatDateLong } from "../lib/format-da.js";
import { md, mdLink } from "../lib/markup.js";
import { localDateOf } from "../lib/zoned-time.js";
import type { Meeting } from "../domain/types.js";
import { expand, type AdaptiveCard } from "./template.js";

export interface ReferatPdfLinkCardInput {
  meeting: Meeting;
  tz: string;
  /** The file's single-use link, as a full URL. */
  url: string;
}

/**
 * The participant's own link to the referat as a PDF, in their personal chat: once, for 15
 * minutes. The same template as the export's links (a title, a sentence, the link, when it expires).
 */
export function referatPdfLinkCardData({ meeting, tz, url }: ReferatPdfLinkCardInput) {
  const s = strings.referatPdf;
  return {
    title: s.linkTitle,
    intro: s.linkText(strings.meeting.kinds[meeting.kind], meeting.unit.name, formatDateLong(localDateOf(meeting.startsAt, tz))),
    links: [{ line: md`- ${mdLink(s.download, url)}` }],
    expires: s.expires,
  };
}

export const buildReferatPdfLinkCard = (input: ReferatPdfLinkCardInput): AdaptiveCard => expand("export-links", referatPdfLinkCardData(input));
