import { guideFor, templateOf, type TemplateSet } from "./meeting-template.js";
import { AppError } from "../lib/errors.js";
import { strings } from "../lib/strings.da.js";
import type { Meeting, MeetingKind, ParticipantRole, Person } from "./types.js";

/** Authorisation rules. Services call these, so no handler can forget them. */

export const isParticipant = (meeting: Meeting, personId: string): boolean =>
  meeting.participants.some((p) => p.person.id === personId);

export const isChair = (meeting: Meeting, personId: string): boolean => meeting.chairId === personId;

export const leaderOf = (meeting: Meeting): Person | undefined =>
  meeting.participants.find((p) => p.role === "leader")?.person;

export function assertParticipant(meeting: Meeting, personId: string): void {
  if (!isParticipant(meeting, personId)) throw new AppError("not-authorised", strings.meeting.notParticipant);
}

/**
 * Who holds a meeting, by role: the Børn og Unge-chef holds 1:1 ledelsesopfølgninger and
 * læringssamtaler, the unit leader their own 1:1s with a pædagogisk leder, and in a selvejende
 * dagtilbud the board holds the læringssamtale.
 */
export type ChairRole = "chief" | "leader" | "board";
export const chairRoleOf = (kind: MeetingKind, selvejende: boolean): ChairRole =>
  kind === "leader_pl" ? "leader" : kind === "laeringssamtale" && selvejende ? "board" : "chief";

/** «Børn og Unge-chefen», «lederen» or «bestyrelsens repræsentant», for the texts that name who holds the meeting. */
export const chairTitle = (kind: MeetingKind, selvejende: boolean): string => strings.meeting.chairTitles[chairRoleOf(kind, selvejende)];

export function assertChair(meeting: Meeting, personId: string): void {
  if (!isChair(meeting, personId)) throw new AppError("not-authorised", strings.meeting.onlyChair(chairTitle(meeting.kind, meeting.unit.selvejende)));
}

/**
 * Who is asked to write a reflection: every participant whose role the template gives questions
 * (in a læringssamtale each role its own set; in a 1:1 the leader).
 */
export function reflectionAuthors(meeting: Meeting, templates: TemplateSet): Person[] {
  const template = templateOf(meeting, templates);
  return meeting.participants.filter((p) => guideFor(template, meeting, p.role)).map((p) => p.person);
}

/**
 * Whose reflection is expected: those asked whose role's set has a required question. Only they
 * get the day-before reminder, and only they count in the chief's channel («refleksioner N/M»);
 * a guide with optional questions only (the shipped 1:1) is asked for, not chased.
 */
export function expectedReflectionAuthors<P extends { role: ParticipantRole; person: Pick<Person, "id"> }>(
  meeting: Pick<Meeting, "kind" | "unit" | "templateId" | "template"> & { participants: readonly P[] },
  templates: TemplateSet,
): P["person"][] {
  const template = templateOf(meeting, templates);
  return meeting.participants.filter((p) => guideFor(template, meeting, p.role)?.questions.some((q) => q.required)).map((p) => p.person);
}

/** Who gets the refleksionsguide card: those asked for a reflection, and in a 1:1 its chair (the leader's guide, to read). */
export function guideReceivers(meeting: Meeting, templates: TemplateSet): string[] {
  const asked = reflectionAuthors(meeting, templates).map((p) => p.id);
  return meeting.kind === "laeringssamtale" || asked.includes(meeting.chairId) ? asked : [...asked, meeting.chairId];
}
