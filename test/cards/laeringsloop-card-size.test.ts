import { describe, expect, it } from "vitest";
import { buildAdHocCard } from "../../src/cards/adhoc-card.js";
import { buildAgendaCard } from "../../src/cards/agenda-card.js";
import { INDSTILLING_MAX } from "../../src/domain/meeting-service.js";
import { shortHash } from "../../src/lib/short-hash.js";
import { buildBoardStatementCard } from "../../src/cards/board-statement-card.js";
import { cardBytes } from "../../src/cards/budget.js";
import { buildEvaluationCard } from "../../src/cards/evaluation-card.js";
import { buildFocusAreasCard } from "../../src/cards/focus-areas-card.js";
import { buildYearWheelCard } from "../../src/cards/year-wheel-card.js";
import { FOCUS_TITLE_MAX, MAX_FOCUS_AREAS } from "../../src/domain/focus-area-service.js";
import { limits } from "../../src/domain/limits.js";
import type { YearWheelEntry } from "../../src/domain/ports.js";
import type { FocusArea, FollowUpView, Loop, Meeting, Person, Unit } from "../../src/domain/types.js";
import { cardText, findAction } from "../helpers/fake-connector.js";
import { shippedTemplates } from "../helpers/templates.js";

/** The læringsloop's cards at their fullest: every text at its limit, in two-byte letters. */
const TEAMS_LIMIT = 28 * 1024;
const tz = "Europe/Copenhagen";
const long = (n: number) => "æ".repeat(n);
const uuid = (i: number) => `${String(i).padStart(8, "0")}-0000-4000-8000-000000000000`;
const person = (i: number): Person => ({ id: `p${i}`, aadObjectId: `a${i}`, name: long(200), active: true });
const unit = (i: number): Unit => ({ id: `u${i}`, name: long(200), type: "fu", selvejende: false, areaId: "a", active: true });
const loop: Loop = {
  id: "l",
  name: long(200),
  startDate: "2027-01-01",
  endDate: "2029-01-01",
  unitTypes: ["fu"],
  themes: Array.from({ length: 10 }, (_, i) => ({ id: `l/t${i}`, loopId: "l", key: `t${i}`, title: long(200), position: i, active: true })),
};
const participants = Array.from({ length: 20 }, (_, i) => person(i));
const meeting: Meeting = {
  id: uuid(1),
  kind: "laeringssamtale",
  unit: unit(0),
  chairId: "p0",
  startsAt: new Date("2027-09-14T07:00:00Z"),
  durationMinutes: 120,
  status: "planned",
  referatVersion: 0,
  carriedFrozen: false,
  version: 3,
  participants: participants.map((p, i) => ({ person: p, role: i === 0 ? "chair" : i === 1 ? "leader" : "paedagogisk_leder" })),
  loopId: "l",
  firstOfLoop: false,
  templateId: "laeringssamtale-opfoelgende",
  template: shippedTemplates["laeringssamtale-opfoelgende"],
};
const focusAreas: FocusArea[] = Array.from({ length: MAX_FOCUS_AREAS }, (_, i) => ({
  id: uuid(10 + i), unitId: "u0", loopId: "l", themeId: `l/t${i}`, title: long(FOCUS_TITLE_MAX), status: "active", evaluateOn: "2028-03-01", evaluateAtNextMeeting: true, meetingId: uuid(1), position: i + 1, version: 4,
}));

