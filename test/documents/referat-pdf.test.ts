import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referatContent, referatFileName } from "../../src/documents/referat-content.js";
import { renderReferatPdf } from "../../src/documents/referat-pdf.js";
import type { DomainServices } from "../../src/domain/services.js";
import type { Person } from "../../src/domain/types.js";
import { tokenHash } from "../../src/domain/one-time-link.js";
import { isAppError } from "../../src/lib/errors.js";
import { strings } from "../../src/lib/strings.da.js";
import { SAMPLE_CREATED, SAMPLE_TODAY, SAMPLE_TZ, sampleApproval, sampleMeeting, sampleReferat } from "../../scripts/lib/referat-sample.js";
import type { ManualClock } from "../helpers/bot-harness.js";
import { withSolsikkenConfirmed } from "../helpers/confirmed-loop.js";
import { runScript } from "../helpers/run-script.js";

const s = strings.referatPdf;

/** poppler-utils (pdftotext, pdftoppm): .ci/run installs them; a fresh machine with only Node skips what needs them. */
const poppler = spawnSync("pdftotext", ["-v"]).error === undefined && spawnSync("pdftoppm", ["-v"]).error === undefined;
if (!poppler) console.warn("referat-pdf.test.ts: poppler-utils (pdftotext, pdftoppm) are not installed: the checks of the PDF's text and picture are skipped (apt-get install poppler-utils).");

