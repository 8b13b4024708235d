/**
 * A sample referat of a læringssamtale in Solsikken (Danish names and texts, æ/ø/å included): the
 * README's picture of the referat PDF (`npm run referat:picture`) and the PDF tests start from it.
 */
import type { ReferatApprovalLine } from "../../src/domain/referat-file-service.js";
import type { ReferatView } from "../../src/domain/form-service.js";
import type { AgendaItem, FollowUpView, FormRow, Meeting, Person, Unit } from "../../src/domain/types.js";

export const SAMPLE_TZ = "Europe/Copenhagen";
export const SAMPLE_TODAY = "2027-03-10";
export const SAMPLE_CREATED = new Date("2027-03-10T09:00:00Z");

const alex: Person = { id: "alex", aadObjectId: "aad-alex", name: "Alex Wilber", active: true };
const sofie: Person = { id: "sofie", aadObjectId: "aad-sofie", name: "Sofie Ærø Østergaard", active: true };
const jonas: Person = { id: "jonas", aadObjectId: "aad-jonas", name: "Jonas Dahl", active: true };
const mette: Person = { id: "mette", aadObjectId: "aad-mette", name: "Mette Søberg", active: true };
const bo: Person = { id: "bo", aadObjectId: "aad-bo", name: "Bo Kristensen", active: true };
/** A guest the chair added: no Teams account. */
const anne: Person = { id: "anne", aadObjectId: null, name: "Anne Holm", email: "anne.holm@eksempel.dk", active: true, origin: "guest" };
const unit: Unit = { id: "solsikken", name: "Solsikken", type: "dagtilbud", selvejende: false, areaId: "midt", active: true };

export const sampleMeeting: Meeting = {
  id: "m-samtale",
  kind: "laeringssamtale",
  unit,
  chairId: alex.id,
  startsAt: new Date("2027-03-03T08:00:00Z"),
  durationMinutes: 120,
  status: "closed",
  closedAt: new Date("2027-03-03T10:20:00Z"),
  referatVersion: 1,
  carriedFrozen: true,
  version: 9,
  participants: [
    { person: alex, role: "chair" },
    { person: sofie, role: "leader" },
    { person: jonas, role: "paedagogisk_leder" },
    { person: mette, role: "medarbejderrepraesentant" },
    { person: bo, role: "bestyrelsesrepraesentant" },
    { person: anne, role: "ad_hoc" },
  ],
  loopId: "0-6-2027",
  firstOfLoop: false,
  templateId: "laeringssamtale-opfoelgende",
};

const items: AgendaItem[] = [
  { id: "a-1", position: 1, kind: "standing", title: "Velkomst og rammesætning", minutes: 10 },
  {
    id: "a-2",
    position: 2,
    kind: "standing",
    title: "Status på de lokale fokusområder",
    minutes: 40,
    recommendation: "sprogmiljøet i vuggestuen fortsat er et lokalt fokusområde i det næste halvår.\nforældrene inddrages i arbejdet gennem bestyrelsen.",
  },
  { id: "a-3", position: 3, kind: "topic", title: "Børnefællesskaber på legepladsen", minutes: 30, addedBy: sofie },
  { id: "a-4", position: 4, kind: "standing", title: "Eventuelt", minutes: 10 },
];

const rows: FormRow[] = [
  { decisionId: "d-1", agendaItemId: "a-2", decision: "Sprogmiljøet i vuggestuen fortsætter som fokusområde; pædagogerne bruger de nye sprogkufferter dagligt.", followUpId: "f-1", followUpText: "Plan for sprogkufferterne i alle vuggestuegrupper", ownerId: sofie.id, dueDate: "2027-04-15", followUpStatus: "open" },
  { decisionId: "d-2", agendaItemId: "a-2", decision: "Bestyrelsen får en kort status på hvert bestyrelsesmøde.", followUpId: "f-2", followUpText: "Sætte status på bestyrelsens dagsorden", ownerId: alex.id, dueDate: "2027-03-31", followUpStatus: "open" },
  { decisionId: "d-3", agendaItemId: "a-3", decision: "Legepladsen deles i zoner, så de mindste børn har et roligt hjørne.", followUpId: "f-3", followUpText: "Tegning af zonerne til personalemødet", ownerId: jonas.id, dueDate: "2027-04-01", followUpStatus: "open" },
];

const carriedView = (id: string, text: string, owner: Person, due: string, status: "open" | "done"): FollowUpView => ({
  followUp: { id, meetingId: "m-0", text, ownerId: owner.id, dueDate: due, status, version: 2, createdAt: new Date("2026-10-12T10:00:00Z"), doneAt: status === "done" ? new Date("2027-02-20T12:00:00Z") : undefined },
  owner,
  meeting: { id: "m-0", kind: "laeringssamtale", startsAt: new Date("2026-10-12T07:00:00Z"), chairId: alex.id, unitId: unit.id },
  decisionText: "Overgangen fra vuggestue til børnehave styrkes.",
  comments: [],
});

export const sampleReferat: ReferatView = {
  meeting: sampleMeeting,
  agendaItems: items,
  rows,
  openFollowUps: 3,
  carried: [
    carriedView("f-0a", "Overgangssamtaler med forældre", sofie, "2027-02-01", "done"),
    carriedView("f-0b", "Drøfte sprogdata med de pædagogiske ledere", alex, "2027-03-20", "open"),
  ],
  shown: { version: 1, formRevision: 4, closedAt: new Date("2027-03-03T10:20:00Z"), closedById: alex.id, closedBy: alex.name },
  earlier: false,
  erased: false,
  closing: { referater: [{ version: 1, formRevision: 4, closedAt: new Date("2027-03-03T10:20:00Z"), closedById: alex.id }], reopenDays: 14 },
};

export const sampleApproval: ReferatApprovalLine = {
  required: true,
  approvals: [
    { personId: sofie.id, name: sofie.name, at: new Date("2027-03-04T09:12:00Z") },
    { personId: jonas.id, name: jonas.name, at: new Date("2027-03-05T13:40:00Z") },
  ],
  pending: [{ personId: mette.id, name: mette.name }],
};
