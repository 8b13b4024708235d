import { afterEach, describe, expect, it, vi } from "vitest";
import { BotHarness, users, type User } from "../helpers/bot-harness.js";
import { cardsOf, cardText, findAction } from "../helpers/fake-connector.js";
import { meetingWithFollowUp } from "../helpers/flows.js";
import { strings } from "../../src/lib/strings.da.js";
import { createAdmission } from "../../src/teams/admission.js";

/**
 * Overload (docs/decisions/0032-overload.md): with a low admission limit, a command whose reply
 * the fake connector holds keeps the one slot busy, so what arrives meanwhile waits or is refused
 * by count, not by time.
 */
describe("under overload", () => {
  let h: BotHarness;
  afterEach(() => h.stop());

  const db = () => h.bot.store.db;
  const stats = () => h.bot.admission.stats();

  async function start(queue: number): Promise<void> {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00", env: { ADMISSION_CONCURRENCY: "1", ADMISSION_QUEUE: String(queue), ADMISSION_WAIT_MS: "60000" } });
  }

  /** A typed command in work until `h.connector.release()`: its reply is held at the connector. */
  async function occupy(user: User = users.alex) {
    h.connector.holdPosts = true;
    const held = h.say(user, "hjælp");
    await vi.waitFor(() => expect(h.connector.held).toBe(1));
    expect(stats().inWork).toBe(1);
    return { answered: held }; // not the promise itself: an async function would wait for it
  }

  /** Megan's open follow-ups, one per meeting, with the data their «Udført» button carries. */
  async function followUps(n: number) {
    const out: { followUpId: string; version: number }[] = [];
    for (let i = 0; i < n; i++) {
      const { followUpId } = await meetingWithFollowUp(h, { date: `2027-01-${String(12 + i).padStart(2, "0")}`, due: "2027-02-20", text: `Opfølgning ${i + 1}` });
      out.push({ followUpId, version: (await db().followUp.findUniqueOrThrow({ where: { id: followUpId } })).version });
    }
    return out;
  }

  it("does each click once or refuses it with «prøv igen om lidt»; a refused click leaves nothing behind, and «Prøv igen» does it", async () => {
    await start(2);
    await h.install(users.alex);
    await h.install(users.megan);
    const items = await followUps(6);
    const claimsBefore = await db().processedActivity.count();

    const { answered: command } = await occupy();
    const clicks = items.map((data) => h.click(users.megan, "followup.done", data));
    // Two wait (the queue's bound); the other four are refused at once, while the slot is still taken.
    await vi.waitFor(() => expect(stats()).toMatchObject({ queued: 2, refused: 4 }));
    h.connector.release();
    const answers = await Promise.all(clicks);
    expect((await command).status).toBe(200);
    await h.bot.settled();

    const refused = answers.filter((a) => cardText(a.card).startsWith(strings.overload.busy));
    const done = answers.filter((a) => cardText(a.card).includes("Udført 11.01.2027"));
    expect(refused).toHaveLength(4);
    expect(done).toHaveLength(2);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    // Each follow-up is done exactly when its click was answered as done, and once.
    for (const [i, { followUpId }] of items.entries()) {
      const row = await db().followUp.findUniqueOrThrow({ where: { id: followUpId } });
      const answeredDone = done.includes(answers[i]!);
      expect(row.status, `follow-up ${i + 1}`).toBe(answeredDone ? "done" : "open");
      expect(await db().followUpEvent.count({ where: { followUpId, kind: "done" } })).toBe(answeredDone ? 1 : 0);
    }
    // Only the command and the two clicks done were claimed: a refused click claimed nothing.
    expect((await db().processedActivity.count()) - claimsBefore).toBe(3);

    // The refusal card carries the same click: «Prøv igen» (later, with room) does it.
    const i = answers.indexOf(refused[0]!);
    const retry = findAction(refused[0]!.card, "followup.done")!;
    expect(retry.data).toEqual(items[i]);
    expect(refused[0]!.card!.actions).toEqual([{ type: "Action.Execute", title: strings.overload.retry, verb: "followup.done", data: items[i] }]);
    const again = await h.click(users.megan, "followup.done", retry.data);
    expect(cardText(again.card)).toContain("Udført 11.01.2027");
    expect((await db().followUp.findUniqueOrThrow({ where: { id: items[i]!.followUpId } })).status).toBe("done");
  });

  it("drops a click whose client has gone while it waited: it is not done", async () => {
    await start(5);
    await h.install(users.alex);
    await h.install(users.megan);
    const [item] = await followUps(1);
    const claimsBefore = await db().processedActivity.count();

    const { answered: command } = await occupy();
    const gone = new AbortController();
    const activity = h.activity("invoke-action", users.megan, { value: { action: { type: "Action.Execute", verb: "followup.done", data: item }, trigger: "manual" } });
    const request = fetch(h.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity), signal: gone.signal }).catch((err: unknown) => err);
    await vi.waitFor(() => expect(stats().queued).toBe(1));
    gone.abort();
    await vi.waitFor(() => expect(stats()).toMatchObject({ queued: 0, dropped: 1 }));
    expect(await request).toBeInstanceOf(Error);
    h.connector.release();
    await command;
    await h.bot.settled();

    expect((await db().followUp.findUniqueOrThrow({ where: { id: item!.followUpId } })).status).toBe("open");
    expect(await db().followUpEvent.count({ where: { followUpId: item!.followUpId, kind: "done" } })).toBe(0);
    expect((await db().processedActivity.count()) - claimsBefore).toBe(1); // the command only
    expect(stats().admitted).toBeGreaterThan(0);
  });

  it("never refuses installation events (they wait their turn), and answers a refused command with 200 and nothing", async () => {
    await start(0);
    await h.install(users.alex);
    const { answered: command } = await occupy();
    const people = [users.megan, users.lars, users.jonas, users.bo, users.birthe];
    const installs = people.map((u) => h.post(h.activity("installation-update-add", u)));
    await vi.waitFor(() => expect(stats().queued).toBe(people.length));
    // Nothing may wait besides them (ADMISSION_QUEUE=0): a typed command is answered 200, not done.
    const postedBefore = h.connector.posted.length;
    const typed = await h.post(h.activity("message", users.alex, { text: "mine opgaver" }));
    expect(typed).toEqual({ status: 200, body: { status: "overloaded" } });
    expect(stats().refused).toBe(1);
    h.connector.release();
    await command;
    expect((await Promise.all(installs)).map((r) => r.status)).toEqual(people.map(() => 200));
    await h.bot.settled();

    const refs = await db().conversationRef.findMany({ where: { personId: { in: ["megan", "lars", "jonas", "bo", "birthe"] } } });
    expect(refs).toHaveLength(people.length);
    // The refused command sent nothing («Mine opgaver» never came); the installs' welcomes did.
    const after = h.connector.posted.slice(postedBefore).filter((p) => p.conversationId === h.conversationId(users.alex));
    expect(after.flatMap((p) => cardsOf(p.activity)).map(cardText).filter((t) => t.includes("Mine opgaver"))).toEqual([]);
    expect(h.connector.posted.length).toBeGreaterThan(postedBefore);
  });
});

