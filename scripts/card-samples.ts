/**
 * Sample data for every card template, built through the real card-data functions from a small
 * demo meeting (Danish names and texts, æ/ø/å included). `npm run cards:samples` writes them to
 * cards/<name>.sample.json; test/cards checks the files are current and every card is valid.
 */
import { adHocCardData } from "../src/cards/adhoc-card.js";
import { guestLinksCardData } from "../src/cards/guest-links-card.js";
import { agendaCardData } from "../src/cards/agenda-card.js";
import { boardReportCardData } from "../src/cards/board-report-card.js";
import { teamsMeetingLink } from "../src/domain/calendar.js";
import { followUpCardData } from "../src/cards/followup-card.js";
import { followUpFormCardData } from "../src/cards/followup-form-card.js";
import { helpCardData } from "../src/cards/help-card.js";
import { meetingsCardData } from "../src/cards/meetings-card.js";
import { myTasksCardData } from "../src/cards/my-tasks-card.js";
import { noticeCardData } from "../src/cards/notice-card.js";
import { busyCardData } from "../src/cards/busy-card.js";
import { referatCardData } from "../src/cards/referat-card.js";
import { referatRemarkCardData } from "../src/cards/referat-remark-card.js";
import { reflectionCardData } from "../src/cards/reflection-card.js";
import { scheduleCardData } from "../src/cards/schedule-card.js";
import type { CardName } from "../src/cards/template.js";
import { welcomeCardData } from "../src/cards/welcome-card.js";
import type { AgendaItem, FollowUpView, FormRow, Meeting, Person, Unit } from "../src/domain/types.js";
import { strings } from "../src/lib/strings.da.js";
import { boardStatementCardData } from "../src/cards/board-statement-card.js";
import { evaluationCardData } from "../src/cards/evaluation-card.js";
import { focusAreasCardData } from "../src/cards/focus-areas-card.js";
import { yearWheelCardData } from "../src/cards/year-wheel-card.js";
import { reassignCardData } from "../src/cards/reassign-card.js";
import { overdueDigestCardData } from "../src/cards/digest-card.js";
import { preferencesCardData } from "../src/cards/preferences-card.js";
import { reminderPartsData } from "../src/cards/reminder-card.js";
import { channelLinkCardData } from "../src/cards/channel-link-card.js";
import { areaStatusCardData } from "../src/cards/area-status-card.js";
import { unitDetailCardData } from "../src/cards/unit-detail-card.js";
import { channelDigestCardData } from "../src/cards/channel-digest-card.js";
import { exportLinksCardData } from "../src/cards/export-links-card.js";
import { initiativesCardData } from "../src/cards/initiatives-card.js";
import { loopSummaryCardData } from "../src/cards/loop-summary-card.js";
import type { AreaStatus } from "../src/domain/channel-service.js";
import type { FocusArea, Loop } from "../src/domain/types.js";
import { readTemplates } from "../src/store/template-loader.js";
import { resolve } from "node:path";

const templates = readTemplates(resolve(import.meta.dirname, "../config/templates"));

const tz = "Europe/Copenhagen";
const today = "2027-01-12";
const now = new Date("2027-01-12T09:00:00Z");

const chief: Person = { id: "alex", aadObjectId: "aad-alex", name: "Alex Wilber", active: true };
const leader: Person = { id: "sofie", aadObjectId: "aad-sofie", name: "Sofie Ærø Østergaard", active: true };
const unit: Unit = { id: "solsikken", name: "Dagtilbud Solsikken", type: "dagtilbud", selvejende: false, areaId: "midt", active: true };

const meeting: Meeting = {
  id: "m-1",
  kind: "one_on_one",
  unit,
  chairId: chief.id,
  startsAt: new Date("2027-01-14T08:00:00Z"),
  durationMinutes: 60,
  status: "planned",
  referatVersion: 0,
  carriedFrozen: false,
  version: 3,
  participants: [
    { person: chief, role: "chair" },
    { person: leader, role: "leader" },
  ],
  firstOfLoop: false,
  templateId: "1-1-ledelsesopfoelgning",
  template: templates["1-1-ledelsesopfoelgning"],
};

