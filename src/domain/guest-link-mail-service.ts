import { AppError } from "../lib/errors.js";
import { formatDateTime, formatInstantDateShort } from "../lib/format-da.js";
import { strings } from "../lib/strings.da.js";
import { assertChair } from "./access.js";
import { kindKey, meetingTitle } from "./calendar.js";
import { UNCONFIRMED as UNCONFIRMED_AFTER_CRASH, UNCONFIRMED_TIMEOUT } from "./delivery-service.js";
import { effectsOf, noEffects, type Effects } from "./effects.js";
import { guestLinkExpiry, type GuestLinkService } from "./guest-link-service.js";
import type { Clock, GuestLinkRepository, Logger, MailGateway, MeetingRepository, NotificationRepository, OutgoingMail } from "./ports.js";
import { isExternal, type Meeting, type Notification, type Person } from "./types.js";

/**
 * The guest link e-mailed from the chair's own mailbox through Microsoft Graph (GUEST_LINK_MAIL=graph,
 * Mail.Send; issue 22, point 3; docs/decisions/0025-people-outside-teams.md).
 *
 * The chair's click plans one outbox row `guest_link_mail:<linkId>:<n>` (to the chair, about the
 * meeting); the row goes in the Graph job with the calendar rows (sync-calendars), through the same
 * per-mailbox share. At most once: a second click finds the row (pending, on its way or sent) and
 * plans nothing; the row is noted as being sent before the call, and a row found so after a crash,
 * or a call that got no answer, is marked sent «unconfirmed», never sent again (Graph's sendMail
 * takes no transactionId: a repeat would be a second mail). Only a mail that failed or was dropped
 * can be asked for again (`n` counts those). Neither the address nor the link is ever logged.
 */

export interface GuestLinkMailDeps {
  notifications: NotificationRepository;
  links: Pick<GuestLinkRepository, "byId" | "live">;
  meetings: Pick<MeetingRepository, "get">;
  /** The link of a person outside Teams (made if missing) and a link's address. */
  guestLinks: Pick<GuestLinkService, "linkFor" | "urlOf" | "guestOf">;
  /** Absent: GUEST_LINK_MAIL=off (no button, rows planned before end as cancelled). */
  gateway?: MailGateway;
  clock: Clock;
  settings: { timezone: string; guestLinkDays: number };
  log: Logger;
}

/** What the chair's card shows about one link's mail. */
export type GuestMailState =
  | { status: "queued" }
  | { status: "sent"; at: Date }
  /** The call was under way when its worker stopped, or got no answer: it may have gone, and is not sent again. */
  | { status: "unconfirmed"; at: Date }
  | { status: "failed" };

/** The outcome labels the delivery pass counts. */
export type GuestMailJobOutcome = "mail-sent" | "unconfirmed" | "retry" | "failed" | "cancelled" | "lost";

export const GUEST_LINK_MAIL = "guest_link_mail" as const;
export const guestMailKey = (linkId: string, n: number) => `${GUEST_LINK_MAIL}:${linkId}:${n}`;
/** The link a row is about (link ids are base64url: no colon). */
export const linkOfMailKey = (key: string): string | undefined => /^guest_link_mail:([^:]+):\d+$/.exec(key)?.[1];

/** The notes on a row marked sent without Graph's answer: the cards' own (npm run status lists them as unconfirmed). */
export const MAIL_UNCONFIRMED_CRASH = UNCONFIRMED_AFTER_CRASH;
export const MAIL_UNCONFIRMED_NO_ANSWER = UNCONFIRMED_TIMEOUT;
const UNCONFIRMED = new Set([MAIL_UNCONFIRMED_CRASH, MAIL_UNCONFIRMED_NO_ANSWER]);

/** After this many tries that Graph did not take (429, 503, no token), the row fails. */
const MAX_ATTEMPTS = 6;
const MINUTE = 60_000;

