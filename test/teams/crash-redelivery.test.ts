import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { createBot, domainSettings } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { createDomainServices } from "../../src/domain/services.js";
import type { Person } from "../../src/domain/types.js";
import { addDays, localDateOf } from "../../src/lib/zoned-time.js";
import { strings } from "../../src/lib/strings.da.js";
import { cardText, FakeConnector } from "../helpers/fake-connector.js";
import { users, type User } from "../helpers/bot-harness.js";
import { newTestDatabase, testClient, type TestDatabase } from "../helpers/test-database.js";
import type { Db } from "../../src/store/prisma-client.js";

const ROOT = resolve(import.meta.dirname, "../..");
const INVOKE = JSON.parse(readFileSync(join(ROOT, "test/fixtures/activities/invoke-action.json"), "utf8")) as Record<string, unknown>;
const dir = mkdtempSync(join(tmpdir(), "laeringsloop-crash-clicks-"));
const connector = new FakeConnector();
let database: TestDatabase | undefined;
/** Bot processes and database clients still open when a test ends early. */
const processes = new Set<ChildProcess>();
const clients: Db[] = [];

/** The real bot process, as `npm start` runs it; resolves with it and the port it listens on. */
function startBot(url: string): Promise<{ proc: ChildProcess; port: number }> {
  const proc = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "development",
      LOG_LEVEL: "warn",
      PORT: "0",
      DATABASE_URL: url,
      SCHEDULER_ENABLED: "false",
      USER_ACTIONS_PER_MINUTE: "1000000",
      // A killed attempt's claim runs out after a second (the default is 10 s).
      ACTIVITY_LEASE_SECONDS: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  processes.add(proc);
  proc.once("exit", () => processes.delete(proc));
  return new Promise((ok, fail) => {
    let out = "";
    proc.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      // In local anonymous mode the bot says where it listens (at warn level).
      const port = /"port":(\d+)/.exec(out)?.[1];
      if (port) ok({ proc, port: Number(port) });
    });
    proc.once("exit", (code) => fail(new Error(`bot exited (${code}) before listening`)));
  });
}

const exited = (p: ChildProcess) => new Promise<void>((ok) => (p.exitCode !== null || p.signalCode !== null ? ok() : p.once("exit", () => ok())));

/** A card click as Teams sends it, from the user's personal chat. */
function click(user: User, verb: string, data: Record<string, unknown>): Record<string, unknown> {
  return {
    ...INVOKE,
    id: `f:${randomUUID()}`,
    serviceUrl: connector.url,
    timestamp: new Date().toISOString(),
    from: { id: user.mri, name: user.name, aadObjectId: user.aadObjectId },
    conversation: { ...(INVOKE.conversation as object), id: `a:personal-${user.aadObjectId}` },
    value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" },
  };
}

/** The card answered to a click, or undefined when there was none (the process died). */
async function post(port: number, activity: Record<string, unknown>): Promise<string | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
    if (res.status !== 200) return undefined;
    return cardText(((await res.json()) as { value: unknown }).value);
  } catch {
    return undefined;
  }
}