const pl: Person = { id: "jonas", aadObjectId: "aad-jonas", name: "Jonas Dahl", active: true };
const board: Person = { id: "bo", aadObjectId: "aad-bo", name: "Bo Kristensen", active: true };
const loop: Loop = {
  id: "0-6-2027",
  name: "2027–2028, 0–6-årsområdet",
  startDate: "2027-03-01",
  endDate: "2029-03-01",
  unitTypes: ["dagtilbud"],
  themes: [
    { id: "0-6-2027/sprog", key: "sprog", title: "Sprog og kommunikation", active: true },
    { id: "0-6-2027/trivsel", key: "trivsel", title: "Trivsel og fællesskaber", active: true },
  ],
};
const samtale: Meeting = {
  ...meeting,
  id: "m-2",
  kind: "laeringssamtale",
  startsAt: new Date("2027-10-12T07:00:00Z"),
  durationMinutes: 120,
  participants: [
    ...meeting.participants,
    { person: pl, role: "paedagogisk_leder" },
    // «Ad hoc deltagere» (decision 0022): a guest the chair added by name, a person outside Teams (decision 0025).
    { person: { id: "g-1", aadObjectId: null, name: "Anne Holm", email: "anne.holm@eksempel.dk", active: true, origin: "guest" }, role: "ad_hoc" },
  ],
  loopId: loop.id,
  templateId: "laeringssamtale-opfoelgende",
  template: templates["laeringssamtale-opfoelgende"],
};
const focusArea = (id: string, themeId: string, title: string, evaluateOn?: string): FocusArea => ({
  id, unitId: unit.id, loopId: loop.id, themeId, title, status: "active", evaluateOn, evaluateAtNextMeeting: false, meetingId: "m-1", position: 1, version: 1,
});
const focusAreas = [focusArea("fa-1", "0-6-2027/sprog", "Sprogmiljøet i vuggestuen", "2027-12-01"), focusArea("fa-2", "0-6-2027/trivsel", "Børnefællesskaber på legepladsen")];

const template = templates["1-1-ledelsesopfoelgning"].agenda;
const item = (s: (typeof template)[number], i: number): AgendaItem => ({ id: `a-${i + 1}`, position: i + 1, kind: "standing", title: s.title, minutes: s.minutes });
const standing: AgendaItem[] = template.slice(0, -1).map(item);
const closing: AgendaItem[] = [{ ...item(template.at(-1)!, 5), position: 1006 }];
const topic: AgendaItem = { id: "a-7", position: 6, kind: "topic", title: "Sygefravær i vuggestuen", addedBy: leader };

const followUp = (id: string, text: string, due: string, status: "open" | "done" = "open"): FollowUpView => ({
  followUp: { id, meetingId: "m-0", text, ownerId: leader.id, dueDate: due, status, version: 2, createdAt: new Date("2026-11-10T10:00:00Z"), doneAt: status === "done" ? now : undefined },
  owner: leader,
  meeting: { id: "m-0", kind: "one_on_one", startsAt: new Date("2026-11-10T09:00:00Z"), chairId: chief.id, unitId: unit.id },
  decisionText: "Vi styrker overgangen fra vuggestue til børnehave.",
  comments: [{ author: leader, at: new Date("2026-12-01T12:00:00Z"), text: "Første overgangssamtaler er holdt." }],
});
const carried = [
  followUp("f-1", "Plan for overgangssamtaler med forældre", "2027-01-08"),
  followUp("f-2", "Drøfte sprogdata med de pædagogiske ledere", "2027-02-01"),
];

const rows: FormRow[] = [
  {
    decisionId: "d-1",
    agendaItemId: "a-2",
    decision: "Sprogvurderingerne gennemgås på næste personalemøde.",
    followUpId: "f-3",
    followUpText: "Sætte sprogdata på dagsordenen til personalemødet",
    ownerId: leader.id,
    dueDate: "2027-02-15",
    followUpStatus: "open",
  },
  { decisionId: "d-2", agendaItemId: "a-5", decision: "Alex giver sparring på vikarplanen i uge 6." },
];

