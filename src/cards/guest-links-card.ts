import { strings } from "../lib/strings.da.js";
import { formatDateShort, formatDateTime } from "../lib/format-da.js";
import { localDateOf } from "../lib/zoned-time.js";
import type { Meeting, ParticipantRole, Person } from "../domain/types.js";
import type { CardFeedback } from "./feedback.js";
import { kindDefinite } from "./meeting-labels.js";
import { expand, type AdaptiveCard } from "./template.js";

/** One participant outside Teams, with their link as the chair sees it. */
export interface GuestLinkLine {
  person: Person;
  role: ParticipantRole;
  /** Absent when the meeting is cancelled (no link is made). */
  link?: { linkId: string; url: string; expiresAt: Date; revoked: boolean };
}

export interface GuestLinksCardInput {
  meeting: Meeting;
  guests: GuestLinkLine[];
  tz: string;
  feedback?: CardFeedback;
}

/**
 * The chair's «Deltagere uden Teams» (issue 22, point 3; decision 0025): per participant outside
 * Teams their name, role, e-mail or phone, until when their link works, «Kopiér link» (Adaptive
 * Cards have no clipboard action: it shows the address in a text field to select and copy),
 * «Tilbagekald link» behind a confirmation, and «Nyt link» once revoked.
 */
export function guestLinksCardData({ meeting, guests, tz, feedback }: GuestLinksCardInput) {
  const s = strings.guestLinks;
  return {
    title: s.title,
    notice: feedback?.notice ?? "",
    error: feedback?.error ?? "",
    intro: guests.length ? s.intro(kindDefinite(meeting), formatDateTime(meeting.startsAt, tz)) : s.none,
    meetingId: meeting.id,
    copyButton: s.copyButton,
    copyLabel: s.copyLabel,
    revokeButton: s.revokeButton,
    revokeYes: s.revokeYes,
    newButton: s.newButton,
    guests: guests.map((g, i) => {
      const live = g.link !== undefined && !g.link.revoked;
      return {
        name: g.person.origin === "guest" ? strings.people.guestName(g.person.name) : g.person.name,
        role: s.role(strings.meeting.roles[g.role]),
        contact: s.contact([g.person.email ?? "", g.person.phone ?? ""].filter(Boolean)),
        status: !g.link ? s.cancelledLine : g.link.revoked ? s.revokedLine : s.expires(formatDateShort(localDateOf(g.link.expiresAt, tz))),
        live,
        renewable: g.link?.revoked === true && meeting.status !== "cancelled",
        inputId: `guestLink${i}`,
        url: live ? g.link!.url : "",
        linkId: g.link?.linkId ?? "",
        personId: g.person.id,
        confirm: s.revokeConfirm(g.person.name),
      };
    }),
  };
}

export const buildGuestLinksCard = (input: GuestLinksCardInput): AdaptiveCard => expand("guest-links", guestLinksCardData(input));
