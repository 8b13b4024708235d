import type { GuestMailState } from "../domain/guest-link-mail-service.js";
import type { Meeting, Person } from "../domain/types.js";
import { formatDateTime } from "../lib/format-da.js";
import type { CardText } from "../lib/markup.js";
import { strings } from "../lib/strings.da.js";
import type { CardFeedback } from "./feedback.js";
import { meetingWhen } from "./meeting-labels.js";
import { expand, type AdaptiveCard } from "./template.js";

/** One person outside Teams on the chair's card: their live link's mail, if any (none: revoked or not asked). */
export interface GuestMailRow {
  person: Person;
  /** The live link's mail state; undefined when never asked (or dropped). */
  mail?: GuestMailState;
  /** The chair revoked the link and made no new one: nothing to send. */
  revoked: boolean;
}

export interface GuestLinkMailCardInput {
  meeting: Meeting;
  guests: GuestMailRow[];
  tz: string;
  feedback?: CardFeedback;
}

/** What the chair reads under a guest's name, and whether «Send link på e-mail» is offered. */
export function guestMailLine(g: GuestMailRow, tz: string): { state: string; button: string } {
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

/** The chair's card for e-mailing the guest links of a meeting (GUEST_LINK_MAIL=graph; decision 0025). */
export function guestLinkMailCardData({ meeting, guests, tz, feedback }: GuestLinkMailCardInput) {
  const s = strings.guestLinkMail;
  const text = (t: CardText | undefined) => t ?? "";
  return {
    title: s.heading,
    whenLabel: strings.meeting.when,
    when: meetingWhen(meeting, tz),
    unitLabel: strings.meeting.unit,
    unit: meeting.unit.name,
    intro: s.intro,
    notice: text(feedback?.notice),
    error: text(feedback?.error),
    meetingId: meeting.id,
    guests: guests.map((g) => ({ name: g.person.name, personId: g.person.id, ...guestMailLine(g, tz) })),
  };
}

export const buildGuestLinkMailCard = (input: GuestLinkMailCardInput): AdaptiveCard => expand("guest-link-mail", guestLinkMailCardData(input));
