import { describe, expect, it } from "vitest";
import { cardBytes } from "../../src/cards/budget.js";
import { buildFollowUpFormCard } from "../../src/cards/followup-form-card.js";
import { buildGuestLinksCard } from "../../src/cards/guest-links-card.js";
import { buildMyTasksCard } from "../../src/cards/my-tasks-card.js";
import { buildReferatCard } from "../../src/cards/referat-card.js";
import { limits } from "../../src/domain/limits.js";
import type { AgendaItem, FollowUpView, FormRow, Meeting, Person } from "../../src/domain/types.js";
import { shippedTemplates } from "../helpers/templates.js";
import { cardText, findAction } from "../helpers/fake-connector.js";

const TEAMS_LIMIT = 28 * 1024;
const tz = "Europe/Copenhagen";
// Worst case: every text at its limit, in two-byte letters.
const long = (n: number) => "æ".repeat(n);
const uuid = (i: number) => `${String(i).padStart(8, "0")}-0000-4000-8000-000000000000`;

const alex: Person = { id: "alex", aadObjectId: "a", name: "Alex Wilber", active: true };
const megan: Person = { id: "megan", aadObjectId: "m", name: "Megan Bowen", active: true };
const meeting: Meeting = {
  id: uuid(0),
  kind: "one_on_one",
  unit: { id: "solsikken", name: "Dagtilbud Solsikken", type: "dagtilbud", selvejende: false, areaId: "midt", active: true },
  chairId: "alex",
  startsAt: new Date("2027-01-18T09:00:00Z"),
  durationMinutes: 60,
  status: "planned",
  version: 7,
  referatVersion: 0,
  carriedFrozen: false,
  participants: [
    { person: alex, role: "chair" },
    { person: megan, role: "leader" },
  ],
  firstOfLoop: false,
  templateId: "1-1-ledelsesopfoelgning",
  template: shippedTemplates["1-1-ledelsesopfoelgning"],
};
const closing = { referater: [], reopenDays: 14 };
const now = new Date("2027-01-12T09:00:00Z");
const agendaItems: AgendaItem[] = [
  ...shippedTemplates["1-1-ledelsesopfoelgning"].agenda.map((s, i) => ({ id: uuid(100 + i), position: i + 1, kind: "standing" as const, title: s.title })),
  ...Array.from({ length: 6 }, (_, i) => ({ id: uuid(200 + i), position: 7 + i, kind: "topic" as const, title: long(200), addedBy: megan })),
];
const rows: FormRow[] = Array.from({ length: limits.decisionsPerMeeting }, (_, i) => ({
  decisionId: uuid(300 + i),
  agendaItemId: agendaItems[i % agendaItems.length]!.id,
  decision: long(limits.decisionText),
  followUpId: uuid(400 + i),
  followUpText: long(limits.followUpText),
  ownerId: "megan",
  dueDate: "2027-02-01",
  followUpStatus: "open",
}));