const areaStatus: AreaStatus = {
  area: { id: "midt", name: "Område Midt" },
  today,
  units: [
    { unit: { ...unit, congestedSince: now }, open: 9, dueThisWeek: 2, overdue: 3, doneLast30: 4, focusAreas: 2, congested: true, nextMeeting: { kind: "one_on_one", firstOfLoop: false, startsAt: new Date("2027-01-18T09:00:00Z"), reflectionsSent: 0, reflectionsExpected: 1 } },
    { unit: { ...unit, id: "kastanjen", name: "Kastanjen (selvejende)", selvejende: true }, open: 3, dueThisWeek: 1, overdue: 1, doneLast30: 2, focusAreas: 1, congested: false, nextMeeting: { kind: "laeringssamtale", firstOfLoop: false, startsAt: new Date("2027-02-02T13:00:00Z"), reflectionsSent: 3, reflectionsExpected: 5 } },
    { unit: { ...unit, id: "bakketoppen", name: "Bakketoppen Skole", type: "skole" }, open: 2, dueThisWeek: 0, overdue: 0, doneLast30: 5, focusAreas: 3, congested: false },
  ],
  completion: [
    { month: "2026-08", total: 6, done: 5 },
    { month: "2026-09", total: 8, done: 6 },
    { month: "2026-10", total: 5, done: 3 },
    { month: "2026-11", total: 7, done: 5 },
    { month: "2026-12", total: 4, done: 2 },
    { month: "2027-01", total: 3, done: 1 },
  ],
};

/** «Føj til kalender» as CALENDAR_SYNC=link offers it, with a bot id for the link back to its chat. */
const sampleCalendar = { calendarSync: { mode: "link" as const, botId: "00000000-0000-0000-0000-00000000b07d" }, timezone: tz };

