import type { ParticipantRole, Unit } from "./types.js";

/** Everyone the organisation file ties to a unit, by role. */
export interface UnitRoster {
  unit: Unit;
  chiefIds: string[];
  consultantIds: string[];
  leaderIds: string[];
  pedagogicalLeaderIds: string[];
  staffRepresentativeIds: string[];
  boardRepresentativeIds: string[];
  youthRepresentativeIds: string[];
}

export interface MeetingCircle {
  chairId: string;
  participants: { personId: string; role: ParticipantRole }[];
}

/**
 * Who takes part in a læringssamtale (seed 002, "Deltagerkreds", one table per unit type):
 * Børn og Unge-chef, the unit's leader(s), pædagogiske ledere (in FU: viceleder,
 * fritidscenterledere and ungdomsskolekoordinatorer, listed as the leadership below the
 * leader), staff representatives, the area's faglige konsulenter, and the board representatives
 * at least on the first læringssamtale of the loop, and in a skole or FU the representatives of
 * the children and young people on the first. In a selvejende dagtilbud the board holds
 * the læringssamtale: its first representative chairs it, the board takes part in all four, and
 * the chief follows up through the board's reporting instead of taking part.
 * Returns undefined when nobody can chair (no chief, or a selvejende unit without a board).
 */
export function laeringssamtaleCircle(roster: UnitRoster, opts: { firstOfLoop: boolean; chiefId?: string }): MeetingCircle | undefined {
  const out: MeetingCircle["participants"] = [];
  const add = (ids: readonly string[], role: ParticipantRole) => {
    for (const personId of ids) if (!out.some((p) => p.personId === personId)) out.push({ personId, role });
  };
  let chairId: string | undefined;
  if (roster.unit.selvejende) {
    chairId = roster.boardRepresentativeIds[0];
    if (!chairId) return undefined;
    add([chairId], "chair");
    add(roster.boardRepresentativeIds, "bestyrelsesrepraesentant");
  } else {
    chairId = opts.chiefId && roster.chiefIds.includes(opts.chiefId) ? opts.chiefId : roster.chiefIds[0];
    if (!chairId) return undefined;
    add([chairId], "chair");
  }
  add(roster.leaderIds, "leader");
  add(roster.pedagogicalLeaderIds, "paedagogisk_leder");
  add(roster.staffRepresentativeIds, "medarbejderrepraesentant");
  if (!roster.unit.selvejende && opts.firstOfLoop) add(roster.boardRepresentativeIds, "bestyrelsesrepraesentant");
  // Seed 002, "Børnenes perspektiv": a representative of FU's senat (or a school's elevråd) takes
  // part in one læringssamtale of the loop: the first, where the focus areas are chosen.
  if (opts.firstOfLoop) add(roster.youthRepresentativeIds, "ungerepraesentant");
  add(roster.consultantIds, "konsulent");
  return { chairId, participants: out };
}

/** Board representatives asked for the board's statement (udtalelse) before a læringssamtale they do not attend. */
export function boardStatementAuthors(roster: UnitRoster, circle: MeetingCircle): string[] {
  return roster.boardRepresentativeIds.filter((id) => !circle.participants.some((p) => p.personId === id));
}

/** A 1:1: the chair and the person the follow-up is about. */
export const oneOnOneCircle = (chairId: string, leaderId: string): MeetingCircle => ({
  chairId,
  participants: [
    { personId: chairId, role: "chair" },
    { personId: leaderId, role: "leader" },
  ],
});