describe("the læringsloop's cards stay inside Teams' 28 KB however full they get", () => {
  it("årshjul: a big leadership team's 1:1s are listed for the chosen pædagogisk leder when all would not fit", () => {
    const entries: YearWheelEntry[] = [];
    const add = (kind: YearWheelEntry["kind"], n: number, withPersonId?: string) => {
      for (let i = 0; i < n; i++) entries.push({ id: uuid(1000 + entries.length), kind, sequence: i + 1, withPersonId, firstOfLoop: kind === "laeringssamtale" && i === 0, date: `2027-${String((i % 11) + 2).padStart(2, "0")}-${String(10 + (entries.length % 18)).padStart(2, "0")}`, time: "09:00", durationMinutes: 60 });
    };
    add("laeringssamtale", 4);
    add("one_on_one", 12);
    for (let p = 0; p < 10; p++) add("leader_pl", 12, `p${p}`);
    entries.sort((a, b) => a.date.localeCompare(b.date));
    const names = new Map(participants.map((p) => [p.id, p.name]));
    const view = { unit: unit(0), units: Array.from({ length: 40 }, (_, i) => unit(i)), loop, wheel: { id: "w", unitId: "u0", loopId: "l", status: "proposed" as const, version: 9, entries }, names, today: "2026-11-23", role: "chief" as const, holdsPl: false, cancelled: new Set<string>(), takesPartInAny: false };
    const input = { view, tz, workday: { start: "08:00", end: "16:00" }, load: { unitId: "u0", unitName: "x", count: 30, ceiling: 8, over: true, focusAreas: 4, initiatives: 2, agreements: 24 } };

    const none = buildYearWheelCard(input);
    expect(cardBytes(none)).toBeLessThan(TEAMS_LIMIT);
    expect(cardText(none)).toContain("samtaler (1:1) med pædagogiske ledere (vælg en leder nedenfor)");
    const chosen = buildYearWheelCard({ ...input, showPersonId: "p3" });
    expect(cardBytes(chosen)).toBeLessThan(TEAMS_LIMIT);
    const moveChoices = (JSON.stringify(chosen).match(/"id":"entryId".*?"choices":(\[.*?\])/) ?? [])[1]!;
    expect(JSON.parse(moveChoices)).toHaveLength(4 + 12 + 12);

    // Confirmed (every entry a meeting): the chief's view also lists what he may cancel; the
    // leader's view lists her own 1:1s to move and cancel, one pædagogisk leder at a time.
    const confirmedView = { ...view, wheel: { ...view.wheel, status: "confirmed" as const, confirmedAt: new Date("2026-11-23T09:00:00Z"), entries: entries.map((e, i) => ({ ...e, meetingId: uuid(5000 + i) })) } };
    for (const role of ["chief", "leader"] as const) {
      const card = buildYearWheelCard({ ...input, view: { ...confirmedView, role, holdsPl: role === "leader" }, showPersonId: "p3" });
      expect(cardBytes(card), role).toBeLessThan(TEAMS_LIMIT);
      const cancel = JSON.parse((JSON.stringify(card).match(/"id":"cancelEntryId".*?"choices":(\[.*?\])/) ?? [])[1]!) as unknown[];
      expect(cancel, role).toHaveLength(role === "chief" ? 4 + 12 : 12);
    }

    // A small team fits whole: no picker.
    const small = buildYearWheelCard({ ...input, view: { ...view, units: [unit(0)], names: new Map([["p0", "Jonas Dahl"]]), wheel: { ...view.wheel, entries: entries.filter((e) => e.kind !== "leader_pl" || e.withPersonId === "p0") } } });
    expect(JSON.stringify(small)).not.toContain('"id":"showPersonId"');
    expect(cardText(small)).toContain("1:1 med Jonas Dahl (pædagogisk leder)");
  });

  it("fokusområder: four at full length, ten long themes and a long history of ended ones", () => {
    const ended: FocusArea[] = Array.from({ length: 60 }, (_, i) => ({ ...focusAreas[0]!, id: uuid(100 + i), status: "ended" }));
    const card = buildFocusAreasCard({ view: { meeting, loop, areas: [...focusAreas, ...ended], editable: true, proposing: false, load: { unitId: "u0", unitName: "x", count: 30, ceiling: 8, over: true, focusAreas: 4, initiatives: 2, agreements: 24 } }, tz, today: "2027-09-01" });
    expect(cardBytes(card)).toBeLessThan(TEAMS_LIMIT);
    expect(cardText(card)).toMatch(/… og \d+ flere/);
  });

  it("dagsorden for a læringssamtale: 20 participants, three long board statements, many carried follow-ups", () => {
    const carried: FollowUpView[] = Array.from({ length: 60 }, (_, i) => ({
      followUp: { id: uuid(200 + i), meetingId: uuid(9), text: long(limits.followUpText), ownerId: "p1", dueDate: "2027-06-01", status: "open", version: 1, createdAt: new Date(), evaluateAtNextMeeting: true },
      owner: participants[1]!,
      meeting: { id: uuid(9), kind: "laeringssamtale", startsAt: new Date("2027-03-16T08:00:00Z"), chairId: "p0", unitId: "u0" },
      comments: [],
    }));
    const view = {
      meeting,
      standing: shippedTemplates["laeringssamtale-opfoelgende"].agenda.map((a, i) => ({ id: uuid(300 + i), position: i + 1, kind: "standing" as const, title: a.title, minutes: a.minutes })),
      topics: Array.from({ length: 10 }, (_, i) => ({ id: uuid(400 + i), position: 20 + i, kind: "topic" as const, title: long(limits.topicTitle), addedBy: participants[2] })),
      closing: [],
      carried,
      locked: false,
      leader: participants[1],
      leaderReflectionSent: true,
      leaderNothingNew: false,
      reflections: participants.map((p, i) => ({ person: p, role: "medarbejderrepraesentant" as const, sent: i % 2 === 0 })),
      loop,
      focusAreas,
      boardStatements: [0, 1, 2].map((i) => ({ author: person(50 + i), statement: { id: uuid(500 + i), meetingId: uuid(1), authorId: `p${50 + i}`, text: long(10000), version: 1, sentAt: new Date("2027-09-01T08:00:00Z") } })),
      oneOnOneInput: { meetings: 3, open: 4, done: 5, since: new Date("2027-03-16T08:00:00Z") },
    };
    const card = buildAgendaCard({ view, viewer: participants[0]!, tz, today: "2027-09-01", intro: long(200) });
    expect(cardBytes(card)).toBeLessThan(TEAMS_LIMIT);
    expect(cardText(card)).toContain("Bestyrelsens udtalelse");
    expect(cardText(card)).toMatch(/… og \d+ flere/);
  });

  it("dagsorden where the chair may draft every point: each input holds its whole draft, `shown` only a short hash of it", () => {
    // Danish prose at the longest a draft may be (æ, ø and å take two bytes; most letters one).
    const draft = "forældrene og personalet inddrages i arbejdet med sprogmiljøet på stuerne; ".repeat(20).slice(0, INDSTILLING_MAX).trim();
    const view = {
      meeting,
      standing: shippedTemplates["laeringssamtale-opfoelgende"].agenda.map((a, i) => ({ id: uuid(300 + i), position: i + 1, kind: "standing" as const, title: a.title, minutes: a.minutes, recommendation: draft })),
      topics: Array.from({ length: 4 }, (_, i) => ({ id: uuid(400 + i), position: 20 + i, kind: "topic" as const, title: long(limits.topicTitle), addedBy: participants[2], recommendation: draft })),
      closing: [],
      carried: [],
      locked: false,
      leader: participants[1],
      leaderReflectionSent: true,
      leaderNothingNew: false,
      loop,
      focusAreas,
      boardStatements: [],
    };
    const draftable = [...view.standing, ...view.topics].map((i) => i.id);
    const card = buildAgendaCard({ view: { ...view, indstilling: { draftable } }, viewer: participants[0]!, tz, today: "2027-09-01" });
    expect(cardBytes(card)).toBeLessThan(TEAMS_LIMIT);
    const json = JSON.stringify(card);
    // The text is in its input once; the button's data carries a 10-digit hash per point.
    expect(json.split(draft).length - 1).toBe(draftable.length);
    const shown = JSON.parse(String(findAction(card, "agenda.indstilling")!.data.shown)) as Record<string, string>;
    expect(Object.keys(shown)).toEqual(draftable);
    for (const h of Object.values(shown)) expect(h).toBe(shortHash(draft));
  });

  it("dagsorden for the chair: the same and the ad hoc picker with 300 people and three guests", () => {
    const carried: FollowUpView[] = Array.from({ length: 60 }, (_, i) => ({
      followUp: { id: uuid(200 + i), meetingId: uuid(9), text: long(limits.followUpText), ownerId: "p1", dueDate: "2027-06-01", status: "open", version: 1, createdAt: new Date(), evaluateAtNextMeeting: true },
      owner: participants[1]!,
      meeting: { id: uuid(9), kind: "laeringssamtale", startsAt: new Date("2027-03-16T08:00:00Z"), chairId: "p0", unitId: "u0" },
      comments: [],
    }));
    const candidates = Array.from({ length: 300 }, (_, i) => ({ ...person(1000 + i), id: uuid(1000 + i) }));
    const guests = [0, 1, 2].map((i) => ({ person: { id: uuid(600 + i), aadObjectId: null, name: long(200), email: `${"g".repeat(60)}@example.dk`, phone: "+45 12 34 56 78", active: true, origin: "guest" as const }, role: "ad_hoc" as const }));
    const view = {
      meeting: { ...meeting, participants: [...meeting.participants, ...guests] },
      standing: shippedTemplates["laeringssamtale-opfoelgende"].agenda.map((a, i) => ({ id: uuid(300 + i), position: i + 1, kind: "standing" as const, title: a.title, minutes: a.minutes })),
      topics: Array.from({ length: 10 }, (_, i) => ({ id: uuid(400 + i), position: 20 + i, kind: "topic" as const, title: long(limits.topicTitle), addedBy: participants[2] })),
      closing: [],
      carried,
      locked: false,
      leader: participants[1],
      leaderReflectionSent: true,
      leaderNothingNew: false,
      reflections: participants.map((p, i) => ({ person: p, role: "medarbejderrepraesentant" as const, sent: i % 2 === 0 })),
      loop,
      focusAreas,
      boardStatements: [0, 1, 2].map((i) => ({ author: person(50 + i), statement: { id: uuid(500 + i), meetingId: uuid(1), authorId: `p${50 + i}`, text: long(10000), version: 1, sentAt: new Date("2027-09-01T08:00:00Z") } })),
      oneOnOneInput: { meetings: 3, open: 4, done: 5, since: new Date("2027-03-16T08:00:00Z") },
    };
    const card = buildAgendaCard({ view, viewer: participants[0]!, tz, today: "2027-09-01", intro: long(200) });
    expect(cardBytes(card)).toBeLessThan(TEAMS_LIMIT);
    expect(cardText(card)).toContain("Ad hoc deltagere");
    expect(cardText(card)).toContain("Tilføj deltager");
    // The picker is on the chair's own card: 300 people at the longest names fit, the picker saying when it lists fewer.
    const add = buildAdHocCard({ meeting: view.meeting, candidates, tz, typed: { guestName: long(200), guestEmail: "x".repeat(240) + "@example.dk", guestPhone: "+45 12 34 56 78" } });
    expect(cardBytes(add)).toBeLessThan(TEAMS_LIMIT);
    expect(JSON.stringify(add)).toMatch(/kortet viser de første \d+ af 300/);
    // Realistic names: all 300 are listed.
    const all = buildAdHocCard({ meeting: view.meeting, candidates: candidates.map((p, i) => ({ ...p, name: `Mette ${i} Kristensen` })), tz });
    expect(cardBytes(all)).toBeLessThan(TEAMS_LIMIT);
    expect(JSON.stringify(all)).toContain(`"title":"Mette 299 Kristensen"`);
  });

  it("bestyrelsens udtalelse and the evaluation card at their longest", () => {
    const board = buildBoardStatementCard({ view: { meeting, editable: true, statement: { id: uuid(600), meetingId: uuid(1), authorId: "p50", text: long(10000), version: 2, sentAt: new Date() } }, focusAreas, tz, maxLength: 10000 });
    expect(cardBytes(board)).toBeLessThan(TEAMS_LIMIT);
    const evaluation = buildEvaluationCard({ view: { subject: "followup", id: uuid(700), version: 3, text: long(limits.followUpText), unitId: "u0", evaluateOn: "2027-05-03", state: "open", evaluateAtNextMeeting: false, due: true }, today: "2027-05-03" });
    expect(cardBytes(evaluation)).toBeLessThan(TEAMS_LIMIT);
  });
});
