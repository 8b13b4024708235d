import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outboxReport } from "../../src/store/outbox-report.js";
import { testStore } from "../helpers/test-db.js";
import { onPostgres, postgresUrl } from "../helpers/test-database.js";

const ROOT = resolve(import.meta.dirname, "../..");
const at = (iso: string) => new Date(iso);

describe("the administrator's view of the outbox (npm run status)", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  beforeEach(async () => {
    t = await testStore();
    const { notifications, conversations } = t.store;
    const now = at("2027-01-18T10:00:00Z");
    const row = (key: string, personId: string, dueAt = "2027-01-18T07:00:00Z") => ({ key, kind: "followup_overdue" as const, personId, subjectId: key, dueAt: at(dueAt) });
    await notifications.plan([row("a", "megan"), row("b", "lars"), row("c", "alex"), row("d", "sofie"), row("e", "megan", "2027-01-18T09:30:00Z"), row("f", "pia", "2027-01-25T07:00:00Z")], now);
    // a: refused for good; b: posted when its worker died; c: waits for the person to install.
    const claimed = await notifications.claimDue(now, 60_000, 10);
    const byKey = new Map(claimed.map((n) => [n.key, n]));
    await notifications.markFailed(byKey.get("a")!, "http-403");
    await conversations.save({ personId: "megan", conversationId: "c-megan", serviceUrl: "https://smba.example/", reference: {} });
    await conversations.markInactive("megan", "http-403", now);
    await notifications.markPostStarted(byKey.get("b")!, now);
    await notifications.markSent(byKey.get("b")!, now, "unconfirmed-after-crash");
    await notifications.retryLater(byKey.get("c")!, at("2027-01-18T11:00:00Z"), "no-conversation", { countAttempt: false });
    await notifications.markSent(byKey.get("e")!, now);
    await notifications.retryLater(byKey.get("d")!, at("2027-01-18T07:00:00Z"), "http-412"); // due 3 h ago, not waiting: late
  });
  afterEach(() => t.close());

  it("names every failure with whom it was for and why, the unconfirmed posts, what waits and what is late", async () => {
    const r = await outboxReport(t.store.db, at("2027-01-18T10:00:00Z"));
    expect(r.counts).toEqual([
      { status: "failed", kind: "followup_overdue", count: 1 },
      { status: "pending", kind: "followup_overdue", count: 3 },
      { status: "sent", kind: "followup_overdue", count: 2 },
    ]);
    expect(r.failed).toEqual([{ kind: "followup_overdue", person: "Megan Bowen (megan)", reason: "http-403", dueAt: at("2027-01-18T07:00:00Z"), attempts: 1 }]);
    expect(r.unconfirmed.map((u) => u.person)).toEqual(["Lars Nørgaard (lars)"]);
    expect(r.waiting).toEqual([{ reason: "no-conversation", count: 1 }]);
    expect(r.late).toBe(1);
    expect(r.inactive).toEqual([{ person: "Megan Bowen (megan)", reason: "http-403", since: at("2027-01-18T10:00:00Z") }]);
  });

  it("prints it in Danish from the command line, and says so when the database is not there", () => {
    const run = (url: string) => spawnSync(process.execPath, ["--import", "tsx", "scripts/status.ts"], { cwd: ROOT, env: { PATH: process.env.PATH, DATABASE_URL: url }, encoding: "utf8" });
    const ok = run(t.url);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("Fejlede afsendelser (nyeste først):");
    expect(ok.stdout).toMatch(/followup_overdue {2}Megan Bowen \(megan\) {2}årsag: http-403/);
    expect(ok.stdout).toContain("personen har ikke installeret botten endnu: 1");
    expect(ok.stdout).toContain("Ingen planlagte påmindelser er forsinkede."); // the rows lie in 2027; the command uses the real clock
    const missing = run(`file:${t.dir}/nope.db`);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("findes ikke");
    if (onPostgres) {
      const noServerDatabase = run(postgresUrl("laeringsloop_findes_ikke"));
      expect(noServerDatabase.status).toBe(1);
      expect(noServerDatabase.stderr).toContain("findes ikke");
      expect(noServerDatabase.stderr).toContain("laeringsloop_findes_ikke");
      expect(noServerDatabase.stderr).not.toMatch(/:[^/@]*@/); // no password printed
    }
  });
});