const dir = mkdtempSync(join(tmpdir(), "referat-pdf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const save = (pdf: Buffer): string => {
  const file = join(dir, `referat-${++n}.pdf`);
  writeFileSync(file, pdf);
  return file;
};
const run = (cmd: string, args: string[]): string => {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return r.stdout;
};
/** The PDF's text as pdftotext -layout reads it, with runs of spaces and line breaks as one space (wrapped lines join). */
const textOf = (pdf: Buffer): string => run("pdftotext", ["-layout", save(pdf), "-"]).replace(/\s+/g, " ");
const pagesOf = (pdf: Buffer): number => Number(/Pages:\s+(\d+)/.exec(run("pdfinfo", [save(pdf)]))![1]);

const render = (patch: Partial<Parameters<typeof renderReferatPdf>[0]> = {}) =>
  renderReferatPdf({ referat: sampleReferat, approval: sampleApproval, tz: SAMPLE_TZ, today: SAMPLE_TODAY, createdAt: SAMPLE_CREATED, ...patch });

/** Each of `parts` occurs in `text`, in this order. */
function expectInOrder(text: string, parts: string[]) {
  let at = 0;
  for (const p of parts) {
    const i = text.indexOf(p, at);
    expect(i, `«${p}» after position ${at} in: ${text}`).toBeGreaterThanOrEqual(0);
    at = i + p.length;
  }
}

describe("the referat's content (what the PDF says)", () => {
  it("is the municipality's minutes shape: title, Tid, Deltagere with roles, Punkt, indstilling, Beslutning, (XX følger op), the approval", () => {
    const c = referatContent({ referat: sampleReferat, approval: sampleApproval, tz: SAMPLE_TZ, today: SAMPLE_TODAY });
    expect(c.title).toBe("Referat: Læringssamtale, Solsikken");
    expect(c.facts).toEqual([
      { label: "Tid", value: "onsdag den 3. marts 2027 kl. 09.00–11.00" },
      { label: "Enhed", value: "Solsikken" },
    ]);
    expect(c.participants).toContain("Alex Wilber (mødeleder)");
    expect(c.participants).toContain("Bo Kristensen (bestyrelsesrepræsentant)");
    expect(c.participants.at(-1)).toBe("Anne Holm (gæst)");
    expect(c.items.map((i) => i.heading)).toEqual(["Punkt 2: Status på de lokale fokusområder", "Punkt 3: Børnefællesskaber på legepladsen (SÆØ)"]);
    expect(c.items[0]!.recommendations).toEqual(["sprogmiljøet i vuggestuen fortsat er et lokalt fokusområde i det næste halvår.", "forældrene inddrages i arbejdet gennem bestyrelsen."]);
    expect(c.items[0]!.decisions[1]!.followsUp).toBe("Sætte status på bestyrelsens dagsorden, senest 31.03.2027 (AW følger op)");
    expect(c.withoutDecisions).toBe("Uden beslutninger: Punkt 1: Velkomst og rammesætning; Punkt 4: Eventuelt.");
    expect(c.carried).toEqual(["Overgangssamtaler med forældre (SÆØ): Udført 20.02.2027", "Drøfte sprogdata med de pædagogiske ledere (AW): Åben (frist 20.03.2027)"]);
    expect(c.approval).toEqual(["Referatet er godkendt af Sofie Ærø Østergaard den 4. marts 2027 og Jonas Dahl den 5. marts 2027.", "Afventer godkendelse fra Mette Søberg."]);
  });

  it("says where when it is known, and the approval as it stands: all approved, none yet, not required", () => {
    const base = { referat: sampleReferat, tz: SAMPLE_TZ, today: SAMPLE_TODAY };
    expect(referatContent({ ...base, place: "Solsikkens personalestue" }).facts.map((f) => f.label)).toEqual(["Tid", "Sted", "Enhed"]);
    const all = { required: true, approvals: sampleApproval.approvals, pending: [] };
    expect(referatContent({ ...base, approval: all }).approval).toEqual(["Referatet er godkendt af Sofie Ærø Østergaard den 4. marts 2027 og Jonas Dahl den 5. marts 2027."]);
    const none = { required: true, approvals: [], pending: [{ personId: "a", name: "Alex Wilber" }, { personId: "b", name: "Bo Kristensen" }] };
    expect(referatContent({ ...base, approval: none }).approval).toEqual(["Afventer godkendelse fra Alex Wilber og Bo Kristensen."]);
    // Not asked: a 1:1 says so; a læringssamtale closed before approval existed (or erased) says nothing it cannot know, or who approved before.
    const oneOnOne = { ...base, referat: { ...sampleReferat, meeting: { ...sampleReferat.meeting, kind: "one_on_one" as const } } };
    expect(referatContent({ ...oneOnOne, approval: { required: false, approvals: [], pending: [] } }).approval).toEqual([s.notRequired]);
    expect(referatContent({ ...base, approval: { required: false, approvals: [], pending: [] } }).approval).toEqual([]);
    expect(referatContent({ ...base, approval: { required: false, approvals: sampleApproval.approvals, pending: [] } }).approval).toEqual(["Referatet er godkendt af Sofie Ærø Østergaard den 4. marts 2027 og Jonas Dahl den 5. marts 2027."]);
    // No approval round (none is kept for the meeting): the referat says nothing of one.
    expect(referatContent(base).approval).toEqual([]);
  });

  it("names the file for the case system (ESDH): date, unit, meeting kind, never a character Windows refuses", () => {
    expect(referatFileName(sampleMeeting, SAMPLE_TZ)).toBe("2027-03-03 Solsikken Læringssamtale.pdf");
    const oneOnOne = { ...sampleMeeting, kind: "one_on_one" as const, unit: { ...sampleMeeting.unit, name: "Dagtilbud Sol/Måne" } };
    expect(referatFileName(oneOnOne, SAMPLE_TZ)).toBe("2027-03-03 Dagtilbud Sol-Måne 1-1 ledelsesopfølgning.pdf");
    // 23.30 UTC on 2 March is 3 March in Copenhagen.
    expect(referatFileName({ ...sampleMeeting, startsAt: new Date("2027-03-02T23:30:00Z") }, SAMPLE_TZ)).toMatch(/^2027-03-03 /);
  });
});

describe("the README's picture of the referat PDF (npm run referat:picture)", () => {
  it("is page 1 of the sample, a real PNG, and the README shows it", () => {
    const root = join(import.meta.dirname, "../..");
    const png = readFileSync(join(root, "docs/cards/referat-pdf.png"));
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    // A4 portrait at 80 dpi.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)].map((px) => Math.round(px / 10))).toEqual([66, 94]);
    expect(readFileSync(join(root, "README.md"), "utf8")).toContain("(docs/cards/referat-pdf.png)");
  });
});

describe.skipIf(!poppler)("the referat as a PDF (pdftotext, pdftoppm)", () => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await render();
  });

  it("holds the Danish text in the minutes' order, with page numbers", () => {
    expect(pdf.subarray(0, 8).toString("latin1")).toBe("%PDF-1.7");
    expectInOrder(textOf(pdf), [
      "Referat: Læringssamtale, Solsikken",
      "Tid: onsdag den 3. marts 2027 kl. 09.00–11.00",
      "Deltagere: Alex Wilber (mødeleder), Sofie Ærø Østergaard (leder)",
      "Anne Holm (gæst)",
      "Punkt 2: Status på de lokale fokusområder",
      "Det indstilles, at:",
      "1. sprogmiljøet i vuggestuen",
      "Beslutning:",
      "Sprogmiljøet i vuggestuen fortsætter som fokusområde",
      "(SÆØ følger op)",
      "(AW følger op)",
      "Punkt 3: Børnefællesskaber på legepladsen (SÆØ)",
      "(JD følger op)",
      "Opfølgning på tidligere aftaler",
      "Referatet er godkendt af Sofie Ærø Østergaard den 4. marts 2027",
      "Afventer godkendelse fra Mette Søberg.",
      "Side 1 af 1",
    ]);
  });

  it("is PDF/A-2b, tagged, in Danish, with its title and author, the fonts embedded", () => {
    const info = run("pdfinfo", [save(pdf)]);
    expect(info).toMatch(/Title:\s+Referat: Læringssamtale, Solsikken/);
    expect(info).toMatch(/Author:\s+Læringsloop/);
    expect(info).toMatch(/Tagged:\s+yes/);
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/Lang (da-DK)");
    expect(raw).toMatch(/<pdfaid:part>2<\/pdfaid:part>\s*<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(raw).toContain("/OutputIntents");
    // Lists are lists in the structure tree: L > LI > Lbl («•», «1.») and LBody.
    const tags = [...raw.matchAll(/\/S \/(\w+)/g)].map((m) => m[1]!);
    const count = (tag: string) => tags.filter((t) => t === tag).length;
    expect(count("L"), tags.join(" ")).toBeGreaterThan(0);
    expect(count("LI")).toBeGreaterThan(count("L"));
    expect([count("Lbl"), count("LBody")]).toEqual([count("LI"), count("LI")]);
    const fonts = run("pdffonts", [save(pdf)]).split("\n").filter((l) => l.includes("DejaVu"));
    expect(fonts.length).toBe(2);
    // name, type, encoding, emb, sub, uni: every font embedded.
    for (const l of fonts) expect(l).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
  });

  it("renders page 1 to a PNG (pdftoppm -png -r 60)", () => {
    const file = save(pdf);
    run("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", file, join(dir, "page")]);
    const png = readFileSync(join(dir, "page-1.png"));
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    // A4 at 60 dpi: about 496 × 702 pixels (poppler rounds the width either way).
    expect(Math.abs(png.readUInt32BE(16) - 496)).toBeLessThanOrEqual(1);
    expect(Math.abs(png.readUInt32BE(20) - 702)).toBeLessThanOrEqual(1);
    expect(statSync(join(dir, "page-1.png")).size).toBeGreaterThan(20_000);
  });

  it("draws what people typed as text (no markup), and a long referat wraps and flows to more pages, numbered", async () => {
    const typed = "**Fed** <b>ikke html</b> [link](https://eksempel.dk) & \"citat\" æøå";
    const long = "Legepladsen skal have flere rolige zoner, og personalet fordeler sig efter en fast plan. ".repeat(12).trim();
    const rows = Array.from({ length: 14 }, (_, i) => ({ decisionId: `d-${i}`, agendaItemId: "a-3", decision: i === 0 ? typed : `${i + 1}: ${long}`, followUpText: `Opgave ${i + 1}`, ownerId: "alex", dueDate: "2027-05-01" }));
    const big = await render({ referat: { ...sampleReferat, rows } });
    const text = textOf(big);
    expect(text).toContain(typed);
    expect(pagesOf(big)).toBeGreaterThanOrEqual(2);
    const pages = pagesOf(big);
    expect(text).toContain(`Side 1 af ${pages}`);
    expect(text).toContain(`Side ${pages} af ${pages}`);
    // Every decision is there in full, the last one too, and the approval line ends it.
    expectInOrder(text, ["14: Legepladsen", "Opgave 14, senest 01.05.2027 (AW følger op)", "Referatet er godkendt af"]);
  });
});

