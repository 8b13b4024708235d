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
  /** FU: «afdelingslederrepræsentant», who leads a club's matrikel without a leader's agreement (seed 002). */
  departmentLeaderRepresentativeIds: string[];
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
 * the children and young people once a year (`youthTakesPart`: the first læringssamtale of each
 * year of the loop). In FU the afdelingslederrepræsentant takes part in every læringssamtale (FU's
 * proposal in seed 002 adds them to the obligatory participants). In a selvejende dagtilbud the board holds
 * the læringssamtale: its first representative chairs it, the board takes part in all four, and
 * the chief follows up through the board's reporting instead of taking part.
 * Returns undefined when nobody can chair (no chief, or a selvejende unit without a board).
 */
export function laeringssamtaleCircle(roster: UnitRoster, opts: { firstOfLoop: boolean; youthTakesPart?: boolean; chiefId?: string }): MeetingCircle | undefined {
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
  if (roster.unit.type === "fu") add(roster.departmentLeaderRepresentativeIds, "afdelingslederrepraesentant");
  add(roster.staffRepresentativeIds, "medarbejderrepraesentant");
  if (!roster.unit.selvejende && opts.firstOfLoop) add(roster.boardRepresentativeIds, "bestyrelsesrepraesentant");
  // Seed 002, FU's proposal: the young take part «på niveau med bestyrelserne. Dvs. 1 årlig
  // læringssamtale»: the first of each year of the loop (youthTakesPart), the loop's first included.
  if (opts.youthTakesPart ?? opts.firstOfLoop) add(roster.youthRepresentativeIds, "ungerepraesentant");
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

/** The year of the loop a date falls in: 0 before the loop's first anniversary, 1 after, and so on. */
export function loopYearOf(date: string, loopStart: string): number {
  const startYear = Number(loopStart.slice(0, 4));
  let year = 0;
  while (`${startYear + year + 1}${loopStart.slice(4)}` <= date) year += 1;
  return year;
}

/**
 * Whether the youth representatives take part in this læringssamtale: seed 002 (FU's proposal,
 * adopted in the framework) puts the young «på niveau med bestyrelserne. Dvs. 1 årlig
 * læringssamtale»: the first læringssamtale of each year of the loop. `all` are the loop's
 * læringssamtaler (the one asked about among them), by date (then sequence); the year is counted
 * from the loop's start.
 */
export function youthTakesPart(one: { id: string; date: string; sequence: number }, all: readonly { id: string; kind: string; date: string; sequence: number }[], loopStart: string): boolean {
  const year = loopYearOf(one.date, loopStart);
  const earlier = (o: { date: string; sequence: number }) => o.date < one.date || (o.date === one.date && o.sequence < one.sequence);
  return !all.some((o) => o.id !== one.id && o.kind === "laeringssamtale" && loopYearOf(o.date, loopStart) === year && earlier(o));
}
