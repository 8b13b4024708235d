import type { UnitRoster } from "./participants.js";
import type { Meeting, MeetingKind, ParticipantRole } from "./types.js";

/**
 * Who may own a follow-up (docs/security.md, «1:1s stay between their two people»). One rule for
 * the opfølgningsskema and for «giv videre», so a follow-up cannot reach by one door what the other
 * refuses: an owner reads the follow-up's decision and every comment on it.
 */

/** A 1:1 (chief and leader, or leader and pædagogisk leder): what is agreed stays with the two. */
export const isOneToOne = (kind: MeetingKind): boolean => kind === "one_on_one" || kind === "leader_pl";

/** Everyone tied to the unit in the organisation file. */
export const rosterIds = (r: UnitRoster): string[] => [
  ...new Set([...r.leaderIds, ...r.pedagogicalLeaderIds, ...r.staffRepresentativeIds, ...r.boardRepresentativeIds, ...r.youthRepresentativeIds, ...r.departmentLeaderRepresentativeIds, ...r.consultantIds, ...r.chiefIds]),
];

/**
 * Who holds a 1:1 participant's role in the unit today: the unit's Børn og Unge-chef(s) for the
 * chair of a 1:1 ledelsesopfølgning, its leader(s) for the leader; in a leader's 1:1 with a
 * pædagogisk leder, the leader(s) and the pædagogiske ledere.
 */
function roleHolders(roster: UnitRoster, kind: MeetingKind, role: ParticipantRole): string[] {
  if (kind === "one_on_one") return role === "chair" ? roster.chiefIds : role === "leader" ? roster.leaderIds : [];
  if (kind === "leader_pl") return role === "chair" ? roster.leaderIds : role === "leader" ? roster.pedagogicalLeaderIds : [];
  return [];
}

/**
 * May `personId` own a follow-up agreed in `meeting`? The meeting's participants may. Beyond them,
 * a 1:1's agreements go only to whoever has taken over the role of a participant who has left (the
 * new leader of the unit, say), never to anyone else in the unit; a læringssamtale's may go to
 * anyone tied to the unit. `roster` is the unit's today (none: only the participants).
 */
export function mayOwnFollowUp(meeting: Pick<Meeting, "kind" | "participants">, personId: string, roster: UnitRoster | undefined): boolean {
  if (meeting.participants.some((p) => p.person.id === personId)) return true;
  if (!roster) return false;
  if (isOneToOne(meeting.kind)) return meeting.participants.some((p) => !p.person.active && roleHolders(roster, meeting.kind, p.role).includes(personId));
  return rosterIds(roster).includes(personId);
}
