import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { AppError } from "../lib/errors.js";
import { strings } from "../lib/strings.da.js";
import type { Clock, GuestLinkRecord, GuestLinkRepository, MeetingRepository, PeopleRepository, UnitRepository } from "./ports.js";
import { assertChair } from "./access.js";
import { boardStatementAuthors } from "./participants.js";
import { isExternal, type Meeting, type ParticipantRole, type Person } from "./types.js";

/**
 * The personal link of a person outside Teams to one meeting's page, `${publicUrl}/m/<token>`
 * (issue 22, point 2; docs/decisions/0025-people-outside-teams.md).
 *
 * The token is derived, never stored: token = base64url(HMAC-SHA256(secret, linkId)), with linkId
 * 128 random bits; the row keeps SHA-256(token) to find it. So the chair can see the same link
 * again on their card, a database copy alone opens nothing, and changing GUEST_LINK_SECRET makes
 * every link given out stop working. A link works until `days` after the meeting's end (it follows
 * the meeting when it moves), unless the chair revoked it, the person no longer takes part, or the
 * meeting is cancelled.
 */

export interface GuestAccess {
  linkId: string;
  meeting: Meeting;
  person: Person;
  role: ParticipantRole;
  expiresAt: Date;
  /** False for a board representative asked for the board's udtalelse (decision 0023: he does not take part). */
  participant: boolean;
}

export interface GuestLinkSettings {
  /** GUEST_LINK_SECRET: at least 32 characters. */
  secret: string;
  /** GUEST_LINK_DAYS: days after the meeting's end that the link works. */
  days: number;
  /** PUBLIC_URL without a trailing slash. */
  publicUrl: string;
}

export interface GuestLinkDeps {
  links: GuestLinkRepository;
  meetings: Pick<MeetingRepository, "get">;
  /** To find the board representatives asked for a meeting's udtalelse (without them, only participants get links). */
  units?: Pick<UnitRepository, "roster">;
  people?: Pick<PeopleRepository, "byId">;
  clock: Clock;
  settings: GuestLinkSettings;
}

/** What a token looks like: 32 bytes in base64url, 43 characters. Anything else is not looked up. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const DAY_MS = 24 * 60 * 60_000;

/** The token of a link: HMAC-SHA256 of its id under the secret, base64url (43 characters). */
export const guestLinkToken = (secret: string, linkId: string): string => createHmac("sha256", secret).update(linkId).digest("base64url");
/** What is stored to find a token (never the token itself). */
export const guestTokenHash = (token: string): string => createHash("sha256").update(token).digest("hex");
/** When a meeting's guest links stop working: `days` after its end. */
export const guestLinkExpiry = (meeting: Pick<Meeting, "startsAt" | "durationMinutes">, days: number): Date =>
  new Date(meeting.startsAt.getTime() + meeting.durationMinutes * 60_000 + days * DAY_MS);

const sameToken = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export type GuestLinkService = ReturnType<typeof createGuestLinkService>;