afterAll(async () => {
  for (const p of processes) p.kill("SIGKILL");
  await Promise.all([...processes].map(exited));
  await Promise.all(clients.map((c) => c.$disconnect()));
  await connector.stop();
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const WAVES = 4;
const PER_KIND = 10;

/**
 * Found by a reporter: 60 concurrent writing clicks, `kill -9` while they run, restart, the same
 * activities delivered again; one meeting was never made, because the claims of the killed
 * process's clicks outlived it. Here the bot is a real process on this pass's database, killed
 * (SIGKILL) at a different point of each wave of clicks, from the first answers to the last; after
 * each restart the wave is delivered again together with the next wave's new clicks.
 */
describe("clicks across a killed bot process", () => {
  it("(slow: SIGKILL during concurrent writing clicks, several waves) after restarts and redeliveries every click was carried out exactly once and answered", async () => {
    await connector.start();
    database = await newTestDatabase(dir, "clicks.db");
    const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", DATABASE_URL: database.url, SCHEDULER_ENABLED: "false" });
    const settings = domainSettings(config);
    const { calendar } = settings;

    // Working-hours slots for 1:1s from next week on, one an hour (the chief is in every one).
    const slots: { date: string; time: string }[] = [];
    for (let date = addDays(localDateOf(new Date(), config.timezone), 7); slots.length < 200; date = addDays(date, 1)) {
      if (!calendar.isWorkingDay(date)) continue;
      for (const time of ["08:00", "09:00", "10:00", "11:00", "12:00", "13:00", "14:00"]) slots.push({ date, time });
    }
    const dueDate = slots.at(-1)!.date;

    // What the clicks act on: meetings with empty forms, follow-ups to mark done, made by the domain itself.
    const bot = await createBot({ config, log: pino({ level: "silent" }), startScheduler: false });
    const domain = createDomainServices(bot.store, { now: () => new Date() }, settings);
    const person = async (id: string) => (await bot.store.people.byId(id)) as Person;
    const [alex, megan] = [await person("alex"), await person("megan")];
    for (const u of [users.alex, users.megan]) {
      const id = u === users.alex ? "alex" : "megan";
      const conversationId = `a:personal-${u.aadObjectId}`;
      await bot.store.conversations.save({ personId: id, conversationId, serviceUrl: connector.url, reference: { serviceUrl: connector.url, channelId: "msteams", conversation: { id: conversationId, conversationType: "personal" }, user: { id: u.mri }, bot: { id: "28:bot" } } });
    }
    // The first few meetings' forms get follow-ups to mark done (12 each), the others' forms are left empty.
    const withFollowUps = Math.ceil((WAVES * PER_KIND) / 12);
    const meetingIds: string[] = [];
    for (let i = 0; i < WAVES * PER_KIND + withFollowUps; i++) {
      const { meeting } = await domain.meetings.schedule(alex, { unitId: "solsikken", leaderId: "megan", ...slots.shift()!, requestId: randomUUID() });
      meetingIds.push(meeting.id);
    }
    const followUpIds: string[] = [];
    for (let m = 0; followUpIds.length < WAVES * PER_KIND; m++) {
      const rows = Array.from({ length: 12 }, (_, i) => ({ decision: `Beslutning ${m}.${i}`, followUpText: `Opfølgning ${m}.${i}`, ownerId: "megan", dueDate }));
      await domain.forms.save(alex, meetingIds[m]!, 1, rows, false);
      followUpIds.push(...(await bot.store.db.followUp.findMany({ where: { meetingId: meetingIds[m]! }, select: { id: true } })).map((f) => f.id));
    }
    const formMeetings = meetingIds.slice(withFollowUps); // not yet saved: version 1
    const questions = settings.templates["1-1-ledelsesopfoelgning"].reflection.roles.leader!.questions;
    await bot.close();
    void megan;

    // Each wave: PER_KIND clicks of each writing kind, each on its own subject.
    const expected = { meetings: meetingIds.length, topics: 0, decisions: 12 * withFollowUps, reflections: 0, done: 0 };
    const wave = (w: number) => {
      const out: Record<string, unknown>[] = [];
      for (let i = 0; i < PER_KIND; i++) {
        const slot = slots.shift()!;
        out.push(click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: slot.date, time: slot.time, requestId: randomUUID() }));
        out.push(click(users.megan, "agenda.addTopic", { meetingId: meetingIds[w * PER_KIND + i], topic: `Emne ${w}.${i}` }));
        const formMeeting = formMeetings[w * PER_KIND + i]!;
        out.push(click(users.alex, "form.save", { meetingId: formMeeting, version: 1, rows: [{ decisionId: "", followUpId: "", keep: false }], decision_0: `Besluttet ${w}.${i}`, followup_0: `Følges op ${w}.${i}`, owner_0: "megan", due_0: dueDate }));
        out.push(click(users.megan, "followup.done", { followUpId: followUpIds[w * PER_KIND + i], version: 1 }));
        out.push(click(users.megan, "reflection.send", { meetingId: meetingIds[w * PER_KIND + i], version: 0, ...Object.fromEntries(questions.map((q) => [`q_${q.id}`, `Svar ${w}.${i} på ${q.id}`])) }));
      }
      expected.meetings += PER_KIND;
      expected.topics += PER_KIND;
      expected.decisions += PER_KIND;
      expected.reflections += PER_KIND;
      expected.done += PER_KIND;
      return out;
    };

    /**
     * The latest answer to every click; a click without one, told it is being handled, or told
     * «prøv igen om lidt» (refused, not done: a restarted bot under a burst, decision 0032) goes again.
     */
    const answers = new Map<Record<string, unknown>, string | undefined>();
    const unanswered = () => [...answers].filter(([, a]) => a === undefined || a.includes(strings.generic.stillWorking) || a.includes(strings.overload.busy)).map(([c]) => c);
    const db = testClient(database.url);
    clients.push(db);
    /** Clicks claimed by an attempt that has not answered yet: work in flight. */
    const inFlight = () => db.processedActivity.count({ where: { response: null } });
    let running = await startBot(database.url);
    /** Per kill: how many claims it left without an answer (clicks whose work it cut short). */
    const cutShort: number[] = [];
    for (let w = 0; w < WAVES; w++) {
      // This wave's new clicks, with every click of the last wave again (answered or not), at once.
      const fresh = wave(w);
      const batch = [...answers.keys(), ...fresh];
      // Killed while work is in flight, once this many of the new clicks are answered: early in
      // the first wave, late in the last. (On SQLite a click's work runs in one piece, so the
      // moment is watched for: some click claimed and not yet answered.)
      const killAt = Math.max(1, Math.round(((w + 0.5) / WAVES) * fresh.length));
      let answeredFresh = 0;
      const { proc, port } = running;
      let kill: Promise<void> | undefined;
      const killInFlight = async () => {
        for (let polls = 0; polls < 2000 && proc.exitCode === null && proc.signalCode === null; polls++) {
          if ((await inFlight()) > 0) break;
        }
        proc.kill("SIGKILL");
      };
      const sent = batch.map(async (c) => {
        const answer = await post(port, c);
        answers.set(c, answer);
        if (answer !== undefined && fresh.includes(c) && ++answeredFresh === killAt) kill = killInFlight();
      });
      await Promise.all(sent);
      await kill;
      await exited(proc);
      expect(proc.signalCode).toBe("SIGKILL");
      cutShort.push(await inFlight());
      running = await startBot(database.url);
    }
    try {
      // After the last kill: every click again until each has its answer (Teams retries; so would a person).
      for (let round = 0; round < 10 && unanswered().length > 0; round++) {
        if (round > 0) await new Promise((r) => setTimeout(r, 500));
        await Promise.all(unanswered().map(async (c) => answers.set(c, await post(running.port, c))));
      }
      expect(unanswered()).toEqual([]);
      // Once more, all of them: answered clicks change nothing.
      await Promise.all([...answers.keys()].map((c) => post(running.port, c)));
    } finally {
      running.proc.kill("SIGTERM");
      await exited(running.proc);
    }

    // The kills cut attempts short: claims were left without an answer (the defect as found).
    expect(cutShort.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    // Every answer is the answer to a click that was carried out, never an error.
    const errors = [...answers.values()].filter((a) => !a || /Noget gik galt|ikke længere aktuelt|allerede optaget/.test(a));
    expect(errors).toEqual([]);

    {
      const count = async () => ({
        meetings: await db.meeting.count(),
        topics: await db.agendaItem.count({ where: { kind: "topic" } }),
        decisions: await db.decision.count(),
        reflections: await db.reflection.count({ where: { status: "sent" } }),
        done: await db.followUp.count({ where: { status: "done" } }),
      });
      expect(await count()).toEqual(expected);
      // Exactly once each, not merely as many: one meeting per slot, one topic per text, one follow-up per decision.
      expect((await db.meeting.groupBy({ by: ["startsAt"], _count: { _all: true } })).filter((g) => g._count._all !== 1)).toEqual([]);
      expect((await db.agendaItem.groupBy({ by: ["title"], where: { kind: "topic" }, _count: { _all: true } })).filter((g) => g._count._all !== 1)).toEqual([]);
      expect(await db.followUp.count()).toBe(expected.decisions);
      expect(await db.followUpEvent.count({ where: { kind: "done" } })).toBe(expected.done);
      expect(await db.auditEntry.count({ where: { action: "reflection.sent" } })).toBe(expected.reflections);
      // No claim is left without its answer.
      expect(await db.processedActivity.count({ where: { response: null } })).toBe(0);
      expect(await db.processedActivity.count()).toBe(answers.size);
    }
  }, 180_000);
});
