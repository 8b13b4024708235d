import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDeliveryService } from "../../src/domain/delivery-service.js";
import { systemClock, type Messenger, type NotificationRepository } from "../../src/domain/ports.js";
import type { Notification } from "../../src/domain/types.js";
import { createWorkingCalendar } from "../../src/lib/working-calendar.js";
import { testStore } from "../helpers/test-db.js";

/** The outbox's pass over due rows, on a real database, with a messenger that posts when the test says so. */
describe("delivery: the outbox's senders", () => {
  let t: Awaited<ReturnType<typeof testStore>>;
  beforeEach(async () => {
    t = await testStore({ org: false });
  });
  afterEach(() => t.close());

  /** People who installed the bot, and `perPerson` immediate rows each, due one after the other. */
  async function seed(people: string[], perPerson: number): Promise<void> {
    const db = t.store.db;
    await db.area.create({ data: { id: "midt", name: "Midt" } });
    await db.unit.create({ data: { id: "u1", name: "Enhed", type: "dagtilbud", areaId: "midt" } });
    await db.person.createMany({ data: people.map((id) => ({ id, aadObjectId: `aad-${id}`, name: id })) });
    await db.conversationRef.createMany({
      data: people.map((id) => ({
        personId: id,
        conversationId: `a:${id}`,
        serviceUrl: "https://smba.trafficmanager.net/emea/",
        tenantId: "t1",
        reference: JSON.stringify({ conversation: { id: `a:${id}` } }),
      })),
    });
    const start = Date.now() - 60_000;
    const rows = [];
    // Row i of every person is due before row i + 1 of anyone, so a pass claims people interleaved.
    for (let i = 0; i < perPerson; i++) {
      for (const p of people) {
        rows.push({ key: `unit_congested:u1:${p}:${i}`, kind: "unit_congested", personId: p, subjectId: "u1", dueAt: new Date(start + rows.length), immediate: true });
      }
    }
    await db.notification.createMany({ data: rows });
  }

  function service(messenger: Messenger, concurrency: number, notifications: NotificationRepository = t.store.notifications) {
    return createDeliveryService({
      notifications,
      conversations: t.store.conversations,
      followUps: t.store.followUps,
      meetings: t.store.meetings,
      reflections: t.store.reflections,
      boardStatements: t.store.boardStatements,
      preferences: t.store.preferences,
      digests: { hasNews: () => Promise.resolve(false) },
      messenger,
      clock: systemClock,
      calendar: createWorkingCalendar(),
      log: pino({ level: "silent" }),
      batchSize: 10,
      concurrency,
    });
  }

  it("keeps sending to others while one send waits (no batch waits for its slowest row)", async () => {
    const people = Array.from({ length: 12 }, (_, i) => `p${String(i).padStart(2, "0")}`);
    await seed(people, 2);
    const posted: string[] = [];
    let releaseSlow!: () => void;
    const slow = new Promise<void>((ok) => (releaseSlow = ok));
    let postedWhileSlowWaited = -1;
    const messenger: Messenger = {
      async deliver(n: Notification, _to, beforePost) {
        if (!(await beforePost())) return { outcome: "not-posted" };
        if (n.key === "unit_congested:u1:p00:0") {
          // Like a 502 being retried inside botbuilder: this send takes until everyone else is done.
          await slow;
          postedWhileSlowWaited = posted.length;
        }
        posted.push(n.key);
        if (posted.length === people.length * 2 - 2) releaseSlow();
        return { outcome: "sent" };
      },
    };
    const counts = await service(messenger, 4).runOnce();
    expect(counts).toEqual({ sent: 24 });
    // All 22 rows of the other 11 people went while p00's first row waited; p00's second row after it.
    expect(postedWhileSlowWaited).toBe(22);
    expect(posted.slice(-2)).toEqual(["unit_congested:u1:p00:0", "unit_congested:u1:p00:1"]);
    expect(new Set(posted).size).toBe(24);
    expect(await t.store.db.notification.count({ where: { status: "sent" } })).toBe(24);
  });

  it("sends one person's rows in order, at most `concurrency` at once, each once", async () => {
    const people = ["a", "b", "c", "d", "e", "f"];
    await seed(people, 7);
    const order = new Map<string, number[]>();
    let inFlight = 0;
    let most = 0;
    const messenger: Messenger = {
      async deliver(n: Notification, _to, beforePost) {
        if (!(await beforePost())) return { outcome: "not-posted" };
        inFlight++;
        most = Math.max(most, inFlight);
        // Uneven send times, so people's rows finish out of claim order; long enough against the
        // database's own round trips (PostgreSQL's are slower) that the senders overlap.
        await new Promise((r) => setTimeout(r, 10 + 3 * ((n.personId.charCodeAt(0) * 7 + Number(n.key.split(":").at(-1))) % 5)));
        inFlight--;
        order.set(n.personId, [...(order.get(n.personId) ?? []), Number(n.key.split(":").at(-1))]);
        return { outcome: "sent" };
      },
    };
    const counts = await service(messenger, 3).runOnce();
    expect(counts).toEqual({ sent: 42 });
    expect(most).toBe(3);
    for (const p of people) expect(order.get(p)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("claims past one person's long queue while senders are idle", async () => {
    const people = ["a", ...Array.from({ length: 8 }, (_, i) => `o${i}`)];
    await seed(["a"], 12);
    const db = t.store.db;
    // Everyone else has one row, due after all of a's.
    await db.person.createMany({ data: people.slice(1).map((id) => ({ id, aadObjectId: `aad-${id}`, name: id })) });
    await db.conversationRef.createMany({
      data: people.slice(1).map((id) => ({ personId: id, conversationId: `a:${id}`, serviceUrl: "https://smba.trafficmanager.net/emea/", tenantId: "t1", reference: "{}" })),
    });
    await db.notification.createMany({
      data: people.slice(1).map((p, i) => ({ key: `unit_congested:u1:${p}:0`, kind: "unit_congested", personId: p, subjectId: "u1", dueAt: new Date(Date.now() - 30_000 + i), immediate: true })),
    });
    const posted: string[] = [];
    const messenger: Messenger = {
      async deliver(n: Notification, _to, beforePost) {
        if (!(await beforePost())) return { outcome: "not-posted" };
        // a's posts are slow (a busy chat), the others' instant: margin enough for a loaded database's claims.
        if (n.personId === "a") await new Promise((r) => setTimeout(r, 100));
        posted.push(n.personId);
        return { outcome: "sent" };
      },
    };
    expect(await service(messenger, 4).runOnce()).toEqual({ sent: 20 });
    // The others did not wait for a's queue to drain below half a batch.
    expect(posted.lastIndexOf("o7")).toBeLessThan(posted.indexOf("a") + 4);
  });

  it("a claim that fails ends the pass with its error, after every row in hand was handled", async () => {
    await seed(["a", "b", "c"], 4);
    let claims = 0;
    const posted: string[] = [];
    const messenger: Messenger = {
      async deliver(n: Notification, _to, beforePost) {
        if (!(await beforePost())) return { outcome: "not-posted" };
        await new Promise((r) => setTimeout(r, 5));
        posted.push(n.key);
        return { outcome: "sent" };
      },
    };
    const svc = service(messenger, 2, {
      ...t.store.notifications,
      claimDue: (...args) => (++claims === 2 ? Promise.reject(new Error("SQLITE_BUSY")) : t.store.notifications.claimDue(...args)),
    });
    await expect(svc.runOnce()).rejects.toThrow("SQLITE_BUSY");
    expect(posted).toHaveLength(10);
    expect(await t.store.db.notification.count({ where: { status: "sent" } })).toBe(10);
    expect(await t.store.db.notification.count({ where: { status: "sending" } })).toBe(0);
  });

  it("a database that fails even the giving back ends the pass with that error, after the sends in hand", async () => {
    await seed(["a", "b", "c"], 2);
    const settled: string[] = [];
    const messenger: Messenger = {
      async deliver(n: Notification, _to, beforePost) {
        if (!(await beforePost())) return { outcome: "not-posted" };
        settled.push(n.key);
        return n.personId === "b" ? { outcome: "retry", reason: "http-500" } : { outcome: "sent" };
      },
    };
    const svc = service(messenger, 2, {
      ...t.store.notifications,
      retryLater: () => Promise.reject(new Error("database is locked")),
    });
    await expect(svc.runOnce()).rejects.toThrow("database is locked");
    // Everything claimed was handled before the pass gave up: nothing left half-done in memory.
    expect(settled.length).toBe(6);
    expect(await t.store.db.notification.count({ where: { status: "sent" } })).toBe(4);
  });
});
