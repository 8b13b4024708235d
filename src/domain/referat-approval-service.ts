import { createHash } from "node:crypto";
import { AppError } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { strings } from "../lib/strings.da.js";
import { isChair, isParticipant } from "./access.js";
import { effectsOf, noEffects, type Effects } from "./effects.js";
import type { Clock, MeetingRepository, NotificationRepository, PeopleRepository, ReferatApprovalRepository } from "./ports.js";
import type { Meeting, Person, PlannedNotification, ReferatApproval, ReferatRemark } from "./types.js";

/**
 * Approving a closed meeting's referat (issue 22 point 6; docs/decisions/0027-referat-approval.md).
 * A læringssamtale's referat is approved by every participant but the chair, who wrote it
 * (external participants too, on their guest page: everything is keyed by person id); a 1:1's
 * only with REFERAT_APPROVAL_ONE_TO_ONE (by its leader). An approval belongs to one referat
 * version: a corrected referat is asked again, and the history keeps who approved which version.
 * A remark reaches the chair, who may correct the referat (reopen, correct, close again).
 */

/** Where a meeting's referat stands: for the referat card, the guest page and the PDF. */
export interface ReferatApprovalStatus {
  /** Whether anyone is asked to approve this meeting's referat. */
  required: boolean;
  /** The referat version in force (the latest closing). */
  version: number;
  /** Who approved that version, and when (oldest first). */
  approvals: { personId: string; name: string; at: Date }[];
  /** Who is asked and has not approved it (in the meeting's order of participants). */
  pending: { personId: string; name: string }[];
  /**
   * The remarks to that version (oldest first): people's text, shown as text. A remark is between
   * its author and the chair: the guest page shows only the viewer's own, the PDF none (0027).
   */
  remarks: { personId: string; name: string; at: Date; text: string }[];
}

export interface ReferatApprovalResult {
  /** `already`: the person had approved this version (twice is once). */
  outcome: "approved" | "already";
  status: ReferatApprovalStatus;
  effects: Effects;
}

export interface ReferatRemarkResult {
  /** `already`: the same text to the same version was sent before (a repeated click). */
  outcome: "sent" | "already";
  remark: ReferatRemark;
  status: ReferatApprovalStatus;
  effects: Effects;
}

/** A remark as the chair's card shows it: who wrote it, and the meeting (whose referatVersion says whether it was corrected since). */
export interface ReferatRemarkView {
  remark: ReferatRemark;
  author: string;
  meeting: Meeting;
}

export interface ReferatApprovalSettings {
  referatApprovalOneToOne: boolean;
  maxTextLength: number;
}

export interface ReferatApprovalServiceDeps {
  meetings: MeetingRepository;
  approvals: ReferatApprovalRepository;
  notifications: NotificationRepository;
  people: Pick<PeopleRepository, "byId">;
  clock: Clock;
  settings: ReferatApprovalSettings;
}

export type ReferatApprovalService = ReturnType<typeof createReferatApprovalService>;

/** Who is asked to approve a meeting's referat: a læringssamtale's participants but the chair; a 1:1's leader when configured; nobody otherwise. */
export function approversOf(meeting: Meeting, settings: Pick<ReferatApprovalSettings, "referatApprovalOneToOne">): Person[] {
  const asks = meeting.kind === "laeringssamtale" || (meeting.kind === "one_on_one" && settings.referatApprovalOneToOne);
  return asks ? meeting.participants.filter((p) => !isChair(meeting, p.person.id)).map((p) => p.person) : [];
}

/** The outbox key of a remark to the chair: one per person, version and text (the same hash as the store's unique index). */
export const remarkKey = (r: Pick<ReferatRemark, "meetingId" | "version" | "personId">, textHash: string): string =>
  `referat_remark:${r.meetingId}:${r.version}:${r.personId}:${textHash}`;

