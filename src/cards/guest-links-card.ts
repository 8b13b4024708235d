import type { GuestMailState } from "../domain/guest-link-mail-service.js";
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
  /** GUEST_LINK_MAIL=graph: each live link's mail (by link id); absent when the bot sends no mail. */
  mail?: ReadonlyMap<string, GuestMailState>;
  tz: string;
  feedback?: CardFeedback;
}

/** What the chair reads under a guest's name about the link's e-mail, and whether «Send link på e-mail» is offered. */
export function guestMailLine(g: { person: Person; revoked: boolean; mail?: GuestMailState }, tz: string): { state: string; button: string } {
  const s = strings.guestLinkMail;
  const address = g.person.email;
  if (!address) return { state: s.noAddress, button: "" };
  if (g.revoked) return { state: s.revoked, button: "" };
  switch (g.mail?.status) {
    case undefined:
      return { state: "", button: s.button };
    case "queued":
      return { state: s.queued(address), button: "" };
    case "sent":
      return { state: s.sent(address, formatDateTime(g.mail.at, tz)), button: "" };
    case "unconfirmed":
      return { state: s.unconfirmed(address, formatDateTime(g.mail.at, tz)), button: "" };
    case "failed":
      return { state: s.failed(address), button: s.again };
  }
}

/**
 * The chair's «Deltagere uden Teams» (issue 22, point 3; decision 0025): per participant outside
 * Teams their name, role, e-mail or phone, until when their link works, «Kopiér link» (Adaptive
 * Cards have no clipboard action: it shows the address in a text field to select and copy),
 * «Tilbagekald link» behind a confirmation, and «Nyt link» once revoked.
 */
export function guestLinksCardData({ meeting, guests, mail, tz, feedback }: GuestLinksCardInput) {
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
      // A revoked link has nothing to send (the line says so already).
      const mailLine = mail && live ? guestMailLine({ person: g.person, revoked: false, mail: mail.get(g.link!.linkId) }, tz) : { state: "", button: "" };
      return {
        mailState: mailLine.state,
        mailButton: mailLine.button,
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