export const cardSamples: Record<CardName, object> = {
  welcome: welcomeCardData(),
  help: helpCardData({ audience: "chief" }),
  notice: noticeCardData(strings.schedule.notChiefForLeader, { tone: "error" }),
  busy: busyCardData(true),
  schedule: scheduleCardData({
    leaders: [
      { leader, unit },
      { leader: { id: "lars", aadObjectId: "aad-lars", name: "Lars Nørgaard", active: true }, unit: { ...unit, id: "kastanjen", name: "Kastanjen (selvejende)", selvejende: true } },
    ],
    today,
    packLead: "3 arbejdsdage",
    minutes: 60,
    requestId: "8f2d6c1e-5b4a-4e3f-9d8c-7b6a5f4e3d2c",
    workday: { start: "08:00", end: "15:30" },
    values: { leader: "solsikken/sofie", date: "2027-01-11", time: "09:00" },
    feedback: { error: strings.generic.cardErrorsHeading, fieldErrors: { date: strings.generic.dateInPast } },
  }),
  agenda: agendaCardData({
    view: {
      meeting: samtale,
      standing: templates["laeringssamtale-opfoelgende"].agenda.slice(0, -1).map(item),
      // The leader drafted the indstilling to her own topic before the meeting; the chair may draft any.
      topics: [{ ...topic, recommendation: "vikardækningen i uge 6 drøftes med personalet, og at forældrene orienteres." }],
      closing: [{ ...item(templates["laeringssamtale-opfoelgende"].agenda.at(-1)!, 5), position: 1006 }],
      carried,
      locked: false,
      indstilling: { draftable: [...templates["laeringssamtale-opfoelgende"].agenda.slice(0, -1).map(item).map((i) => i.id), topic.id] },
      leader,
      leaderReflectionSent: true,
      leaderNothingNew: false,
      reflections: [
        { person: chief, role: "chair", sent: false },
        { person: leader, role: "leader", sent: true },
        { person: pl, role: "paedagogisk_leder", sent: true },
      ],
      loop,
      focusAreas,
      // The board gives a statement; it has sent it, so the ask went out and the choice is fixed.
      board: { mode: "statement", changeable: false },
      boardStatements: [
        { author: board, statement: { id: "b-1", meetingId: "m-2", authorId: board.id, text: "Bestyrelsen bakker op om sprogindsatsen og ønsker, at forældrene får konkrete idéer til sprogleg derhjemme.", version: 1, sentAt: new Date("2027-10-01T16:00:00Z") } },
      ],
      // The unit's datapakke in LIS (organisation file): «Åbn datapakken» beside input A.
      datapakkeUrl: "https://lis.eksempelkommune.dk/datapakker/solsikken/2027?afsnit=sprog_trivsel",
    },
    viewer: chief,
    tz,
    today,
    intro: strings.agenda.packIntro(strings.meeting.kindsInText.laeringssamtale),
    // The chair's copy (CALENDAR_SYNC=link): Teams' new-meeting form, filled in, and the .ics.
    calendar: { cancelled: false, teamsLink: teamsMeetingLink(samtale, chief, sampleCalendar, now) },
  }),
  adhoc: adHocCardData({
    meeting: samtale,
    candidates: [board, { id: "lars", aadObjectId: "aad-lars", name: "Lars Nørgaard", active: true }],
    tz,
    feedback: { error: strings.generic.cardErrorsHeading, fieldErrors: { guestEmail: strings.people.invalidEmail } },
    typed: { guestName: "Anne Holm, talehørekonsulent", guestEmail: "anne.holm@", guestPhone: "" },
  }),
  // The chair's «Deltagere uden Teams» (decision 0025): a guest with a live link, a board member whose link was revoked.
  "guest-links": guestLinksCardData({
    meeting: samtale,
    guests: [
      {
        person: { id: "g-1", aadObjectId: null, name: "Anne Holm", email: "anne.holm@eksempel.dk", active: true, origin: "guest" },
        role: "ad_hoc",
        link: { linkId: "l-1", url: "https://laeringsloop.eksempelkommune.dk/m/Zm9vYmFyYmF6cXV1eGNvcmdlZ3JhdWx0Z2FycGx5d2FsZG8", expiresAt: new Date("2027-11-11T11:00:00Z"), revoked: false },
      },
      {
        person: { id: "rikke", aadObjectId: null, name: "Rikke Friis", phone: "+45 20 30 40 50", active: true },
        role: "bestyrelsesrepraesentant",
        link: { linkId: "l-2", url: "https://laeringsloop.eksempelkommune.dk/m/cmV2b2tlZHJldm9rZWRyZXZva2VkcmV2b2tlZHJldm9rZWQ", expiresAt: new Date("2027-11-11T11:00:00Z"), revoked: true },
      },
    ],
    mail: new Map([["l-1", { status: "sent", at: new Date("2027-10-04T12:12:00Z") }]]),
    tz,
    feedback: { notice: strings.guestLinks.revoked("Rikke Friis") },
  }),
  "year-wheel": yearWheelCardData({
    view: {
      unit,
      units: [unit, { ...unit, id: "aaskolen", name: "Åskolen", type: "skole" }],
      loop,
      wheel: {
        id: "w-1",
        unitId: unit.id,
        loopId: loop.id,
        status: "proposed",
        version: 2,
        entries: [
          { id: "e-1", kind: "one_on_one", sequence: 1, firstOfLoop: false, date: "2027-01-19", time: "09:00", durationMinutes: 60 },
          { id: "e-2", kind: "leader_pl", sequence: 1, withPersonId: pl.id, firstOfLoop: false, date: "2027-01-20", time: "09:00", durationMinutes: 60 },
          { id: "e-3", kind: "laeringssamtale", sequence: 1, firstOfLoop: true, date: "2027-04-13", time: "09:00", durationMinutes: 120 },
          { id: "e-4", kind: "one_on_one", sequence: 2, firstOfLoop: false, date: "2027-05-18", time: "09:00", durationMinutes: 60 },
          { id: "e-5", kind: "laeringssamtale", sequence: 2, firstOfLoop: false, date: "2027-10-12", time: "09:00", durationMinutes: 120 },
        ],
      },
      names: new Map([[pl.id, pl.name]]),
      today,
      role: "chief",
      holdsPl: false,
      cancelled: new Set(),
      takesPartInAny: false,
    },
    tz,
    workday: { start: "08:00", end: "15:30" },
    load: { unitId: unit.id, unitName: unit.name, count: 9, ceiling: 8, over: true, focusAreas: 3, initiatives: 2, agreements: 4 },
    feedback: { notice: strings.yearWheel.moved("tirsdag den 18. maj 2027 kl. 09.00") },
  }),
  "focus-areas": focusAreasCardData({
    // The chair's card before the loop's first læringssamtale: the leader's proposal, waiting for approval.
    view: {
      meeting: { ...samtale, firstOfLoop: true, templateId: "laeringssamtale-foerste" },
      loop,
      areas: [],
      editable: true,
      proposing: false,
      proposal: {
        id: "p-1",
        unitId: unit.id,
        loopId: loop.id,
        meetingId: samtale.id,
        proposedById: leader.id,
        rows: focusAreas.map((a) => ({ themeId: a.themeId, title: a.title, evaluateOn: a.evaluateOn })),
        status: "pending",
        version: 2,
        updatedAt: new Date("2027-01-08T14:00:00Z"),
      },
      load: { unitId: unit.id, unitName: unit.name, count: 9, ceiling: 8, over: true, focusAreas: 3, initiatives: 2, agreements: 4 },
    },
    tz,
    today,
  }),
  "board-statement": boardStatementCardData({
    view: { meeting: samtale, statement: undefined, editable: true },
    focusAreas,
    tz,
    maxLength: 2000,
  }),
  // The board chair of a selvejende dagtilbud after the year's last læringssamtale, one follow-up begun.
  "board-report": boardReportCardData({
    view: {
      meeting: { ...samtale, unit: { ...unit, id: "kastanjen", name: "Kastanjen (selvejende)", selvejende: true }, chairId: board.id, status: "closed" },
      year: 2027,
      followUps: [],
      owners: [board, leader, chief],
      editable: true,
    },
    tz,
    maxLength: 2000,
    typed: { followedUp: "Bestyrelsen har fulgt op på sprogindsatsen og basistilsynet.", rows: [{ text: "Forældremøde om sprog", ownerId: "sofie", dueDate: "2027-03-01" }] },
  }),
  evaluation: evaluationCardData({
    view: { subject: "followup", id: "f-1", version: 3, text: "Plan for overgangssamtaler med forældre", unitId: unit.id, evaluateOn: "2027-01-12", state: "open", evaluateAtNextMeeting: false, due: true },
    today,
  }),
  reassign: reassignCardData({
    groups: [
      {
        unit,
        items: [followUp("f-7", "Plan for overgangssamtaler med forældre", "2027-01-20")].map((v) => ({ ...v, owner: { ...v.owner, name: "Sofie Ærø Østergaard", active: false } })),
        candidates: { "f-7": [leader, chief] },
      },
    ],
    feedback: { notice: strings.reassign.done("Jonas Dahl") },
  }),
  reflection: reflectionCardData({
    view: {
      meeting,
      intro: templates["1-1-ledelsesopfoelgning"].reflection.intro,
      everyone: false,
      questions: templates["1-1-ledelsesopfoelgning"].reflection.roles.leader!.questions,
      author: leader,
      authorRole: "leader",
      nothingNewOffered: true,
      reflection: undefined,
      editable: true,
      viewerIsAuthor: true,
      other: chief,
    },
    tz,
    maxLength: 2000,
  }),
  "followup-form": followUpFormCardData({
    view: { meeting, template: templates["1-1-ledelsesopfoelgning"], agendaItems: [...standing, topic, ...closing], rows, revisions: 2, closing: { referater: [], reopenDays: 14 } },
    tz,
    now,
    saved: { at: now, revision: 2, summary: { newDecisions: 1, changedDecisions: 0, removedDecisions: 0, newFollowUps: 1, changedFollowUps: 0, cancelledFollowUps: 0, recommendations: 0, empty: false } },
  }),
  followup: followUpCardData({ view: carried[0]!, viewer: leader, today, tz, maxLength: 2000, heading: "overdue" }),
  "my-tasks": myTasksCardData({
    items: carried,
    total: 2,
    changed: followUp("f-9", "Aftale tilsynsbesøg med bestyrelsen", "2027-01-20", "done"),
    today,
    tz,
    maxLength: 2000,
    feedback: { notice: strings.followUp.markedDone },
  }),
  meetings: meetingsCardData({
    upcoming: [meeting],
    recent: [{ ...meeting, id: "m-0", status: "closed", startsAt: new Date("2026-11-10T09:00:00Z") }],
    viewer: chief,
    now,
    tz,
    calendarOf: (m) => (m.status === "planned" ? { cancelled: false, teamsLink: teamsMeetingLink(m, chief, sampleCalendar, now) } : undefined),
  }),
  // A corrected referat (the chair reopened the meeting and closed it again), as the leader's copy
  // with REFERAT_APPROVAL_ONE_TO_ONE on: the approval line, «Godkend referat» and «Bemærkning til
  // referatet» (the chair's copy has «Genåbn mødet» instead of the buttons).
  referat: referatCardData({
    meeting: { ...meeting, status: "closed", referatVersion: 2, closedAt: new Date("2027-01-14T13:05:00Z") },
    agendaItems: [...standing, topic, ...closing],
    rows,
    openFollowUps: 1,
    shown: { version: 2, formRevision: 3, closedAt: new Date("2027-01-14T13:05:00Z"), closedById: chief.id, closedBy: chief.name },
    closing: {
      referater: [
        { version: 1, formRevision: 2, closedAt: new Date("2027-01-14T09:10:00Z"), closedById: chief.id, reopenedAt: new Date("2027-01-14T12:50:00Z"), reopenedById: chief.id },
        { version: 2, formRevision: 3, closedAt: new Date("2027-01-14T13:05:00Z"), closedById: chief.id },
      ],
      reopenDays: 14,
    },
    carried: [{ ...carried[0]!, followUp: { ...carried[0]!.followUp, status: "done", doneAt: now } }, carried[1]!],
    today,
    tz,
    intro: true,
    approval: { status: { required: true, version: 2, approvals: [], pending: [{ personId: leader.id, name: leader.name }], remarks: [] }, viewerId: leader.id, maxLength: 2000 },
  }),
  // To the chair: a participant's remark to the referat, with «Genåbn mødet».
  "referat-remark": referatRemarkCardData({
    remark: { id: "r-1", meetingId: meeting.id, version: 1, personId: leader.id, text: "Under punkt 3 står fristen som 1. marts; vi aftalte 1. april.", at: new Date("2027-01-15T08:30:00Z") },
    author: leader.name,
    meeting: { ...meeting, kind: "laeringssamtale", status: "closed", referatVersion: 1, closedAt: new Date("2027-01-14T13:05:00Z") },
    reopenUntil: new Date("2027-01-28T13:05:00Z"),
    tz,
  }),
  digest: overdueDigestCardData([carried[0]!.followUp, followUp("f-8", "Aftale tilsynsbesøg med bestyrelsen", "2026-12-18").followUp]),
  preferences: preferencesCardData({
    prefs: { muted: ["dueSoon"], digestTime: "09:00", absentUntil: "2027-02-01" },
    digestTimes: ["08:00", "09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00"],
    isChief: true,
    today,
    feedback: { notice: strings.preferences.saved },
  }),
  "channel-link": channelLinkCardData({ areas: [{ id: "midt", name: "Område Midt" }, { id: "nord", name: "Område Nord" }], followed: [{ id: "midt", name: "Område Midt" }], feedback: { notice: strings.channel.linked("Område Midt") } }),
  "area-status": areaStatusCardData({ status: areaStatus, tz, updatedAt: now, exportPeriod: { from: "2027-01-01", to: today } }),
  "unit-detail": unitDetailCardData({
    unit,
    status: areaStatus.units[0],
    open: [
      { text: "Plan for overgangssamtaler med forældre", owner: "Sofie Ærø Østergaard", dueDate: "2027-01-08" },
      { text: "Sætte sprogdata på dagsordenen til personalemødet", owner: "Jonas Dahl", dueDate: "2027-02-15" },
    ],
    decisions: [{ text: "Vi prioriterer sprogarbejdet i vuggestuen frem til sommerferien.", meetingKind: "laeringssamtale", firstOfLoop: true, startsAt: new Date("2026-11-10T09:00:00Z") }],
    upcoming: [{ kind: "one_on_one", firstOfLoop: false, startsAt: new Date("2027-01-18T09:00:00Z") }],
    today,
    tz,
  }),
  "channel-digest": channelDigestCardData({
    area: { id: "midt", name: "Område Midt" },
    created: 4,
    done: 3,
    becameOverdue: [{ unitName: "Dagtilbud Solsikken", text: "Plan for overgangssamtaler med forældre", owner: "Sofie Ærø Østergaard", dueDate: "2027-01-08" }],
    upcoming: [{ unitName: "Dagtilbud Solsikken", kind: "one_on_one", firstOfLoop: false, startsAt: new Date("2027-01-18T09:00:00Z") }],
    tz,
  }),
  "export-links": exportLinksCardData({
    area: { id: "midt", name: "Område Midt" },
    period: { from: "2027-01-01", to: "2027-06-30" },
    links: [
      { format: "xlsx", url: "https://laeringsloop.kommune.dk/export/eksempel-1" },
      { format: "csv:decisions", url: "https://laeringsloop.kommune.dk/export/eksempel-2" },
      { format: "csv:followUps", url: "https://laeringsloop.kommune.dk/export/eksempel-3" },
      { format: "csv:focusAreas", url: "https://laeringsloop.kommune.dk/export/eksempel-4" },
      { format: "csv:summary", url: "https://laeringsloop.kommune.dk/export/eksempel-5" },
    ],
  }),
  initiatives: initiativesCardData({
    view: {
      areas: [{ id: "midt", name: "Område Midt (0-6 år)", units: [unit, { ...unit, id: "kastanjen", name: "Kastanjen (selvejende)", selvejende: true }] }],
      initiatives: [
        { id: "i-1", areaId: "midt", title: "Ny model for sprogvurderinger", fromDate: "2027-01-01", evaluateOn: "2028-12-31", wholeArea: true, unitIds: [], status: "active", version: 1 },
        { id: "i-2", areaId: "midt", title: "Fælles pædagogisk læreplan for overgange", fromDate: "2027-02-01", evaluateOn: "2027-12-31", wholeArea: false, unitIds: ["solsikken"], status: "active", version: 1 },
      ],
      loads: [
        { unitId: "solsikken", unitName: "Dagtilbud Solsikken", count: 9, ceiling: 8, over: true, focusAreas: 3, initiatives: 2, agreements: 4 },
        { unitId: "kastanjen", unitName: "Kastanjen (selvejende)", count: 4, ceiling: 8, over: false, focusAreas: 2, initiatives: 1, agreements: 1 },
      ],
      today,
      defaultEvaluateOn: "2028-12-31",
    },
    requestId: "00000000-0000-4000-8000-000000000001",
    feedback: { notice: strings.initiatives.saved("Fælles pædagogisk læreplan for overgange") },
  }),
  "loop-summary": loopSummaryCardData({
    summary: {
      unit,
      loop,
      focusAreas: [
        {
          area: focusAreas[0]!,
          themeTitle: "Sprog og kommunikation",
          evaluations: { extended: 1, evaluateNext: false },
          decisions: [
            { text: "Dialogisk læsning i alle vuggestuegrupper.", at: new Date("2027-10-05T08:00:00Z"), followUps: { done: 1, open: 0, ended: 1 } },
            { text: "Sprogvurderingerne drøftes på hvert personalemøde.", at: new Date("2028-03-07T08:00:00Z"), followUps: { done: 1, open: 0, ended: 0 } },
          ],
        },
        {
          area: { ...focusAreas[1]!, status: "ended" },
          themeTitle: "Trivsel og fællesskaber",
          evaluations: { extended: 0, evaluateNext: false, endedAt: new Date("2028-06-15T10:00:00Z") },
          decisions: [{ text: "Legepladsen indrettes i zoner sammen med børnene.", at: new Date("2028-03-07T08:00:00Z"), followUps: { done: 1, open: 1, ended: 0 } }],
        },
      ],
      samtaler: [
        { meeting: { ...samtale, firstOfLoop: true, startsAt: new Date("2027-03-09T08:00:00Z") }, decisions: [{ text: "Vi vælger sprogmiljøet i vuggestuen og børnefællesskaber på legepladsen som lokale fokusområder.", at: new Date("2027-03-09T08:00:00Z"), followUps: { done: 2, open: 0, ended: 0 } }] },
        { meeting: { ...samtale, startsAt: new Date("2027-10-05T08:00:00Z") }, decisions: [] },
        { meeting: { ...samtale, startsAt: new Date("2028-03-07T08:00:00Z") }, decisions: [] },
        { meeting: { ...samtale, startsAt: new Date("2028-10-03T08:00:00Z") }, decisions: [] },
      ],
      followUps: { done: 5, open: 1, ended: 1 },
    },
    tz,
  }),
  reminder: reminderPartsData({ heading: strings.reminders.reflectionHeading("onsdag den 13. januar 2027 kl. 10.00"), notificationId: "n-1" }),
};