export function createReferatApprovalService(deps: ReferatApprovalServiceDeps) {
  const { meetings, approvals, notifications, people, clock, settings } = deps;
  const s = strings.referatApproval;

  async function meetingOf(meetingId: string): Promise<Meeting> {
    const meeting = await meetings.get(meetingId);
    if (!meeting) throw new AppError("not-found", strings.generic.notFound);
    return meeting;
  }

  /**
   * Who is asked about the referat in force: nobody when retention has erased the minutes' texts,
   * or when that version was made before referat approval was introduced (0027).
   */
  async function askedAbout(meeting: Meeting): Promise<Person[]> {
    const { minutesErased, fromVersion } = await approvals.askable(meeting.id);
    return minutesErased || meeting.referatVersion < fromVersion ? [] : approversOf(meeting, settings);
  }

  /** The checks both verbs share: a participant who is asked, about the version in force. */
  async function assertAsked(meeting: Meeting, personId: string, version: number): Promise<void> {
    if (!isParticipant(meeting, personId)) throw new AppError("not-authorised", strings.meeting.notParticipant);
    if (meeting.status === "cancelled" || meeting.referatVersion === 0) throw new AppError("stale-card", s.notClosed);
    if (isChair(meeting, personId)) throw new AppError("not-authorised", s.chairWrote);
    if (!approversOf(meeting, settings).some((p) => p.id === personId)) throw new AppError("not-authorised", s.notAsked);
    if (version !== meeting.referatVersion) throw new AppError("stale-card", s.superseded);
    if (!(await askedAbout(meeting)).some((p) => p.id === personId)) throw new AppError("not-authorised", s.notAsked);
  }

  /** A person's name: as the meeting names its participants, else from the people (someone who has left it since). */
  async function namer(meeting: Meeting, ids: string[]): Promise<(id: string) => string> {
    const names = new Map(meeting.participants.map((p) => [p.person.id, p.person.name]));
    for (const id of new Set(ids)) {
      if (!names.has(id)) names.set(id, (await people.byId(id))?.name ?? "");
    }
    return (id) => names.get(id) ?? "";
  }

  async function statusOf(meeting: Meeting): Promise<ReferatApprovalStatus> {
    const version = meeting.referatVersion;
    const [approved, remarked] = await Promise.all([approvals.approvals(meeting.id, version), approvals.remarks(meeting.id, version)]);
    const asked = await askedAbout(meeting);
    const name = await namer(meeting, [...approved.map((a) => a.personId), ...remarked.map((r) => r.personId)]);
    const done = new Set(approved.map((a) => a.personId));
    return {
      required: asked.length > 0,
      version,
      approvals: approved.map((a) => ({ personId: a.personId, name: name(a.personId), at: a.approvedAt })),
      pending: asked.filter((p) => !done.has(p.id)).map((p) => ({ personId: p.id, name: p.name })),
      remarks: remarked.map((r) => ({ personId: r.personId, name: name(r.personId), at: r.at, text: r.text })),
    };
  }

  const changed = (meeting: Meeting, planned = 0): Effects => effectsOf([{ subject: "referatApproval", meetingId: meeting.id }], planned);

  return {
    approversOf: (meeting: Meeting) => approversOf(meeting, settings),

    /** «Godkend referat»: the person approves the version in force (an older version is refused; twice is once). */
    async approve(personId: string, meetingId: string, referatVersion: number): Promise<ReferatApprovalResult> {
      const meeting = await meetingOf(meetingId);
      await assertAsked(meeting, personId, referatVersion);
      const approval: ReferatApproval = { meetingId, version: referatVersion, personId, approvedAt: clock.now() };
      const fresh = await approvals.approve(approval);
      return { outcome: fresh ? "approved" : "already", status: await statusOf(meeting), effects: fresh ? changed(meeting) : noEffects };
    },

    /**
     * «Bemærkning til referatet»: the remark is kept with the version it is about and reaches the
     * chair through the outbox (a card with «Genåbn mødet»). The same text sent twice is once.
     */
    async remark(personId: string, meetingId: string, referatVersion: number, text: string): Promise<ReferatRemarkResult> {
      const meeting = await meetingOf(meetingId);
      await assertAsked(meeting, personId, referatVersion);
      const clean = text.trim();
      if (!clean) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, { remark: s.remarkRequired });
      if (clean.length > settings.maxTextLength) throw new AppError("invalid-input", strings.generic.cardErrorsHeading, { remark: strings.generic.tooLong(clean.length, settings.maxTextLength) });
      // Once per person, version and text, atomically: the store's unique index on the text's hash
      // decides between two simultaneous clicks; the outbox key is built from the same hash.
      const textHash = createHash("sha256").update(clean, "utf8").digest("hex");
      const now = clock.now();
      const stored = await approvals.addRemark({ id: newId(), meetingId, version: referatVersion, personId, text: clean, at: now }, textHash);
      if (!stored.fresh) return { outcome: "already", remark: stored.remark, status: await statusOf(meeting), effects: noEffects };
      const remark = stored.remark;
      const row: PlannedNotification = { key: remarkKey(remark, textHash), kind: "referat_remark", personId: meeting.chairId, subjectId: remark.id, dueAt: now };
      const planned = await notifications.plan([row], now);
      return { outcome: "sent", remark, status: await statusOf(meeting), effects: changed(meeting, planned) };
    },

    /** For the referat card, the guest page and the PDF: the version in force, who approved it and when, who has not. Undefined: no referat yet. */
    async status(meetingId: string): Promise<ReferatApprovalStatus | undefined> {
      const meeting = await meetings.get(meetingId);
      if (!meeting || meeting.referatVersion === 0 || meeting.status === "cancelled") return undefined;
      return statusOf(meeting);
    },

    /** The whole history: every version's approvals and every remark (oldest first). */
    async history(meetingId: string): Promise<{ approvals: ReferatApproval[]; remarks: ReferatRemark[] }> {
      const [a, r] = await Promise.all([approvals.approvals(meetingId), approvals.remarks(meetingId)]);
      return { approvals: a, remarks: r };
    },

    /** A remark for the chair's card (the chair only). */
    async remarkView(actor: Person, remarkId: string): Promise<ReferatRemarkView> {
      const remark = await approvals.remark(remarkId);
      const meeting = remark ? await meetings.get(remark.meetingId) : undefined;
      if (!remark || !meeting) throw new AppError("not-found", strings.generic.notFound);
      if (!isChair(meeting, actor.id)) throw new AppError("not-authorised", strings.meeting.notParticipant);
      const name = await namer(meeting, [remark.personId]);
      return { remark, author: name(remark.personId), meeting };
    },
  };
}
