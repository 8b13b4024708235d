import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { strings } from "../../src/lib/strings.da.js";
import { BotHarness, users, type User } from "../helpers/bot-harness.js";
import { cardText, findAction } from "../helpers/fake-connector.js";

/**
 * «Hent referat som PDF» through the real bot: on every participant's referat of a closed
 * meeting, a personal single-use link in their own chat; `/referat/<token>` gives the PDF once,
 * named for the case system (ESDH); someone outside the meeting (a 1:1's stays with its two
 * people) gets no link.
 */

const poppler = spawnSync("pdftotext", ["-v"]).error === undefined;
if (!poppler) console.warn("test/teams/referat-pdf.test.ts: poppler-utils is not installed: the PDF's text is not read back (apt-get install poppler-utils).");

describe("«Hent referat som PDF» on the referat card", () => {
  let h: BotHarness;
  let meetingId: string;
  const db = () => h.bot.store.db;
  const dir = mkdtempSync(join(tmpdir(), "referat-bot-"));
  afterAll(async () => {
    await h?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeAll(async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    for (const u of [users.alex, users.megan, users.jonas]) await h.install(u);
    await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-18", time: "10:00" });
    meetingId = (await db().meeting.findFirstOrThrow()).id;
  });

  /** The person's referat, opened from «mine møder». */
  async function referatOf(user: User) {
    const res = await h.click(user, "referat.open", { meetingId, from: "meetings" });
    return res.posted.at(-1) ?? res.card;
  }

  /** Clicks «Hent referat som PDF»: the link posted to the person's own chat; the referat clicked stays. */
  async function pdfLink(user: User): Promise<string> {
    const res = await h.click(user, "referat.pdf", { meetingId });
    expect(res.responseType).toBe("application/vnd.microsoft.activity.message");
    expect(res.card).toBeUndefined();
    const posted = res.posted.map(cardText).find((t) => t.startsWith(strings.referatPdf.linkTitle));
    expect(posted, "link card").toBeDefined();
    const m = /\((http[^)]+\/referat\/[A-Za-z0-9_-]+)\)/.exec(posted!);
    expect(m, posted).not.toBeNull();
    return m![1]!;
  }

  /** GET the link, from this test's bot (PUBLIC_URL is its default address, the port is the test's). */
  async function download(url: string) {
    const res = await fetch(url.replace(/^http:\/\/127\.0\.0\.1:\d+/, h.url.replace("/api/messages", "")));
    return { status: res.status, type: res.headers.get("content-type") ?? "", disposition: res.headers.get("content-disposition") ?? "", body: Buffer.from(await res.arrayBuffer()) };
  }

  it("is not there, and gives no link, before the meeting is closed", async () => {
    h.clock.set("2027-01-18T08:00:00+01:00");
    await h.deliver();
    // Megan's referat before the meeting is closed: no button on it.
    const early = await referatOf(users.megan);
    expect(cardText(early!)).toMatch(/^Referat: 1:1 ledelsesopfølgning\n/);
    expect(findAction(early!, "referat.pdf")).toBeUndefined();
    // A click from an old card is refused in Danish, and makes no link.
    const before = await db().downloadToken.count();
    const refused = await h.click(users.megan, "referat.pdf", { meetingId });
    expect(refused.responseType).toBe("application/vnd.microsoft.activity.message");
    expect(refused.message).toBe(strings.referatPdf.notClosed);
    expect(refused.posted).toEqual([]);
    expect(await db().downloadToken.count()).toBe(before);
  });

  it("every participant's referat has it; the link works once, for 15 minutes, and gives the referat in force named for ESDH", async () => {
    h.clock.set("2027-01-18T11:30:00+01:00");
    const form = (await h.click(users.alex, "form.open", { meetingId, from: "meetings" })).posted[0]!;
    await h.click(users.alex, "form.close", { ...findAction(form, "form.close")!.data, decision_0: "Vikarplanen lægges før vinterferien", followup_0: "Vikarplan til personalemødet", owner_0: "megan", due_0: "2027-02-01" });
    await h.deliver();

    for (const u of [users.alex, users.megan]) expect(findAction(await referatOf(u), "referat.pdf")?.data, u.name).toEqual({ meetingId });

    const url = await pdfLink(users.megan);
    const token = /\/referat\/([A-Za-z0-9_-]+)$/.exec(url)![1]!;
    expect(await db().downloadToken.count({ where: { id: token } })).toBe(0); // only the hash
    expect(await db().downloadToken.count({ where: { personId: "megan", meetingId, format: "pdf" } })).toBe(1);
    // A referat's link is not an export link: /export/ does not take it (nor use it up).
    expect((await download(url.replace("/referat/", "/export/"))).status).toBe(410);

    const first = await download(url);
    expect(first.status).toBe(200);
    expect(first.type).toBe("application/pdf");
    expect(first.disposition).toBe(
      "attachment; filename=\"2027-01-18 Dagtilbud Solsikken 1-1 ledelsesopfoelgning.pdf\"; filename*=UTF-8''2027-01-18%20Dagtilbud%20Solsikken%201-1%20ledelsesopf%C3%B8lgning.pdf",
    );
    expect(first.body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    if (poppler) {
      const file = join(dir, "referat.pdf");
      writeFileSync(file, first.body);
      const text = spawnSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).stdout.replace(/\s+/g, " ");
      expect(text).toContain("Referat: 1:1 ledelsesopfølgning, Dagtilbud Solsikken");
      expect(text).toContain("Deltagere: Alex Wilber (mødeleder), Megan Bowen (leder)");
      expect(text).toContain("Vikarplanen lægges før vinterferien");
      expect(text).toContain("Vikarplan til personalemødet, senest 01.02.2027 (MB følger op)");
      // A 1:1's referat is not approved by default (REFERAT_APPROVAL_ONE_TO_ONE).
      expect(text).toContain(strings.referatPdf.notRequired);
    }

    const second = await download(url);
    expect(second.status).toBe(410);
    expect(second.body.toString("utf8")).toBe(strings.referatPdf.gone);

    const late = await pdfLink(users.alex);
    h.clock.set("2027-01-18T11:45:01+01:00");
    expect((await download(late)).status).toBe(410);
  });

  it("someone outside the meeting gets no link: a 1:1's referat stays with its two people", async () => {
    const before = await db().downloadToken.count();
    const refused = await h.click(users.jonas, "referat.pdf", { meetingId });
    expect(refused.responseType).toBe("application/vnd.microsoft.activity.message");
    expect(refused.message).toBe(strings.meeting.notParticipant);
    expect(refused.posted).toEqual([]);
    expect(await db().downloadToken.count()).toBe(before);
    // And a guessed link gives nothing.
    const guessed = await download(`${h.url.replace("/api/messages", "")}/referat/${"A".repeat(43)}`);
    expect(guessed.status).toBe(410);
  });
});
