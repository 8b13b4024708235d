import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outboxReport } from "../../src/store/outbox-report.js";
import { testStore } from "../helpers/test-db.js";
import { onPostgres, postgresUrl } from "../helpers/test-database.js";

const ROOT = resolve(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules/tsx/dist/loader.mjs");
const at = (iso: string) => new Date(iso);
const NOW = at("2027-01-18T10:00:00Z"); // Monday 11:00 in Copenhagen

describe("the administrator's view of the outbox (npm run status)", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  beforeEach(async () => {
    t = await testStore();
    const { notifications, conversations, preferences } = t.store;
    const row = (key: string, personId: string, dueAt = "2027-01-18T07:00:00Z", kind: "followup_overdue" | "followup_assigned" = "followup_overdue") => ({ key, kind, personId, subjectId: `f-${key}`, dueAt: at(dueAt) });
    await notifications.plan(
      [
        row("a", "megan"),
        row("b", "lars"),
        row("c", "alex"),
        row("d", "sofie"),
        row("e", "megan", "2027-01-18T09:30:00Z"),
        row("g", "megan", "2027-01-18T07:00:00Z", "followup_assigned"),
        row("h", "sofie", "2027-01-18T08:00:00Z", "followup_assigned"),
        row("k", "hanne", "2027-01-18T08:00:00Z", "followup_assigned"),
        row("f", "pia", "2027-01-25T07:00:00Z"),
        row("i", "lars", "2027-01-19T07:00:00Z"),
        row("j", "jonas", "2027-01-19T07:00:00Z"),
        row("l", "hanne", "2027-01-18T09:59:00Z", "followup_assigned"),
      ],
      at("2027-01-11T09:00:00Z"),
    );
    const claimed = await notifications.claimDue(at("2027-01-18T09:59:00Z"), 60_000, 10);
    const byKey = new Map(claimed.map((n) => [n.key, n]));
    // a: refused for good; b: posted when its worker died; e: sent.
    await notifications.markFailed(byKey.get("a")!, "http-403");
    await notifications.markPostStarted(byKey.get("b")!, NOW);
    await notifications.markSent(byKey.get("b")!, NOW, "unconfirmed-after-crash");
    await notifications.markSent(byKey.get("e")!, NOW);
    // c: Alex has not installed the bot; g: Teams refused Megan's chat (403), so it waits for her.
    await notifications.retryLater(byKey.get("c")!, at("2027-01-18T11:00:00Z"), "no-conversation", { countAttempt: false, waitingSince: at("2027-01-18T07:00:00Z") });
    await conversations.save({ personId: "megan", conversationId: "c-megan", serviceUrl: "https://smba.example/", reference: {} });
    await conversations.markInactive("megan", "http-403", NOW);
    await notifications.retryLater(byKey.get("g")!, at("2027-01-18T11:00:00Z"), "no-conversation", { countAttempt: false, waitingSince: at("2027-01-18T08:00:00Z") });
    // d: refused with 412, tried again later (due 3 h ago: late); h: came after hours, waits for the morning.
    await notifications.retryLater(byKey.get("d")!, at("2027-01-18T07:00:00Z"), "http-412");
    await notifications.retryLater(byKey.get("h")!, at("2027-01-19T07:00:00Z"), "outside-working-hours", { countAttempt: false });
    // k: being sent now (claimed, lease held). i: Lars is away; j: Jonas turned overdue reminders off.
    await preferences.save("lars", { absentUntil: "2027-01-21" });
    await preferences.save("jonas", { muted: ["overdue"] });
  });
  afterEach(() => t.close());

  it("names every failure with whom it was for and why, the unconfirmed posts, each send not gone yet with why, and what is late", async () => {
    const r = await outboxReport(t.store.db, NOW);
    expect(r.counts).toEqual([
      { status: "failed", kind: "followup_overdue", count: 1 },
      { status: "pending", kind: "followup_assigned", count: 2 },
      { status: "pending", kind: "followup_overdue", count: 5 },
      { status: "sending", kind: "followup_assigned", count: 2 },
      { status: "sent", kind: "followup_overdue", count: 2 },
    ]);
    expect(r.failed).toEqual([{ kind: "followup_overdue", person: "Megan Bowen (megan)", reason: "http-403", dueAt: at("2027-01-18T07:00:00Z"), attempts: 1 }]);
    expect(r.unconfirmed.map((u) => u.person)).toEqual(["Lars Nørgaard (lars)"]);
    expect(r.waitingTotal).toBe(9);
    expect(r.waiting.map(({ id: _id, ...w }) => w)).toEqual([
      { kind: "followup_overdue", personId: "sofie", subjectId: "f-d", dueAt: at("2027-01-18T07:00:00Z"), attempts: 1, reason: "retrying", error: "http-412" },
      { kind: "followup_assigned", personId: "hanne", subjectId: "f-k", dueAt: at("2027-01-18T08:00:00Z"), attempts: 1, reason: "sending" },
      { kind: "followup_assigned", personId: "hanne", subjectId: "f-l", dueAt: at("2027-01-18T09:59:00Z"), attempts: 1, reason: "sending" },
      { kind: "followup_overdue", personId: "alex", subjectId: "f-c", dueAt: at("2027-01-18T11:00:00Z"), attempts: 0, reason: "no-conversation", since: at("2027-01-18T07:00:00Z") },
      { kind: "followup_assigned", personId: "megan", subjectId: "f-g", dueAt: at("2027-01-18T11:00:00Z"), attempts: 0, reason: "unreachable", error: "http-403", since: at("2027-01-18T08:00:00Z") },
      { kind: "followup_assigned", personId: "sofie", subjectId: "f-h", dueAt: at("2027-01-19T07:00:00Z"), attempts: 0, reason: "outside-working-hours", until: at("2027-01-19T07:00:00Z") },
      { kind: "followup_overdue", personId: "lars", subjectId: "f-i", dueAt: at("2027-01-19T07:00:00Z"), attempts: 0, reason: "absent", until: "2027-01-21" },
      { kind: "followup_overdue", personId: "jonas", subjectId: "f-j", dueAt: at("2027-01-19T07:00:00Z"), attempts: 0, reason: "muted" },
      { kind: "followup_overdue", personId: "pia", subjectId: "f-f", dueAt: at("2027-01-25T07:00:00Z"), attempts: 0, reason: "not-due" },
    ]);
    expect(r.late).toBe(1);
    expect(r.inactive).toEqual([{ person: "Megan Bowen (megan)", reason: "http-403", since: NOW }]);
    // A due row nobody has picked up yet.
    await t.store.db.notification.updateMany({ where: { key: "k" }, data: { status: "pending", leaseUntil: null } });
    expect((await outboxReport(t.store.db, NOW)).waiting.find((w) => w.subjectId === "f-k")).toMatchObject({ reason: "due" });
    // Only as many as asked for, soonest due first; the total says how many there are.
    const few = await outboxReport(t.store.db, NOW, { waitingLimit: 2 });
    expect([few.waiting.length, few.waitingTotal]).toEqual([2, 9]);
  });

  const status = (args: string[], opts: { url?: string; cwd?: string } = {}) =>
    spawnSync(process.execPath, ["--import", TSX, join(ROOT, "scripts/status.ts"), ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { PATH: process.env.PATH, ...(opts.url ? { DATABASE_URL: opts.url } : {}) },
      encoding: "utf8",
    });

  it("prints it in Danish from the command line, each waiting send with its due time and reason, ids not names; says so when the database is not there", () => {
    const ok = status([], { url: t.url });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("Fejlede afsendelser (nyeste først):");
    expect(ok.stdout).toMatch(/followup_overdue {2}Megan Bowen \(megan\) {2}årsag: http-403/);
    expect(ok.stdout).toContain("Ikke sendt endnu (9), først forfaldne først: hvornår, hvad, til hvem (id), hvorfor:");
    const waiting = ok.stdout.split("\n").filter((l) => /^ {2}\d\d\.\d\d\.\d{4} kl\. \d\d\.\d\d {2}/.test(l)).map((l) => l.trim().replace(/ +/g, " "));
    expect(waiting).toEqual([
      "18.01.2027 kl. 08.00 followup_overdue sofie nyt forsøg efter fejl (http-412; 1 forsøg indtil nu)",
      "18.01.2027 kl. 09.00 followup_assigned hanne sendes nu",
      "18.01.2027 kl. 10.59 followup_assigned hanne sendes nu",
      "18.01.2027 kl. 12.00 followup_overdue alex personen har ikke installeret botten endnu (venter siden 18.01.2027 kl. 08.00)",
      "18.01.2027 kl. 12.00 followup_assigned megan samtalen kunne ikke nås (http-403); venter på, at personen er tilbage (siden 18.01.2027 kl. 09.00)",
      "19.01.2027 kl. 08.00 followup_assigned sofie uden for arbejdstiden; sendes 19.01.2027 kl. 08.00",
      "19.01.2027 kl. 08.00 followup_overdue lars personen er fraværende til 21.01.2027",
      "19.01.2027 kl. 08.00 followup_overdue jonas slået fra i personens indstillinger; annulleres, når den forfalder",
      "25.01.2027 kl. 08.00 followup_overdue pia ikke forfalden endnu",
    ]);
    // Who cannot be reached: ids, how many cards wait since when, why, the installation, who was told.
    expect(ok.stdout).toContain("Kan ikke nås (2): hvem (id), hvor mange kort venter, siden hvornår, automatisk installation, hvem der har fået besked:");
    const unreachable = ok.stdout.split("\n").filter((l) => /^ {2}(alex|megan) {2}1 kort venter/.test(l));
    expect(unreachable).toEqual([
      expect.stringMatching(/^ {2}alex {2}1 kort venter siden 18\.01.* kl\. 08\.00 {2}aldrig nået \(appen ikke installeret\) {2}ingen automatisk installation {2}ingen at give besked/),
      expect.stringMatching(/^ {2}megan {2}1 kort venter siden 18\.01.* kl\. 09\.00 {2}afvist af Teams \(http-403\) {2}ingen automatisk installation {2}ingen at give besked/),
    ]);
    // The rows lie in 2027; the command uses the real clock, so none is late or due yet.
    expect(ok.stdout).toContain("Ingen planlagte påmindelser er forsinkede.");
    expect(ok.stdout).not.toMatch(/Sofie|Hanne|Jonas Dahl|Lars Nørgaard.*fraværende/);
    const json = status(["--json"], { url: t.url });
    expect(json.status).toBe(0);
    const parsed = JSON.parse(json.stdout) as { waiting: Record<string, unknown>[]; waitingTotal: number };
    expect(parsed.waitingTotal).toBe(9);
    expect(parsed.waiting.find((w) => w.personId === "alex")).toMatchObject({ kind: "followup_overdue", dueAt: "2027-01-18T11:00:00.000Z", reason: "no-conversation", since: "2027-01-18T07:00:00.000Z" });
    expect(parsed.waiting.find((w) => w.personId === "lars")).toMatchObject({ dueAt: "2027-01-19T07:00:00.000Z", reason: "absent", until: "2027-01-21" });
    expect(status(["--ukendt"], { url: t.url }).status).toBe(2);
    const missing = status([], { url: `file:${t.dir}/nope.db` });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("findes ikke");
    if (onPostgres) {
      const noServerDatabase = status([], { url: postgresUrl("laeringsloop_findes_ikke") });
      expect(noServerDatabase.status).toBe(1);
      expect(noServerDatabase.stderr).toContain("findes ikke");
      expect(noServerDatabase.stderr).toContain("laeringsloop_findes_ikke");
      expect(noServerDatabase.stderr).not.toMatch(/:[^/@]*@/); // no password printed
    }
  });

  it("reads DATABASE_URL from a .env in the folder it runs in, as npm start does", () => {
    writeFileSync(join(t.dir, ".env"), `# the administrator's settings\nDATABASE_URL=${t.url}\n`);
    const ok = status([], { cwd: t.dir });
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("Ikke sendt endnu (9)");
  });
});
