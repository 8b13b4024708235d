import { execSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { count } from "../../src/lib/plural.js";
import { strings } from "../../src/lib/strings.da.js";
import type { Markup } from "../../src/lib/markup.js";

describe("count: singular for exactly one", () => {
  it.each([
    [0, "0 åbne opfølgningspunkter"],
    [1, "1 åbent opfølgningspunkt"],
    [2, "2 åbne opfølgningspunkter"],
    [11, "11 åbne opfølgningspunkter"],
  ])("%i", (n, expected) => {
    expect(count(n, "åbent opfølgningspunkt", "åbne opfølgningspunkter")).toBe(expected);
  });
});

describe("the catalogue's counts read as Danish for 0, 1 and many", () => {
  const s = strings;
  const counted: [string, (n: number) => string | Markup][] = [
    ["andMore", s.generic.andMore],
    ["tasks.count", s.tasks.count],
    ["tasks.more", s.tasks.more],
    ["referat.openFollowUps", s.referat.openFollowUps],
    ["form.keptRows", s.form.keptRows],
    ["form.history", s.form.history],
    ["yearWheel.plHidden", s.yearWheel.plHidden],
    ["yearWheel.confirmed", s.yearWheel.confirmed],
    ["yearWheel.counts", (n) => s.yearWheel.counts(n, n, n)],
    ["agenda.oneOnOneInput", (n) => s.agenda.oneOnOneInput(n, n, n)],
    ["agenda.reflectionsCount", (n) => s.agenda.reflectionsCount(n, n)],
    ["digest.overdueIntro", s.digest.overdueIntro],
    ["digest.chiefItem", (n) => s.digest.chiefItem("Solsikken", n, n, n)],
    ["channel.open", s.channel.open],
    ["channel.dueThisWeek", s.channel.dueThisWeek],
    ["channel.overdue", s.channel.overdue],
    ["channel.focusAreas", s.channel.focusAreas],
    ["channel.moreUnits", s.channel.moreUnits],
    ["channel.digestChanges", (n) => s.channel.digestChanges(n, n)],
    ["schedule.leadDays", s.schedule.leadDays],
    ["status.late", s.status.late],
    ["gdpr.nameMentions", s.gdpr.nameMentions],
    ["initiatives.loadLine", (n) => s.initiatives.loadLine("Solsikken", n, 8, { focusAreas: n, initiatives: n, agreements: n })],
    ["loopSummary.decisionLine", (n) => s.loopSummary.decisionLine("Beslutning", n, n, n)],
    ["loopSummary.totals", (n) => s.loopSummary.totals(n, n, n)],
    ["congestion.headline", s.congestion.headline],
    ["congestion.parts", (n) => s.congestion.parts({ focusAreas: n, initiatives: n, agreements: n, ceiling: 8 })],
  ];

  it.each(counted)("%s", (_name, countedText) => {
    const fn = (n: number) => String(countedText(n));
    const one = fn(1);
    // No plural noun or adjective after «1», no «1 … dem», no number running into «1:1».
    expect(one).not.toMatch(/\b1 (åbne|nye|flere|enheder|opfølgningspunkter|ledelsesopfølgninger|samtaler|læringssamtaler|frister|overskredne|arbejdsdage|versioner|tekster|møder|deltagere|planlagte|aftaler|fokusområder|indsatser|igangværende indsatser)\b/);
    expect(one).not.toMatch(/\(dem |; dem /);
    for (const n of [0, 1, 2, 12]) expect(fn(n)).not.toMatch(/\d 1:1/);
    const many = fn(3);
    expect(many).not.toMatch(/\b3 (åbent|åben|nyt|mere|enhed|opfølgningspunkt|frist|arbejdsdag|version|tekst|møde|deltager|aftale|fokusområde|indsats|igangværende indsats)\b/);
  });

  it("names who holds the meeting by their role, not always the chief", () => {
    expect(s.meeting.onlyChair(s.meeting.chairTitles.leader)).toBe("Kun lederen, der holder mødet, kan dette.");
    expect(s.followUp.notOwner(s.meeting.chairTitles.board)).toBe("Kun den ansvarlige eller bestyrelsens repræsentant, der holdt mødet, kan ændre opfølgningspunktet.");
  });
});

describe("the ad hoc strings (decision 0022)", () => {
  it("are each used by the code: no text waits in strings.da.ts for nothing", () => {
    const code = execSync("git ls-files src scripts", { encoding: "utf8" })
      .split("\n")
      .filter((f) => f.endsWith(".ts") && f !== "src/lib/strings.da.ts")
      .map((f) => readFileSync(f, "utf8"))
      .join("\n");
    const unused = (section: "people" | "adHocCard") => Object.keys(strings[section]).filter((key) => !new RegExp(`\\.${key}\\b`).test(code));
    expect([...unused("people"), ...unused("adHocCard")]).toEqual([]);
  });
});
