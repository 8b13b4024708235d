import { AppError, isAppError } from "../lib/errors.js";
import { strings } from "../lib/strings.da.js";
import { localDateOf } from "../lib/zoned-time.js";
import type { FormService, ReferatView } from "./form-service.js";
import { newOneTimeToken, tokenHash } from "./one-time-link.js";
import type { Clock, DownloadTokenRepository, MeetingRepository, PeopleRepository } from "./ports.js";
import type { DomainSettings } from "./settings.js";
import type { Meeting, Person } from "./types.js";

/**
 * The approval of the referat in force, as the referat approval service's `status(meetingId)`
 * reports it (its `required`, `approvals` and `pending`; the rest is not printed).
 */
export interface ReferatApprovalLine {
  required: boolean;
  approvals: { personId: string; name: string; at: Date }[];
  pending: { personId: string; name: string }[];
}

/** What the referat file is made from: the referat in force and, when there is an approval round, where it stands. */
export interface ReferatDocument {
  referat: ReferatView;
  approval?: ReferatApprovalLine;
}

export interface ReferatFileServiceDeps {
  tokens: DownloadTokenRepository;
  people: PeopleRepository;
  meetings: MeetingRepository;
  forms: Pick<FormService, "referat">;
  /** The referat approval service (its `status`); absent: no approval round, and the file says nothing of one. */
  approvals?: { status(meetingId: string): Promise<ReferatApprovalLine | undefined> };
  clock: Clock;
  settings: DomainSettings;
}

export type ReferatFileService = ReturnType<typeof createReferatFileService>;

/**
 * The referat as a file for the case system (ESDH): the version in force of a closed meeting,
 * for its participants only (a 1:1's stays with its two people). From the referat card a
 * participant gets a personal, single-use link for 15 minutes, as with the export: only the hash
 * of its token is stored. Reflections are not part of a referat, so never part of its file.
 */
export function createReferatFileService(deps: ReferatFileServiceDeps) {
  const { tokens, people, meetings, forms, approvals, clock, settings } = deps;

  /**
   * The referat in force and its approval, as `actor` (a participant) may read it; refused when
   * the meeting has none yet, or when its texts were erased after the retention period (a file
   * without its decisions would look like a meeting that decided nothing: the card says the same).
   */
  async function document(actor: Person, meetingId: string): Promise<ReferatDocument> {
    const referat = await forms.referat(actor, meetingId);
    if (!referat.shown) throw new AppError("invalid-input", strings.referatPdf.notClosed);
    if (referat.erased) throw new AppError("invalid-input", strings.referat.erased);
    return { referat, approval: approvals ? await approvals.status(meetingId) : undefined };
  }

  return {
    document,

    /** «Hent referat som PDF»: a participant's personal link to the referat in force. */
    async request(actor: Person, meetingId: string): Promise<{ meeting: Meeting; token: string }> {
      const { referat } = await document(actor, meetingId);
      const { meeting } = referat;
      const { token, hash, expiresAt } = newOneTimeToken(clock.now());
      const date = localDateOf(meeting.startsAt, settings.timezone);
      await tokens.create({ hash, personId: actor.id, areaId: meeting.unit.areaId, fromDate: date, toDate: date, format: "pdf", meetingId: meeting.id, expiresAt });
      return { meeting, token };
    },

    /**
     * The referat behind a link, once; undefined if the link is unknown, used or expired, or its
     * person no longer takes part in the meeting (or has left): what it gives is read now.
     */
    async redeem(token: string): Promise<ReferatDocument | undefined> {
      if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
      const t = await tokens.redeem(tokenHash(token), clock.now(), "referat");
      if (!t?.meetingId) return undefined;
      const person = await people.byId(t.personId);
      if (!person?.active) return undefined;
      try {
        return await document(person, t.meetingId);
      } catch (err) {
        if (isAppError(err)) return undefined;
        throw err;
      }
    },

    /**
     * `npm run referat`: the referat in force of a meeting, read as its chair would (the operator
     * files it); "unknown" or "not-closed" when there is none. Refused (an AppError with its
     * Danish text) when its texts were erased after the retention period.
     */
    async forFiling(meetingId: string): Promise<ReferatDocument | "unknown" | "not-closed"> {
      const meeting = await meetings.get(meetingId);
      if (!meeting) return "unknown";
      if (meeting.referatVersion === 0) return "not-closed";
      const chair = meeting.participants.find((p) => p.person.id === meeting.chairId)?.person ?? (await people.byId(meeting.chairId));
      if (!chair) return "unknown";
      return document(chair, meetingId);
    },
  };
}
