import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { buildAgendaCard } from "../../src/cards/agenda-card.js";
import { buildReflectionCard } from "../../src/cards/reflection-card.js";
import type { AgendaView } from "../../src/domain/meeting-service.js";
import type { ReflectionView } from "../../src/domain/reflection-service.js";
import type { Meeting, Person, Unit } from "../../src/domain/types.js";
import { strings } from "../../src/lib/strings.da.js";
import { readTemplates } from "../../src/store/template-loader.js";

/** «Åbn datapakken» (decision 0021): an Action.OpenUrl to the unit's datapakke, where input A is asked. */
const templates = readTemplates(resolve(import.meta.dirname, "../../config/templates"));
const tz = "Europe/Copenhagen";
const chief: Person = { id: "alex", aadObjectId: "aad-alex", name: "Alex Wilber", active: true };
const leader: Person = { id: "megan", aadObjectId: "aad-megan", name: "Megan Bowen", active: true };
const board: Person = { id: "bo", aadObjectId: "aad-bo", name: "Bo Kristensen", active: true };
const unit: Unit = { id: "solsikken", name: "Dagtilbud Solsikken", type: "dagtilbud", selvejende: false, areaId: "midt", active: true };
/** Characters Markdown would take (and the escaping would touch in a TextBlock): an address keeps them all. */
const URL = "https://lis.kommune.dk/datapakke_2027/*sprog*?enhed=[solsikken]&afsnit=a_b#trivsel(1)";

const samtale: Meeting = {
  id: "m-1",
  kind: "laeringssamtale",
  unit,
  chairId: chief.id,
  startsAt: new Date("2027-04-13T07:00:00Z"),
  durationMinutes: 120,
  status: "planned",
  referatVersion: 0,
  carriedFrozen: false,
  version: 1,
  participants: [
    { person: chief, role: "chair" },
    { person: leader, role: "leader" },
    { person: board, role: "bestyrelsesrepraesentant" },
  ],
  firstOfLoop: true,
  loopId: "0-6-2027",
  templateId: "laeringssamtale-foerste",
  template: templates["laeringssamtale-foerste"],
};

const agendaView = (meeting: Meeting, datapakkeUrl?: string): AgendaView => ({
  meeting,
  standing: [],
  topics: [],
  closing: [],
  carried: [],
  locked: false,
  leader,
  leaderReflectionSent: false,
  leaderNothingNew: false,
  focusAreas: [],
  boardStatements: [],
  datapakkeUrl,
});

/** The domain names the question the link stands beside (the set's question about input A) and the address. */
const guideView = (role: "leader" | "bestyrelsesrepraesentant", author: Person, datapakke?: { questionId: string; url: string }): ReflectionView => ({
  meeting: samtale,
  intro: "",
  everyone: true,
  questions: templates["laeringssamtale-foerste"].reflection.roles[role]!.questions,
  author,
  authorRole: role,
  nothingNewOffered: false,
  editable: true,
  viewerIsAuthor: true,
  datapakke,
});

/** Every Action.OpenUrl in a card, wherever it stands. */
function openUrls(node: unknown): { title: string; url: string }[] {
  if (Array.isArray(node)) return node.flatMap(openUrls);
  if (!node || typeof node !== "object") return [];
  const o = node as Record<string, unknown>;
  const own = o.type === "Action.OpenUrl" ? [{ title: String(o.title), url: String(o.url) }] : [];
  return [...own, ...Object.values(o).flatMap(openUrls)];
}

/** The texts of the TextBlocks before the first «Åbn datapakken» in document order. */
function textBefore(card: unknown): string[] {
  const texts: string[] = [];
  let found = false;
  const walk = (n: unknown): void => {
    if (found) return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== "object") return;
    const o = n as Record<string, unknown>;
    if (o.type === "Action.OpenUrl" && o.title === strings.timing.datapakkeButton) {
      found = true;
      return;
    }
    if (o.type === "TextBlock") texts.push(String(o.text));
    Object.values(o).forEach(walk);
  };
  walk(card);
  return texts;
}

describe("«Åbn datapakken» on the dagsorden", () => {
  it("stands under input A of a læringssamtale, with the address exactly as given (an OpenUrl is no Markdown)", () => {
    const card = buildAgendaCard({ view: agendaView(samtale, URL), viewer: chief, tz, today: "2027-04-01" });
    const links = openUrls(card).filter((l) => l.title === strings.timing.datapakkeButton);
    expect(links).toEqual([{ title: "Åbn datapakken", url: URL }]);
    expect(textBefore(card).at(-1)).toBe(strings.agenda.sources.A);
  });

  it("is not there when the organisation file gives no datapakke, nor on a 1:1", () => {
    expect(openUrls(buildAgendaCard({ view: agendaView(samtale), viewer: chief, tz, today: "2027-04-01" }))).toEqual([]);
    const oneOnOne: Meeting = { ...samtale, kind: "one_on_one", firstOfLoop: false, templateId: "1-1-ledelsesopfoelgning", template: templates["1-1-ledelsesopfoelgning"], participants: samtale.participants.slice(0, 2) };
    expect(openUrls(buildAgendaCard({ view: agendaView(oneOnOne, URL), viewer: chief, tz, today: "2027-04-01" }))).toEqual([]);
  });
});

describe("«Åbn datapakken» in the refleksionsguide", () => {
  it("stands right after the question the domain names (the leader's question about the datapakke, A), once", () => {
    const card = buildReflectionCard({ view: guideView("leader", leader, { questionId: "a_datapakke", url: URL }), tz, maxLength: 4000 });
    expect(openUrls(card)).toEqual([{ title: "Åbn datapakken", url: URL }]);
    const before = textBefore(card);
    // The question's label and its help text come right before the button.
    expect(before.at(-2)).toContain("A. ");
  });

  it("is nowhere when the domain gives none (a set without the question, no address): the card does not decide it", () => {
    expect(openUrls(buildReflectionCard({ view: guideView("leader", leader), tz, maxLength: 4000 }))).toEqual([]);
    expect(openUrls(buildReflectionCard({ view: guideView("bestyrelsesrepraesentant", board), tz, maxLength: 4000 }))).toEqual([]);
    // Where the domain says, and only there: the card reads no question's source itself.
    const card = buildReflectionCard({ view: guideView("bestyrelsesrepraesentant", board, { questionId: "d_foraeldre", url: URL }), tz, maxLength: 4000 });
    expect(openUrls(card)).toEqual([{ title: "Åbn datapakken", url: URL }]);
    expect(textBefore(card).at(-2)).toContain("D. ");
  });
});
