/**
 * Benchmark 1, answering people: the real server on loopback, driven by autocannon with
 * Teams-shaped activities — `hjælp`, an Action.Execute that writes (mark a follow-up done) and
 * `mine opgaver` for a person with 200 open follow-ups — at 1, 10 and 100 connections. Baseline
 * in the same run: a bare teams-ai Application on the same adapter, answering the same invoke with
 * a fixed card. Under overload the bot refuses what it cannot answer in time (docs/decisions/0032):
 * each response is counted as answered or refused, with the p99 of each.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { Application, TeamsAdapter } from "@microsoft/teams-ai";
import { MemoryStorage, type TurnContext } from "botbuilder";
import { watchStatements } from "./sql-statements.js";
import { pino } from "pino";
import { createBot } from "../../src/bot.js";
import { loadConfig } from "../../src/config.js";
import { LocalConnector } from "./local-connector.js";
import { round } from "./machine.js";
import { strings } from "../../src/lib/strings.da.js";
import type { BenchPerson } from "./activities.js";
import type { LoadJob, LoadOutcome, LoadPlan } from "./load-worker.js";

const MEGAN: BenchPerson = { id: "29:megan", name: "Megan Bowen", aadObjectId: "00000000-0000-0000-0000-0000000000021" };

/**
 * People who type: each in their own chat, as in Teams, where a chat takes at most 8 of the bot's
 * replies in 2 s (decision 0007). A hundred people typing in turn keep every chat far below that,
 * so the typed commands measure the bot, not Teams' limit on one chat.
 */
const TYPISTS = 100;
const typist = (i: number): BenchPerson => ({ id: `29:bench-${i}`, name: `Medarbejder ${i + 1}`, aadObjectId: `10000000-0000-0000-0000-${String(i).padStart(12, "0")}` });

export interface AnsweringOptions {
  connections: number[];
  /** Seconds per scenario and connection count. */
  seconds: number;
  /** Follow-ups prepared for the writing invoke (one per request). */
  writes: number;
}

/** One scenario at one connection count: what the load generator saw, and the bot's statements. */
export interface LoadFigure extends Omit<LoadOutcome, "sent"> {
  scenario: string;
  connections: number;
  /** SQL statements the bot prepared per request (its database work). */
  statementsPerRequest: number;
}

export interface AnsweringResult {
  figures: LoadFigure[];
  /** Writing invoke throughput / bare framework throughput, per connection count. */
  ratioToBare: { connections: number; ratio: number }[];
  /**
   * The writing clicks, as the bot's server saw them: follow-ups marked done; clicks taken into
   * work (`admitted`); of those, answered while their connection was open (`answeredOpen`: the
   * whole answer written) and those whose client had gone before the answer was written
   * (`goneInWork`: in work when autocannon closed its connections). `answered`: what autocannon
   * counted; it closes its connections with answers still unread at each stop, so it counts fewer.
   * done = admitted = answeredOpen + goneInWork: nothing refused or dropped was done, nothing twice.
   */
  written: { done: number; requested: number; answered: number; inWorkAtStop: number; admitted?: number; answeredOpen?: number; goneInWork?: number; concurrency?: number };
}

/** Counts the SQL statements better-sqlite3 prepares in this process (Prisma prepares each query it runs). */
const statements = { count: 0 };
watchStatements(() => (statements.count += 1));

/** A refusal under overload: the «prøv igen om lidt» card for a click, `{"status":"overloaded"}` for a message. */
const REFUSAL_MARKS = ['"status":"overloaded"', strings.overload.busy];

