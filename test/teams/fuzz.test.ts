import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotHarness, users, type User } from "../helpers/bot-harness.js";
import { meetingWithFollowUp } from "../helpers/flows.js";
import { verbs } from "../../src/teams/verbs.js";
import { onPostgres } from "../helpers/test-database.js";

/** A small seeded PRNG (mulberry32): the same seed gives the same run. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}

const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const COUNT = Number(process.env.FUZZ_COUNT ?? 3000);

const NASTY = [
  "",
  " ",
  "<script>alert(1)</script>",
  "**fed** [link](javascript:alert(1)) ![x](http://evil/x.png)",
  "${root}",
  "{{x}}",
  "'; DROP TABLE Meeting; --",
  "\u0000\u0001\u202e",
  "æøå ÆØÅ 😀".repeat(50),
  "x".repeat(30_000),
  "2027-02-30",
  "0000-00-00",
  "9999-12-31",
  "-1",
  "1e309",
  "NaN",
  "../../etc/passwd",
  "solsikken/megan",
  "kastanjen/megan",
];

describe("fuzzing /api/messages with random and mutated Teams activities", () => {
  let h: BotHarness;
  const ids: string[] = [];
  beforeAll(async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    for (const u of [users.alex, users.megan, users.lars]) await h.install(u);
    const { meetingId, followUpId } = await meetingWithFollowUp(h, { date: "2027-01-14", due: "2027-01-20" });
    ids.push(meetingId, followUpId, "solsikken", "midt", "megan", "alex");
  });
  afterAll(() => h.stop());

  it(`never crashes, never answers 5xx, and keeps the database consistent (seed ${SEED}, ${COUNT} activities)`, async () => {
    const r = prng(SEED);
    const people: User[] = [users.alex, users.megan, users.lars, users.stranger];
    const value = (depth = 0): unknown => {
      switch (r.int(depth > 2 ? 6 : 9)) {
        case 0: return r.pick(NASTY);
        case 1: return r.pick(ids);
        case 2: return r.int(3) === 0 ? -r.int(1e9) : r.int(1_000_000);
        case 3: return r.next() < 0.5;
        case 4: return null;
        case 5: return `${2026 + r.int(3)}-${String(1 + r.int(13)).padStart(2, "0")}-${String(r.int(33)).padStart(2, "0")}`;
        case 6: return Array.from({ length: r.int(4) }, () => value(depth + 1));
        case 7: return Object.fromEntries(Array.from({ length: r.int(5) }, () => [r.pick(["meetingId", "followUpId", "version", "areaId", "unitId", "notificationId", "x", "__proto__", "constructor"]), value(depth + 1)]));
        default: return String(r.next()).slice(2, 2 + r.int(10));
      }
    };
    const fields = ["meetingId", "followUpId", "version", "topic", "leader", "date", "time", "newDueDate", "comment", "ownerInput", "unitId", "areaId", "entryId", "snoozeFor", "notificationId", "digestTime", "absentUntil", "exportFrom", "exportTo", "decision_0", "followup_0", "owner_0", "due_0", "q_data_drift", "from", "view"];
    const allVerbs = [...Object.values(verbs), "unknown.verb", "", "constructor"];
    const statuses: Record<number, number> = {};
    for (let i = 0; i < COUNT; i++) {
      const who = r.pick(people);
      let activity: Record<string, unknown>;
      const kind = r.int(10);
      if (kind < 6) {
        const data = Object.fromEntries(Array.from({ length: r.int(8) }, () => [r.pick(fields), value()]));
        activity = h.activity("invoke-action", who, { value: { action: { type: r.next() < 0.9 ? "Action.Execute" : value(), verb: r.pick(allVerbs), data: r.next() < 0.9 ? data : value() }, trigger: "manual" } });
      } else if (kind < 9) {
        activity = h.activity("message", who, { text: r.next() < 0.5 ? r.pick(["hjælp", "mine opgaver", "mine møder", "planlæg 1:1", "årshjul", "giv videre", "indstillinger", "fraværende til ", "følg område"]) + String(value()) : value() });
      } else {
        activity = h.activity(r.pick(["installation-update-add", "installation-update-remove", "conversation-update-members-added"]), who);
      }
      // Mutations: drop, retype or replace top-level and nested fields.
      for (let m = r.int(4); m > 0; m--) {
        const key = r.pick(["type", "id", "from", "conversation", "channelData", "serviceUrl", "value", "text", "recipient", "timestamp", "channelId", "replyToId", "name"]);
        if (r.next() < 0.5) delete activity[key];
        else activity[key] = value();
      }
      // Keep most traffic plausible enough to reach the handlers; the rest tests the server.
      if (r.next() < 0.8) activity.serviceUrl = h.connector.url;
      const raw = r.int(50) === 0 ? JSON.stringify(activity).slice(0, r.int(200)) : JSON.stringify(activity);
      const res = await fetch(h.url, { method: "POST", headers: { "content-type": "application/json" }, body: raw });
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      expect(res.status, `activity ${i}: ${raw.slice(0, 300)}`).toBeLessThan(500);
    }
    console.log(`fuzz: seed ${SEED}, ${COUNT} activities, statuses ${JSON.stringify(statuses)}`);
    // Still serving, and the database is whole.
    expect(((await (await fetch(h.url.replace("/api/messages", "/healthz"))).json()) as { status: string }).status).toBe("ok");
    const db = h.bot.store.db;
    if (!onPostgres) {
      // PostgreSQL checks foreign keys on every write and has no file to check.
      expect(await db.$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
      expect(await db.$queryRawUnsafe("PRAGMA foreign_key_check")).toEqual([]);
    }
    const orphans = await db.$queryRawUnsafe<{ n: number | bigint }[]>(
      `SELECT (SELECT COUNT(*) FROM "FollowUp" f WHERE NOT EXISTS (SELECT 1 FROM "Meeting" m WHERE m.id = f."meetingId"))
            + (SELECT COUNT(*) FROM "Decision" d WHERE NOT EXISTS (SELECT 1 FROM "Meeting" m WHERE m.id = d."meetingId"))
            + (SELECT COUNT(*) FROM "Reflection" r WHERE NOT EXISTS (SELECT 1 FROM "MeetingParticipant" p WHERE p."meetingId" = r."meetingId" AND p."personId" = r."authorId")) AS n`,
    );
    expect(Number(orphans[0]!.n)).toBe(0);
    // The stranger (not in the organisation) got nothing stored.
    expect(await db.reflection.count({ where: { authorId: "stranger" } })).toBe(0);
  }, 300_000);
});