describe("a stored referat as a PDF never holds a reflection (point 8)", () => {
  const SECRET = "HEMMELIG-REFLEKSION-5150: Søren i vuggestuen har det svært";
  let t: Awaited<ReturnType<typeof withSolsikkenConfirmed>>["t"];
  let d: DomainServices;
  let clock: ManualClock;
  afterAll(() => t?.close());
  beforeAll(async () => {
    ({ t, d, clock } = await withSolsikkenConfirmed());
  });

  it("the referat of a læringssamtale with reflections sent: their text is not in what the PDF is drawn from, nor in pdftotext's output", async () => {
    const person = async (id: string) => (await t.store.people.byId(id)) as Person;
    const m = await t.store.db.meeting.findFirstOrThrow({ where: { unitId: "solsikken", kind: "laeringssamtale" }, orderBy: { startsAt: "asc" } });
    for (const id of ["megan", "jonas"]) {
      const who = await person(id);
      const guide = await d.reflections.view(who, m.id);
      await d.reflections.send(who, m.id, Object.fromEntries(guide.questions.map((q) => [q.id, SECRET])), undefined);
    }
    expect(await t.store.db.reflection.count({ where: { meetingId: m.id } })).toBe(2);
    clock.set(new Date(m.startsAt.getTime() + 3_600_000).toISOString());
    await d.forms.save(await person("alex"), m.id, m.version, [{ decision: "Sprogmiljøet er lokalt fokusområde", followUpText: "Plan for sprogkufferter", ownerId: "megan", dueDate: "2027-06-01" }], true);
    // Megan approves it (the approval service the referat card and the guest page use); the others have not yet.
    clock.set(new Date(m.startsAt.getTime() + 26 * 3_600_000).toISOString());
    await d.referatApprovals.approve("megan", m.id, 1);
    const doc = await d.referatFiles.document(await person("megan"), m.id);
    // What the PDF is drawn from, and what it says, checked everywhere (also without poppler-utils).
    const content = JSON.stringify(referatContent({ ...doc, tz: SAMPLE_TZ, today: "2027-05-01" }));
    expect(content).toContain("Sprogmiljøet er lokalt fokusområde");
    for (const json of [content, JSON.stringify(doc)]) {
      expect(json).not.toContain("HEMMELIG");
      expect(json).not.toContain("Søren");
    }
    if (!poppler) return;
    const pdf = await renderReferatPdf({ ...doc, tz: SAMPLE_TZ, today: "2027-05-01" });
    const text = textOf(pdf);
    expect(text).toContain("Sprogmiljøet er lokalt fokusområde");
    expect(text).toContain("(MB følger op)");
    const approvedOn = new Intl.DateTimeFormat("da-DK", { day: "numeric", month: "long", year: "numeric", timeZone: SAMPLE_TZ }).format(clock.now());
    expectInOrder(text, [`Referatet er godkendt af Megan Bowen den ${approvedOn}.`, "Afventer godkendelse fra Jonas Dahl"]);
    expect(text).not.toContain("HEMMELIG");
    expect(text).not.toContain("Søren");
  });
});