describe("the admission queue", () => {
  it("takes the first `concurrency`, queues in arrival order, refuses past the queue's bound and past the wait", async () => {
    const t = 0;
    const a = createAdmission({ concurrency: 1, maxQueue: 2, maxWaitMs: 1000 }, { now: () => t });
    const first = await a.enter({ arrivedAt: 0 });
    expect(first.admitted).toBe(true);
    const order: string[] = [];
    const second = a.enter({ arrivedAt: 0 }).then((o) => (order.push("second"), o));
    const third = a.enter({ arrivedAt: 0 }).then((o) => (order.push("third"), o));
    expect(await a.enter({ arrivedAt: 0 })).toEqual({ admitted: false, reason: "queue-full" });
    // An event that must run is queued whatever the bound.
    const event = a.enter({ arrivedAt: 0, mustRun: true }).then((o) => (order.push("event"), o));
    expect(await a.enter({ arrivedAt: -1000, mustRun: false })).toEqual({ admitted: false, reason: "waited-too-long" });
    if (first.admitted) first.release();
    const s = await second;
    if (s.admitted) {
      s.release();
      s.release(); // twice is once
    }
    const th = await third;
    if (th.admitted) th.release();
    expect((await event).admitted).toBe(true);
    expect(order).toEqual(["second", "third", "event"]);
    expect(a.stats()).toMatchObject({ inWork: 1, queued: 0, refused: 2, admitted: 4 });
    a.close();
  });

  it("lets events that must run wait past the queue's bound, but not without a bound of their own (10 × the queue, at least 1,000)", async () => {
    const a = createAdmission({ concurrency: 1, maxQueue: 2, maxWaitMs: 1000 }, { now: () => 0 });
    const first = await a.enter({ arrivedAt: 0 });
    const waiting = Array.from({ length: 1_000 }, () => a.enter({ arrivedAt: 0, mustRun: true }));
    expect(a.stats().queued).toBe(1_000);
    expect(await a.enter({ arrivedAt: 0, mustRun: true })).toEqual({ admitted: false, reason: "queue-full" });
    // Releasing lets every one of them run, in turn.
    if (first.admitted) first.release();
    for (const w of waiting) {
      const o = await w;
      expect(o.admitted).toBe(true);
      if (o.admitted) o.release();
    }
    expect(a.stats()).toMatchObject({ inWork: 0, queued: 0, admitted: 1_001 });
    a.close();
  });

  it("hands a freed slot over after Node has polled its sockets again: a waiter whose client left meanwhile is dropped, one past its deadline refused", async () => {
    let t = 0;
    const a = createAdmission({ concurrency: 1, maxQueue: 10, maxWaitMs: 1000 }, { now: () => t });
    const first = await a.enter({ arrivedAt: 0 });
    const leaving = new AbortController();
    const gone = a.enter({ arrivedAt: 0, signal: leaving.signal });
    const late = a.enter({ arrivedAt: 0 });
    const waited = a.enter({ arrivedAt: 500 });
    let handedOver = false;
    void gone.then(() => (handedOver = true));
    if (first.admitted) first.release();
    // Released in a chain of promises: the slot is not handed over in the same chain.
    await Promise.resolve();
    expect(handedOver).toBe(false);
    expect(a.stats()).toMatchObject({ inWork: 1, queued: 2 });
    // Before the next turn: the first waiter's client closes, and the clock passes the second's deadline (its timer late).
    leaving.abort();
    t = 1200;
    expect(await gone).toEqual({ admitted: false, reason: "client-gone" });
    expect(await late).toEqual({ admitted: false, reason: "waited-too-long" });
    const third = await waited;
    expect(third.admitted).toBe(true);
    expect(a.stats()).toMatchObject({ inWork: 1, queued: 0, admitted: 2, refused: 1, dropped: 1 });
    if (third.admitted) third.release();
    a.close();
  });

  it("refuses a waiting request at its deadline, counted from when it arrived", async () => {
    vi.useFakeTimers();
    try {
      let t = 500;
      const a = createAdmission({ concurrency: 1, maxQueue: 10, maxWaitMs: 1000 }, { now: () => t });
      const first = await a.enter({ arrivedAt: 500 });
      const late = a.enter({ arrivedAt: 0 }); // arrived 500 ms ago: 500 ms left
      t = 1000;
      vi.advanceTimersByTime(500);
      expect(await late).toEqual({ admitted: false, reason: "waited-too-long" });
      expect(a.stats()).toMatchObject({ queued: 0, refused: 1 });
      if (first.admitted) first.release();
      expect(a.stats().inWork).toBe(0);
      a.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
