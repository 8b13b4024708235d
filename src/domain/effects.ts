import type { FollowUpView, Meeting } from "./types.js";

/**
 * What a command changed, as data (CONVENTIONS.md, «Commands return their effects»). A command
 * returns these next to its view; the Teams layer brings every posted card that shows one of the
 * changed subjects up to date and starts delivery when the outbox got rows. The domain names what
 * changed, with the ids it already holds; which cards show what is the Teams layer's knowledge.
 */
export type Changed =
  /** A follow-up: its text, owner, frist, status or history. `ownerIds`: its owner, and the one before a reassignment. */
  | { subject: "followUp"; id: string; meetingId: string; unitId: string; ownerIds: string[] }
  /** A meeting itself: its time, status, agenda items, decisions, indstillinger (`participantIds`: who takes part). */
  | { subject: "meeting"; id: string; unitId: string; participantIds: string[] }
  /** One person's reflection for a meeting. */
  | { subject: "reflection"; meetingId: string; authorId: string }
  /** One board representative's statement for a læringssamtale. */
  | { subject: "boardStatement"; meetingId: string; authorId: string }
  /** A focus area of a unit in a loop. */
  | { subject: "focusArea"; id: string; unitId: string; loopId: string }
  /** Who approved a meeting's referat, or remarked on it. */
  | { subject: "referatApproval"; meetingId: string };

export interface Effects {
  changed: Changed[];
  /** How many rows the command offered the outbox (new sends, or waiting ones brought forward): above 0, delivery starts now. */
  planned: number;
}

/** A command that changed nothing (a repeated click, a read). */
export const noEffects: Effects = Object.freeze({ changed: [], planned: 0 }) as Effects;

export const effectsOf = (changed: Changed[] = [], planned = 0): Effects => ({ changed, planned });

/** Several commands' (or steps') effects as one. */
export const combine = (...all: Effects[]): Effects => ({ changed: all.flatMap((e) => e.changed), planned: all.reduce((n, e) => n + e.planned, 0) });

/** The follow-up shown as `view` changed (with `formerOwnerId` when it got a new owner). */
export const followUpChanged = (view: Pick<FollowUpView, "followUp" | "meeting">, formerOwnerId?: string): Changed => ({
  subject: "followUp",
  id: view.followUp.id,
  meetingId: view.meeting.id,
  unitId: view.meeting.unitId,
  ownerIds: [...new Set([view.followUp.ownerId, ...(formerOwnerId ? [formerOwnerId] : [])])],
});

export const meetingChanged = (meeting: Pick<Meeting, "id" | "unit" | "participants">): Changed => ({
  subject: "meeting",
  id: meeting.id,
  unitId: meeting.unit.id,
  participantIds: meeting.participants.map((p) => p.person.id),
});