describe("the referat's file and its one-time link (domain, on the store)", () => {
  let t: Awaited<ReturnType<typeof withSolsikkenConfirmed>>["t"];
  let d: DomainServices;
  let clock: ManualClock;
  let meetingId: string;
  const person = async (id: string) => (await t.store.people.byId(id)) as Person;
  const refusal = (p: Promise<unknown>) => p.then(() => undefined, (err: unknown) => (isAppError(err) ? err : Promise.reject(err)));
  afterAll(() => t?.close());
  beforeAll(async () => {
    ({ t, d, clock } = await withSolsikkenConfirmed());
    const m = await t.store.db.meeting.findFirstOrThrow({ where: { unitId: "solsikken", kind: "laeringssamtale" }, orderBy: { startsAt: "asc" } });
    meetingId = m.id;
  });

  it("is refused before the meeting is closed, by the link and by the CLI", async () => {
    expect((await refusal(d.referatFiles.request(await person("megan"), meetingId)))?.text).toBe(s.notClosed);
    expect(await d.referatFiles.forFiling(meetingId)).toBe("not-closed");
    expect(await d.referatFiles.forFiling("findes-ikke")).toBe("unknown");
  });

  it("gives a participant a link stored as its hash, 15 minutes, once; nobody outside the meeting gets one; an export link is not a referat link", async () => {
    const m = await t.store.db.meeting.findUniqueOrThrow({ where: { id: meetingId } });
    clock.set(new Date(m.startsAt.getTime() + 3_600_000).toISOString());
    await d.forms.save(await person("alex"), meetingId, m.version, [{ decision: "Sprogmiljøet er lokalt fokusområde", followUpText: "" }], true);

    const { meeting, token } = await d.referatFiles.request(await person("jonas"), meetingId);
    expect(meeting.id).toBe(meetingId);
    const row = await t.store.db.downloadToken.findUniqueOrThrow({ where: { id: tokenHash(token) } });
    expect(row).toMatchObject({ personId: "jonas", meetingId, format: "pdf", areaId: meeting.unit.areaId, usedAt: null });
    expect(row.expiresAt.getTime() - clock.now().getTime()).toBe(15 * 60_000);
    expect(await t.store.db.downloadToken.count({ where: { id: token } })).toBe(0);

    // The export's redeem does not take a referat's link (and does not use it up).
    expect(await d.downloads.redeem(token)).toBeUndefined();
    const doc = await d.referatFiles.redeem(token);
    expect(doc?.referat.meeting.id).toBe(meetingId);
    expect(doc?.referat.rows.map((r) => r.decision)).toEqual(["Sprogmiljøet er lokalt fokusområde"]);
    expect(await d.referatFiles.redeem(token)).toBeUndefined(); // once

    const late = await d.referatFiles.request(await person("megan"), meetingId);
    clock.set(new Date(clock.now().getTime() + 15 * 60_000 + 1).toISOString());
    expect(await d.referatFiles.redeem(late.token)).toBeUndefined(); // 15 minutes

    // Sofie leads Åskolen: not in Solsikken's læringssamtale.
    const before = await t.store.db.downloadToken.count();
    expect((await refusal(d.referatFiles.request(await person("sofie"), meetingId)))?.code).toBe("not-authorised");
    expect(await t.store.db.downloadToken.count()).toBe(before);
    expect(await d.referatFiles.redeem("not a token")).toBeUndefined();

    const filed = await d.referatFiles.forFiling(meetingId);
    expect(typeof filed === "object" && filed.referat.shown?.version).toBe(1);
  });

  it("npm run referat -- --meeting <id> --out <dir> writes the file with its ESDH name and prints its path; Danish errors otherwise", { timeout: 120_000 }, async () => {
    const env = { DATABASE_URL: t.url, NODE_ENV: "production" };
    const out = join(dir, "cli");
    const m = await t.store.meetings.get(meetingId);
    const written = await runScript("referat.ts", ["--meeting", meetingId, "--out", out], env);
    expect(written.stderr).toBe("");
    expect(written.status).toBe(0);
    const file = join(out, referatFileName(m!, SAMPLE_TZ));
    expect(file).toMatch(/\/\d{4}-\d{2}-\d{2} Dagtilbud Solsikken Læringssamtale\.pdf$/);
    expect(written.stdout.trim()).toBe(s.written(file));
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    if (poppler) expect(run("pdftotext", ["-layout", file, "-"]).replace(/\s+/g, " ")).toContain("Sprogmiljøet er lokalt fokusområde");

    const later = await t.store.db.meeting.findFirstOrThrow({ where: { unitId: "solsikken", kind: "laeringssamtale", status: "planned" } });
    const [unknown, open, bad] = await Promise.all([
      runScript("referat.ts", ["--meeting", "findes-ikke"], env),
      runScript("referat.ts", ["--meeting", later.id], env),
      runScript("referat.ts", ["--moede", "x"], env),
    ]);
    expect([unknown.status, unknown.stderr.trim()]).toEqual([1, s.unknownMeeting("findes-ikke")]);
    expect([open.status, open.stderr.trim()]).toEqual([1, s.cliNotClosed(later.id)]);
    expect([bad.status, bad.stderr.trim()]).toEqual([2, s.usage]);
  });

  it("is refused once its texts were erased after the retention period, by the link and by the CLI, with the card's words", { timeout: 120_000 }, async () => {
    const alex = await person("alex");
    const link = await d.referatFiles.request(await person("jonas"), meetingId);
    // Reopened for a correction, then erased (no follow-up open): the version in force can no longer be read.
    const m = await t.store.meetings.get(meetingId);
    await d.meetings.reopen(alex, meetingId, m!.referatVersion);
    await t.store.retention.eraseMinutes(meetingId, strings.retention.erasedText, { actorId: "system:retention", at: clock.now() });
    expect((await d.forms.referat(alex, meetingId)).erased).toBe(true);

    const before = await t.store.db.downloadToken.count();
    const refused = await refusal(d.referatFiles.request(await person("megan"), meetingId));
    expect([refused?.code, refused?.text]).toEqual(["invalid-input", strings.referat.erased]);
    expect(await t.store.db.downloadToken.count()).toBe(before);
    expect(await d.referatFiles.redeem(link.token)).toBeUndefined(); // a link made before gives nothing now
    expect((await refusal(d.referatFiles.forFiling(meetingId)))?.text).toBe(strings.referat.erased);

    // The CLI says so in Danish, without a stack trace, and writes nothing.
    const out = join(dir, "cli-erased");
    const cli = await runScript("referat.ts", ["--meeting", meetingId, "--out", out], { DATABASE_URL: t.url, NODE_ENV: "production" });
    expect([cli.status, cli.stderr.trim(), cli.stdout]).toEqual([1, strings.referat.erased, ""]);
    expect(existsSync(out)).toBe(false);
  });
});