describe("cards stay inside Teams' 28 KB however full they get", () => {
  it("lists 12 people outside Teams with the longest names and e-mails, each with their link («Deltagere uden Teams»)", () => {
    const guests = Array.from({ length: 12 }, (_, i) => ({
      person: { id: uuid(700 + i), aadObjectId: null, name: long(200), email: `${"e".repeat(240)}@example.dk`, phone: "+45 12 34 56 78", active: true, origin: "guest" as const },
      role: "ad_hoc" as const,
      link: { linkId: "x".repeat(22), url: `https://laeringsloop.storkommune.dk/m/${"t".repeat(43)}`, expiresAt: now, revoked: i % 2 === 1 },
    }));
    const card = buildGuestLinksCard({ meeting: { ...meeting, kind: "laeringssamtale" }, guests, tz, feedback: { notice: "Anne Holms link er tilbagekaldt." } });
    expect(cardBytes(card)).toBeLessThan(TEAMS_LIMIT);
    expect(cardText(card)).toContain(long(200));
  });

  it("shows a full opfølgningsskema with the oldest rows read-only, kept on save", () => {
    const card = buildFollowUpFormCard({ view: { meeting, template: shippedTemplates["1-1-ledelsesopfoelgning"], agendaItems, rows, revisions: 40, closing }, tz, now });
    expect(cardBytes(card)).toBeLessThan(TEAMS_LIMIT);
    const refs = (JSON.stringify(card).match(/"rows":(\[[^\]]*\])/) ?? [])[1];
    const parsed = JSON.parse(refs!) as { decisionId: string; keep: boolean }[];
    expect(parsed).toHaveLength(limits.decisionsPerMeeting); // no blank rows at the maximum
    const kept = parsed.filter((r) => r.keep).length;
    expect(kept).toBeGreaterThan(0);
    expect(parsed.slice(0, kept).every((r) => r.keep)).toBe(true); // the oldest ones
    expect(cardText(card)).toContain(`${kept} ældre beslutninger vises kun som tekst her`);
  });

  it("keeps every row editable when they fit", () => {
    const card = buildFollowUpFormCard({ view: { meeting, template: shippedTemplates["1-1-ledelsesopfoelgning"], agendaItems, rows: rows.slice(0, 3).map((r) => ({ ...r, decision: "Kort", followUpText: "Kort" })), revisions: 1, closing }, tz, now });
    expect(JSON.stringify(card)).not.toContain('"keep":true');
  });

  it("lists as many follow-ups as fit and counts the rest", () => {
    const items: FollowUpView[] = Array.from({ length: 20 }, (_, i) => ({
      followUp: { id: uuid(500 + i), meetingId: meeting.id, text: long(limits.followUpText), ownerId: "megan", dueDate: "2027-02-01", status: "open", version: 12, createdAt: new Date() },
      owner: megan,
      meeting: { id: meeting.id, kind: "one_on_one", startsAt: meeting.startsAt, chairId: "alex", unitId: "solsikken" },
      comments: [],
    }));
    const card = buildMyTasksCard({ items, total: 57, today: "2027-01-12", tz, maxLength: 2000 });
    expect(cardBytes(card)).toBeLessThan(TEAMS_LIMIT);
    expect(cardText(card)).toContain("57 åbne opfølgningspunkter");
    expect(cardText(card)).toMatch(/… og \d+ flere/);
  });

  it("shortens the referat's texts only when the full one would not fit", () => {
    const carried: FollowUpView[] = rows.map((r, i) => ({
      followUp: { id: uuid(600 + i), meetingId: uuid(9), text: long(limits.followUpText), ownerId: "megan", dueDate: "2027-01-01", status: "open", version: 1, createdAt: new Date() },
      owner: megan,
      meeting: { id: uuid(9), kind: "one_on_one", startsAt: meeting.startsAt, chairId: "alex", unitId: "solsikken" },
      comments: [],
    }));
    const full = buildReferatCard({ meeting: { ...meeting, status: "closed" }, agendaItems, rows, openFollowUps: 0, carried, today: "2027-01-18", tz });
    expect(cardBytes(full)).toBeLessThan(TEAMS_LIMIT);
    const small = buildReferatCard({ meeting: { ...meeting, status: "closed" }, agendaItems, rows: rows.slice(0, 2), openFollowUps: 0, carried: [], today: "2027-01-18", tz });
    expect(cardText(small)).toContain(long(limits.decisionText));
  });

  it("a læringssamtale's referat with many participants, half of them approved, and a refused remark typed at its limit (decision 0027)", () => {
    const people: Person[] = Array.from({ length: 40 }, (_, i) => ({ id: `p${i}`, aadObjectId: `a${i}`, name: long(40), active: true }));
    const big: Meeting = { ...meeting, kind: "laeringssamtale", status: "closed", referatVersion: 1, chairId: "p0", participants: people.map((p, i) => ({ person: p, role: i === 0 ? "chair" : "paedagogisk_leder" })) };
    const at = new Date("2027-01-18T13:05:00Z");
    const status = {
      required: true,
      version: 1,
      approvals: people.slice(1, 20).map((p) => ({ personId: p.id, name: p.name, at })),
      pending: people.slice(20).map((p) => ({ personId: p.id, name: p.name })),
      remarks: [],
    };
    const shown = { version: 1, formRevision: 1, closedAt: at, closedById: "p0", closedBy: long(40) };
    const card = buildReferatCard({
      meeting: big,
      agendaItems,
      rows,
      openFollowUps: 0,
      carried: [],
      shown,
      closing: { referater: [shown], reopenDays: 14 },
      today: "2027-01-18",
      tz,
      intro: true,
      approval: { status, viewerId: "p25", maxLength: 2000, typedRemark: long(2000) },
      feedback: { error: "Ret det markerede, og prøv igen:", fieldErrors: { remark: "For lang" } },
    });
    expect(cardBytes(card)).toBeLessThan(TEAMS_LIMIT);
    expect(cardText(card)).toContain(long(2000)); // what was typed is kept whole
    expect(findAction(card, "referat.approve")).toBeDefined();
    expect(cardText(card)).toContain("Godkendt af ");
  });
});

describe("the opfølgningsskema after a refused save", () => {
  it("shows what was typed plus the one blank row, not more blank rows each time", () => {
    const typed = [
      { decision: "Beslutning", followUpText: "Opgave", ownerId: "megan", dueDate: "2026-01-01" },
      { decision: "", followUpText: "" },
      { decision: "", followUpText: "" },
    ];
    const card = buildFollowUpFormCard({ view: { meeting, template: shippedTemplates["1-1-ledelsesopfoelgning"], agendaItems, rows: [], revisions: 0, closing }, tz, now, typed });
    const refs = JSON.parse((JSON.stringify(card).match(/"rows":(\[[^\]]*\])/) ?? [])[1]!) as unknown[];
    expect(refs).toHaveLength(2); // the typed row and one blank one
  });
});