/** What the chair's card shows for the newest mail row of a link. */
function stateOf(n: Notification): GuestMailState | undefined {
  switch (n.status) {
    case "pending":
    case "sending":
      return { status: "queued" };
    case "sent":
      return UNCONFIRMED.has(n.lastError ?? "") ? { status: "unconfirmed", at: n.sentAt ?? n.dueAt } : { status: "sent", at: n.sentAt ?? n.dueAt };
    case "failed":
      return { status: "failed" };
    case "cancelled":
      return undefined;
  }
}

export type GuestLinkMailService = ReturnType<typeof createGuestLinkMailService>;

export function createGuestLinkMailService(deps: GuestLinkMailDeps) {
  const { notifications, links, meetings, guestLinks, gateway, clock, settings, log } = deps;

  /** The mail rows of a meeting, per link, newest first. */
  async function rowsByLink(meetingId: string): Promise<Map<string, Notification[]>> {
    const out = new Map<string, Notification[]>();
    for (const n of await notifications.ofSubject(meetingId, [GUEST_LINK_MAIL])) {
      const linkId = linkOfMailKey(n.key);
      if (linkId) out.set(linkId, [...(out.get(linkId) ?? []), n]);
    }
    return out;
  }

  /** The mail itself: plain text, Danish, the meeting, its time, the link, until when it works, that it is personal. */
  function mailFor(meeting: Meeting, guest: Person & { email: string }, chair: Person, url: string, expiresAt: Date): OutgoingMail {
    const s = strings.guestLinkMail;
    return {
      to: { address: guest.email, name: guest.name },
      subject: s.subject(meetingTitle(meeting), formatInstantDateShort(meeting.startsAt, settings.timezone)),
      text: s.body({
        name: guest.name,
        kindInText: strings.meeting.kindsInText[kindKey(meeting)],
        unit: meeting.unit.name,
        when: formatDateTime(meeting.startsAt, settings.timezone),
        url,
        until: formatDateTime(expiresAt, settings.timezone),
        chair: chair.name,
      }),
    };
  }

  return {
    /** Whether the chair is offered «Send link på e-mail» (GUEST_LINK_MAIL=graph). */
    on: gateway !== undefined,

    /**
     * The chair's «Send link på e-mail» for a person outside Teams with an e-mail address: plans the
     * mail once for the person's live link. `already`: a mail of that link is on its way or sent.
     */
    async request(actor: Person, meetingId: string, personId: string, linkId?: string): Promise<{ outcome: "queued" | "already"; guest: Person; effects: Effects }> {
      const s = strings.guestLinkMail;
      if (!gateway) throw new AppError("invalid-input", s.off);
      const meeting = await meetings.get(meetingId);
      if (!meeting) throw new AppError("not-found", strings.generic.notFound);
      assertChair(meeting, actor.id);
      // Whom a link may open for (the same rule as the link itself: decision 0025).
      const inMeeting = meeting.participants.find((p) => p.person.id === personId)?.person;
      if (inMeeting && !isExternal(inMeeting)) throw new AppError("invalid-input", strings.guestLinks.notExternal);
      const guest = await guestLinks.guestOf(meeting, personId);
      if (!guest || !guest.active) throw new AppError("invalid-input", strings.guestLinks.notParticipant);
      // The button names the link the card showed: a link revoked since is never brought back by a mail (only «Nyt link» makes a new one).
      if (linkId !== undefined && (await links.live(meetingId, personId))?.id !== linkId) throw new AppError("invalid-input", s.revoked);
      if (!guest.email) throw new AppError("invalid-input", s.noEmail);
      const link = await guestLinks.linkFor(meetingId, personId);
      const earlier = (await rowsByLink(meetingId)).get(link.linkId) ?? [];
      // Pending, on its way or sent (confirmed or not): never a second mail of the same link.
      if (earlier.some((n) => n.status !== "failed" && n.status !== "cancelled")) return { outcome: "already", guest, effects: noEffects };
      const now = clock.now();
      const planned = await notifications.plan(
        [{ key: guestMailKey(link.linkId, earlier.length), kind: GUEST_LINK_MAIL, personId: meeting.chairId, subjectId: meetingId, dueAt: now, notAfter: link.expiresAt, immediate: true }],
        now,
      );
      // 0: a second click at the same moment planned the same key.
      return planned > 0 ? { outcome: "queued", guest, effects: effectsOf([], planned) } : { outcome: "already", guest, effects: noEffects };
    },

    /** Per link id of the meeting, what its newest mail came to (none: never asked, or dropped). */
    async states(meetingId: string): Promise<Map<string, GuestMailState>> {
      const out = new Map<string, GuestMailState>();
      for (const [linkId, rows] of await rowsByLink(meetingId)) {
        const state = rows[0] ? stateOf(rows[0]) : undefined;
        if (state) out.set(linkId, state);
      }
      return out;
    },

    /**
     * The row's job, in the Graph pass (delivery-service.ts): checks the link still stands, notes
     * the send, sends once, and marks the row. Never logs the address, the link or the text.
     */
    async run(n: Notification): Promise<GuestMailJobOutcome> {
      const now = clock.now();
      // Its worker stopped while sending: the mail may have gone. Not again (decision 0025).
      if (n.postStartedAt) {
        await notifications.markSent(n, now, MAIL_UNCONFIRMED_CRASH);
        log.warn({ notificationId: n.id, kind: n.kind }, "guest link mail was being sent when its worker stopped; not sent again");
        return "unconfirmed";
      }
      const cancel = async (reason: string): Promise<GuestMailJobOutcome> => {
        await notifications.markCancelled(n, reason);
        return "cancelled";
      };
      if (!gateway) return cancel("guest-link-mail-off");
      const linkId = linkOfMailKey(n.key);
      const link = linkId ? await links.byId(linkId) : undefined;
      if (!link || link.revokedAt) return cancel("link-revoked");
      const meeting = await meetings.get(link.meetingId);
      if (!meeting || meeting.status === "cancelled") return cancel("meeting-cancelled");
      const guest = await guestLinks.guestOf(meeting, link.personId);
      if (!guest || !guest.active) return cancel("not-participant");
      if (!guest.email) return cancel("no-address");
      const expiresAt = guestLinkExpiry(meeting, settings.guestLinkDays);
      if (now.getTime() >= expiresAt.getTime()) return cancel("link-expired");
      const chair = meeting.participants.find((p) => p.person.id === meeting.chairId)?.person;
      if (!chair?.aadObjectId) {
        await notifications.markFailed(n, "chair-without-mailbox");
        return "failed";
      }
      const mail = mailFor(meeting, { ...guest, email: guest.email }, chair, guestLinks.urlOf(link.id), expiresAt);
      if (!(await notifications.markPostStarted(n, now))) return "lost";
      const r = await gateway.send(chair.aadObjectId, mail);
      if (r.ok) {
        await notifications.markSent(n, clock.now());
        log.info({ notificationId: n.id, meetingId: meeting.id }, "guest link mail sent");
        return "mail-sent";
      }
      switch (r.failure) {
        case "unknown":
          // No answer, or a 5xx after Graph may have taken it: perhaps sent. Not again.
          await notifications.markSent(n, clock.now(), MAIL_UNCONFIRMED_NO_ANSWER);
          log.warn({ notificationId: n.id, meetingId: meeting.id, reason: r.reason }, "guest link mail got no answer from Graph; not sent again");
          return "unconfirmed";
        case "refused":
          await notifications.markFailed(n, r.reason);
          log.warn({ notificationId: n.id, meetingId: meeting.id, reason: r.reason }, "guest link mail refused by Graph (is Mail.Send consented, and the chair's mailbox in the application access policy?)");
          return "failed";
        case "retry": {
          // Graph did not take it (429, 503, no token): nothing was sent. Its Retry-After is waited out.
          if (n.attempts >= MAX_ATTEMPTS) {
            await notifications.markFailed(n, r.reason);
            log.warn({ notificationId: n.id, meetingId: meeting.id, reason: r.reason }, "guest link mail not taken by Graph after the last attempt");
            return "failed";
          }
          const backoff = Math.min(60 * MINUTE, MINUTE * 2 ** Math.max(0, n.attempts - 1));
          await notifications.retryLater(n, new Date(clock.now().getTime() + Math.max(r.retryAfterMs ?? backoff, 1000)), r.reason);
          return "retry";
        }
      }
    },
  };
}