/** Runs one load in the generator's own thread (load-worker.ts) and waits for its figures. */
function load(url: string, serviceUrl: string, connections: number, seconds: number, plan: LoadPlan): Promise<LoadOutcome> {
  const job: LoadJob = { url, serviceUrl, connections, seconds, plan, refusalMarks: REFUSAL_MARKS };
  const worker = new Worker(new URL("./load-worker.mjs", import.meta.url), { workerData: job });
  return new Promise<LoadOutcome>((ok, fail) => {
    worker.once("message", (m: { outcome?: LoadOutcome; error?: string }) => (m.outcome ? ok(m.outcome) : fail(new Error(m.error))));
    worker.once("error", fail);
    worker.once("exit", (code) => fail(new Error(`load generator exited with ${code}`)));
  }).finally(() => void worker.terminate());
}

/** The bare framework: teams-ai on the same adapter, a fixed card for the invoke, nothing else. */
async function bareServer(): Promise<{ url: string; close(): Promise<void> }> {
  const adapter = new TeamsAdapter({});
  const app = new Application({ adapter, storage: new MemoryStorage() });
  const card = { type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: "Markeret som udført." }] };
  app.adaptiveCards.actionExecute("followup.done", async () => card as never);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      void adapter.process({ body, headers: req.headers, method: req.method } as never, botResponse(res) as never, (ctx: TurnContext) => app.run(ctx).then(() => undefined));
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", () => ok()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`, close: () => new Promise<void>((ok) => (server.closeAllConnections(), server.close(() => ok()))) };
}

function botResponse(res: import("node:http").ServerResponse) {
  return {
    socket: res.socket,
    status(code: number) {
      res.statusCode = code;
      return this;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
      return this;
    },
    send(body: unknown) {
      if (body !== undefined && body !== null) res.write(typeof body === "string" ? body : JSON.stringify(body));
      return this;
    },
    end() {
      res.end();
      return this;
    },
  };
}

/**
 * Waits until the bot has nothing in work or waiting (what the dropped connections left) and every
 * request has ended, its answer written or its connection closed (a click's work is over before
 * its answer has left), at most 30 s.
 */