export function createGuestLinkService({ links, meetings, units, people, clock, settings }: GuestLinkDeps) {
  /**
   * The external people a meeting's link may open for: its participants outside Teams and, before a
   * later læringssamtale whose board gives a statement («Udtalelse»), the board representatives
   * outside Teams asked for it (as meeting-service plans the request: boardStatementAuthors).
   */
  async function guestsOf(meeting: Meeting): Promise<{ person: Person; role: ParticipantRole; participant: boolean }[]> {
    const guests = meeting.participants.filter((p) => isExternal(p.person)).map((p) => ({ person: p.person, role: p.role, participant: true }));
    if (!units || !people || meeting.kind !== "laeringssamtale" || meeting.firstOfLoop || meeting.boardMode === "participation") return guests;
    const roster = await units.roster(meeting.unit.id);
    if (!roster) return guests;
    for (const id of boardStatementAuthors(roster, { chairId: meeting.chairId, participants: meeting.participants.map((p) => ({ personId: p.person.id, role: p.role })) })) {
      const person = await people.byId(id);
      if (person && isExternal(person)) guests.push({ person, role: "bestyrelsesrepraesentant", participant: false });
    }
    return guests;
  }

  const urlOf = (linkId: string) => `${settings.publicUrl}/m/${guestLinkToken(settings.secret, linkId)}`;

  /** The link's expiry as its meeting is now (moved along when the meeting moved). */
  async function followMeeting(link: GuestLinkRecord, meeting: Meeting): Promise<Date> {
    const expiresAt = guestLinkExpiry(meeting, settings.days);
    if (expiresAt.getTime() !== link.expiresAt.getTime()) await links.setExpiry(link.id, expiresAt);
    return expiresAt;
  }

  async function linkFor(meetingId: string, personId: string): Promise<{ linkId: string; url: string; expiresAt: Date }> {
    const meeting = await meetings.get(meetingId);
    if (!meeting) throw new AppError("not-found", strings.generic.notFound);
    if (meeting.status === "cancelled") throw new AppError("invalid-input", strings.guestLinks.meetingCancelled);
    const participant = meeting.participants.find((p) => p.person.id === personId);
    if (participant && !isExternal(participant.person)) throw new AppError("invalid-input", strings.guestLinks.notExternal);
    if (!(await guestsOf(meeting)).some((g) => g.person.id === personId)) throw new AppError("invalid-input", strings.guestLinks.notParticipant);
    const live = await links.live(meetingId, personId);
    if (live) return { linkId: live.id, url: urlOf(live.id), expiresAt: await followMeeting(live, meeting) };
    const id = randomBytes(16).toString("base64url");
    const made = await links.createLive(
      { id, meetingId, personId, tokenHash: guestTokenHash(guestLinkToken(settings.secret, id)), expiresAt: guestLinkExpiry(meeting, settings.days) },
      { actorId: meeting.chairId, at: clock.now() },
    );
    return { linkId: made.id, url: urlOf(made.id), expiresAt: made.expiresAt };
  }

  return {
    urlOf,

    /** The link for an external participant of a meeting (one live link per meeting and person; made if missing). */
    linkFor,

    /** Whether anyone outside Teams has (or may be given) a link to the meeting: its chair's «Deltagere uden Teams» has something to show. */
    async hasGuests(meeting: Meeting): Promise<boolean> {
      return (await guestsOf(meeting)).length > 0;
    },

    /** The person outside Teams a meeting's link may open for (a participant, or a board representative asked for the udtalelse), or undefined. */
    async guestOf(meeting: Meeting, personId: string): Promise<Person | undefined> {
      return (await guestsOf(meeting)).find((g) => g.person.id === personId)?.person;
    },

    /** What a token opens; undefined when unknown, revoked, expired, or the person no longer takes part. */
    async resolve(token: string): Promise<GuestAccess | undefined> {
      // A malformed token costs no query.
      if (typeof token !== "string" || !TOKEN.test(token)) return undefined;
      const link = await links.byTokenHash(guestTokenHash(token));
      // The token must also be the one the secret derives for that link: after GUEST_LINK_SECRET changed, none is.
      if (!link || link.revokedAt || !sameToken(guestLinkToken(settings.secret, link.id), token)) return undefined;
      const now = clock.now();
      const meeting = await meetings.get(link.meetingId);
      if (!meeting || meeting.status === "cancelled") return undefined;
      const guest = (await guestsOf(meeting)).find((g) => g.person.id === link.personId);
      // Only a person outside Teams, still taking part (or asked for the udtalelse) and active (a person given Teams since uses Teams).
      if (!guest || !guest.person.active) return undefined;
      const expiresAt = await followMeeting(link, meeting);
      if (now.getTime() >= expiresAt.getTime()) return undefined;
      await links.touch(link.id, now);
      return { linkId: link.id, meeting, person: guest.person, role: guest.role, expiresAt, participant: guest.participant };
    },

    /** The chair revokes a link (a new one can then be made with linkFor). */
    async revoke(actor: Person, linkId: string): Promise<"revoked" | "already-revoked" | "not-chair"> {
      const link = await links.byId(linkId);
      if (!link) return "not-chair";
      const meeting = await meetings.get(link.meetingId);
      if (!meeting || meeting.chairId !== actor.id) return "not-chair";
      const outcome = await links.revoke(link.id, { actorId: actor.id, at: clock.now() });
      return outcome === "revoked" ? "revoked" : "already-revoked";
    },

    /** The chair asks for a new link (after revoking the old one): the live one, made if missing. */
    async renew(actor: Person, meetingId: string, personId: string): Promise<{ linkId: string; url: string; expiresAt: Date }> {
      const meeting = await meetings.get(meetingId);
      if (!meeting) throw new AppError("not-found", strings.generic.notFound);
      assertChair(meeting, actor.id);
      return linkFor(meetingId, personId);
    },

    /**
     * The chair's view of a meeting's people outside Teams: each one's live link (made if missing,
     * unless the meeting is cancelled), or their latest revoked one when the chair revoked it.
     */
    async forChair(actor: Person, meetingId: string): Promise<{ meeting: Meeting; guests: { person: Person; role: ParticipantRole; link?: { linkId: string; url: string; expiresAt: Date; revoked: boolean } }[] }> {
      const meeting = await meetings.get(meetingId);
      if (!meeting) throw new AppError("not-found", strings.generic.notFound);
      assertChair(meeting, actor.id);
      const latest = new Map((await links.latestOfMeeting(meetingId)).map((l) => [l.personId, l]));
      const guests = [];
      for (const { participant: _participant, ...p } of await guestsOf(meeting)) {
        const last = latest.get(p.person.id);
        if (last?.revokedAt) guests.push({ ...p, link: { linkId: last.id, url: urlOf(last.id), expiresAt: last.expiresAt, revoked: true } });
        else if (meeting.status === "cancelled") guests.push({ ...p });
        else guests.push({ ...p, link: { ...(await linkFor(meetingId, p.person.id)), revoked: false } });
      }
      return { meeting, guests };
    },
  };
}
