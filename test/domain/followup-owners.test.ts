import { describe, expect, it } from "vitest";
import { mayOwnFollowUp } from "../../src/domain/followup-owners.js";
import type { UnitRoster } from "../../src/domain/participants.js";
import type { MeetingKind, Participant, ParticipantRole, Person, Unit } from "../../src/domain/types.js";

const person = (id: string, active = true): Person => ({ id, aadObjectId: `aad-${id}`, name: id, active });
const unit: Unit = { id: "solsikken", name: "Dagtilbud Solsikken", type: "dagtilbud", selvejende: false, areaId: "midt", active: true };
const roster: UnitRoster = {
  unit,
  chiefIds: ["alex", "nychef"],
  consultantIds: ["karim"],
  leaderIds: ["megan", "nyleder"],
  pedagogicalLeaderIds: ["jonas", "nypl"],
  staffRepresentativeIds: ["hanne"],
  boardRepresentativeIds: ["bo"],
  youthRepresentativeIds: [],
  departmentLeaderRepresentativeIds: [],
};
const meeting = (kind: MeetingKind, parts: [string, ParticipantRole, boolean?][]) => ({
  kind,
  participants: parts.map(([id, role, active]): Participant => ({ person: person(id, active ?? true), role })),
});

describe("who may own a follow-up (the opfølgningsskema and «giv videre» ask the same)", () => {
  const oneOnOne = meeting("one_on_one", [["alex", "chair"], ["megan", "leader"]]);
  const leftLeader = meeting("one_on_one", [["alex", "chair"], ["megan", "leader", false]]);
  const leftChief = meeting("one_on_one", [["alex", "chair", false], ["megan", "leader"]]);
  const leaderPl = meeting("leader_pl", [["megan", "chair"], ["jonas", "leader", false]]);
  const ls = meeting("laeringssamtale", [["alex", "chair"], ["megan", "leader"], ["bo", "bestyrelsesrepraesentant"]]);

  it.each([
    ["a 1:1's participants", oneOnOne, ["alex", "megan"], ["bo", "jonas", "karim", "hanne", "nyleder", "nychef", "fremmed"]],
    ["a 1:1 whose leader has left: the unit's leader(s) now", leftLeader, ["alex", "megan", "nyleder"], ["bo", "jonas", "karim", "nychef"]],
    ["a 1:1 whose chief has left: the unit's chief(s) now", leftChief, ["alex", "megan", "nychef"], ["bo", "nyleder", "karim"]],
    ["a leader's 1:1 with a pædagogisk leder who has left: the pædagogiske ledere now", leaderPl, ["megan", "jonas", "nypl"], ["alex", "bo", "nyleder"]],
    ["a læringssamtale: anyone tied to the unit", ls, ["alex", "megan", "bo", "jonas", "karim", "hanne", "nyleder"], ["fremmed"]],
  ] as const)("%s", (_name, m, allowed, refused) => {
    for (const id of allowed) expect(mayOwnFollowUp(m, id, roster), id).toBe(true);
    for (const id of refused) expect(mayOwnFollowUp(m, id, roster), id).toBe(false);
  });

  it("without the unit's roster (the form): only the meeting's participants", () => {
    expect(mayOwnFollowUp(ls, "bo", undefined)).toBe(true);
    expect(mayOwnFollowUp(ls, "jonas", undefined)).toBe(false);
    expect(mayOwnFollowUp(leftLeader, "nyleder", undefined)).toBe(false);
  });
});