async function settle(bot: { admission: { stats(): { inWork: number; queued: number } } }, unended: () => number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const { inWork, queued } = bot.admission.stats();
    if (inWork === 0 && queued === 0 && unended() === 0) return;
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

export async function answeringBench(o: AnsweringOptions): Promise<AnsweringResult> {
  const dir = mkdtempSync(join(tmpdir(), "laeringsloop-bench-answering-"));
  const connector = await new LocalConnector().start();
  const config = loadConfig({ NODE_ENV: "development", LOG_LEVEL: "silent", DATABASE_URL: `file:${join(dir, "bench.db")}`, SCHEDULER_ENABLED: "false", USER_ACTIONS_PER_MINUTE: "1000000" });
  const bot = await createBot({ config, log: pino({ level: "silent" }), startScheduler: false });
  const bare = await bareServer();
  try {
    const db = bot.store.db;
    await db.meeting.create({
      data: { id: "bench-meeting", kind: "one_on_one", unitId: "solsikken", chairId: "alex", startsAt: new Date("2026-01-05T09:00:00Z"), durationMinutes: 60, status: "closed", participants: { create: [{ personId: "alex", role: "chair" }, { personId: "megan", role: "leader" }] } },
    });
    const followUps = (owner: string, n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}`, meetingId: "bench-meeting", unitId: "solsikken", meetingKind: "one_on_one", text: `Opfølgning ${i + 1}`, ownerId: owner, dueDate: "2030-06-01" }));
    for (let i = 0; i < o.writes; i += 1000) await db.followUp.createMany({ data: followUps("megan", Math.min(1000, o.writes - i), `w${i}`) });
    // The typists: staff of Solsikken, each with 200 open follow-ups of their own for «mine opgaver».
    const typists = Array.from({ length: TYPISTS }, (_, i) => typist(i));
    await db.person.createMany({ data: typists.map((p) => ({ id: p.id.slice(3), aadObjectId: p.aadObjectId, name: p.name })) });
    await db.role.createMany({ data: typists.map((p) => ({ personId: p.id.slice(3), role: "medarbejderrepraesentant", unitId: "solsikken" })) });
    for (const p of typists) await db.followUp.createMany({ data: followUps(p.id.slice(3), 200, `tasks-${p.id.slice(3)}`) });
    const writeIds = (await db.followUp.findMany({ where: { ownerId: "megan" }, select: { id: true }, orderBy: { id: "asc" } })).map((f) => f.id);
    let sent = 0;
    let writesAnswered = 0;
    let inWorkAtStop = 0;
    let admitted = 0;
    let answeredOpen = 0;
    let goneInWork = 0;
    const { port } = await bot.listen(0, "127.0.0.1");
    // How each request ended, seen beside the bot's own handler: its answer written whole, or its
    // connection closed first (dropped by the admission, or its client gone while it was in work).
    const ended = { written: 0, closedFirst: 0 };
    let unended = 0;
    bot.server.on("request", (_req: IncomingMessage, res: ServerResponse) => {
      unended += 1;
      let counted = false;
      const end = (how: "written" | "closedFirst") => {
        if (counted) return;
        counted = true;
        unended -= 1;
        ended[how] += 1;
      };
      res.once("finish", () => end("written"));
      res.once("close", () => end(res.writableFinished ? "written" : "closedFirst"));
    });
    // As in production, where the Teams SDK loads right after the bot is healthy (decision 0030):
    // the measured requests find it loaded rather than wait for it in the admission queue.
    await bot.ready();
    const url = `http://127.0.0.1:${port}/api/messages`;

    const figures: LoadFigure[] = [];
    const ratioToBare: AnsweringResult["ratioToBare"] = [];
    for (const connections of o.connections) {
      const scenarios: [string, string, () => LoadPlan][] = [
        ["hjælp (message)", url, () => ({ kind: "message", text: "hjælp", people: typists })],
        // Each click marks a follow-up not sent before (the worker sends them in order).
        ["mark done (Action.Execute, writes)", url, () => ({ kind: "invoke", verb: "followup.done", people: [MEGAN], followUpIds: writeIds.slice(sent) })],
        ["mine opgaver, 200 follow-ups (message)", url, () => ({ kind: "message", text: "mine opgaver", people: typists })],
        ["bare teams-ai, fixed card (Action.Execute)", bare.url, () => ({ kind: "invoke", verb: "followup.done", people: [MEGAN], followUpIds: ["x"] })],
      ];
      for (const [scenario, target, plan] of scenarios) {
        const before = statements.count;
        const statsBefore = bot.admission.stats();
        const endedBefore = { ...ended };
        const { sent: sentNow, ...figure } = await load(target, connector.url, connections, o.seconds, plan());
        await settle(bot, () => unended);
        if (scenario.startsWith("mark done")) {
          sent += sentNow;
          writesAnswered += figure.answered;
          const stats = bot.admission.stats();
          admitted += stats.admitted - statsBefore.admitted;
          // Closed before its answer was written, and not dropped by the admission: taken into work
          // while its client was there, gone before the work was done.
          const gone = ended.closedFirst - endedBefore.closedFirst - (stats.dropped - statsBefore.dropped);
          goneInWork += gone;
          // Written whole and not a refusal: a click done and answered.
          answeredOpen += ended.written - endedBefore.written - (stats.refused - statsBefore.refused);
          inWorkAtStop += gone;
        }
        figures.push({ scenario, connections, ...figure, statementsPerRequest: round((statements.count - before) / Math.max(1, figure.requests)) });
      }
      const ours = figures.find((f) => f.connections === connections && f.scenario.startsWith("mark done"))!;
      const base = figures.find((f) => f.connections === connections && f.scenario.startsWith("bare"))!;
      ratioToBare.push({ connections, ratio: round(ours.throughput / base.throughput, 2) });
    }
    const done = await db.followUp.count({ where: { ownerId: "megan", status: "done" } });
    return { figures, ratioToBare, written: { done, requested: sent, answered: writesAnswered, inWorkAtStop, admitted, answeredOpen, goneInWork, concurrency: config.admission.concurrency } };
  } finally {
    await bare.close();
    await bot.close();
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
