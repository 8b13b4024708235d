import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pino, type Logger } from "pino";
import { createBot, type Bot } from "../../src/bot.js";
import { loadConfig, type Config } from "../../src/config.js";
import type { Clock } from "../../src/domain/ports.js";
import { cardsOf, FakeConnector } from "./fake-connector.js";
import type { FakeGraph } from "./fake-graph.js";
import { newTestDatabase, type TestDatabase } from "./test-database.js";

const FIXTURES = resolve(import.meta.dirname, "../fixtures/activities");
const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), "utf8"));

/** People of the example organisation (config/organisation.example.yaml). */
export const users = {
  alex: { aadObjectId: "00000000-0000-0000-0000-0000000000020", name: "Alex Wilber", mri: "29:alex" }, // chief of Område Midt
  megan: { aadObjectId: "00000000-0000-0000-0000-0000000000021", name: "Megan Bowen", mri: "29:megan" }, // leader, Solsikken
  lars: { aadObjectId: "00000000-0000-0000-0000-0000000000022", name: "Lars Nørgaard", mri: "29:lars" }, // leader, Kastanjen
  jonas: { aadObjectId: "00000000-0000-0000-0000-0000000000024", name: "Jonas Dahl", mri: "29:jonas" }, // pædagogisk leder, Solsikken
  bo: { aadObjectId: "00000000-0000-0000-0000-0000000000026", name: "Bo Kristensen", mri: "29:bo" }, // board representative, Solsikken
  birthe: { aadObjectId: "00000000-0000-0000-0000-0000000000029", name: "Birthe Møller", mri: "29:birthe" }, // board chair, Kastanjen (selvejende)
  stranger: { aadObjectId: "99999999-0000-0000-0000-000000000000", name: "Ukendt Person", mri: "29:stranger" },
} as const;
export type User = (typeof users)[keyof typeof users];

/**
 * What makes an activity one from a team channel, as Teams sends it: the channel's conversation
 * (with the thread's message id), the team and channel in channelData, the bot's mention in text.
 */
function channelPatch(channel: string, seq: number): Record<string, unknown> {
  return {
    conversation: { conversationType: "channel", isGroup: true, id: `${channel};messageid=17000000000${seq}`, tenantId: "6e1f2a8c-0b3d-4c5e-9f7a-1b2c3d4e5f60" },
    channelData: { team: { id: "19:team-midt@thread.tacv2", name: "Ledelse Område Midt" }, channel: { id: channel }, tenant: { id: "6e1f2a8c-0b3d-4c5e-9f7a-1b2c3d4e5f60" } },
  };
}

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

export interface HarnessOptions {
  now: string;
  env?: Record<string, string>;
  /** Where the bot's log lines go (silent when absent). */
  log?: Logger;
  /**
   * Runs the real scheduler, on crons that do not fire during a test: a change that planned sends
   * starts delivery at once (its kick), and `bot.settled()` waits for it. Without it, tests drive
   * the outbox themselves (`deliver()`).
   */
  scheduler?: boolean;
  /** A local fake Microsoft Graph: proactive installation on, sending to the chats it names through the fake connector. */
  graph?: FakeGraph;
}

/** 1 January, 00:00: does not fire during a test. */
const NEVER = "0 0 1 1 *";

/**
 * The real bot (config, SQLite file, teams-ai Application, HTTP server) on loopback, a fake Bot
 * Connector for what it sends, and Teams-shaped activities from test/fixtures.
 */
export class BotHarness {
  readonly connector = new FakeConnector();
  readonly clock: ManualClock;
  readonly dir = mkdtempSync(join(tmpdir(), "laeringsloop-test-"));
  config!: Config;
  bot!: Bot;
  url = "";
  /** This pass's database (SQLite file or PostgreSQL database), kept across restarts. */
  database?: TestDatabase;
  private seq = 0;
  private extraEnv: Record<string, string> = {};

  constructor(private readonly opts: HarnessOptions) {
    this.clock = new ManualClock(new Date(opts.now));
  }

  static async start(opts: HarnessOptions): Promise<BotHarness> {
    const h = new BotHarness(opts);
    await h.connector.start();
    await h.boot();
    return h;
  }

  /** Starts (or restarts) the bot process on the same database file. */
  async boot(): Promise<void> {
    this.database ??= await newTestDatabase(this.dir, "bot.db");
    this.config = loadConfig({
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      DATABASE_URL: this.database.url,
      SCHEDULER_ENABLED: "false",
      // Tests click much faster than people; the limit itself is tested with a low value.
      USER_ACTIONS_PER_MINUTE: "1000",
      // Admission refuses by the clock of the machine (decision 0032): on a loaded test machine a
      // burst of clicks in a test could wait past the default. Tests of admission set their own.
      ADMISSION_WAIT_MS: "60000",
      ADMISSION_QUEUE: "100000",
      // With bot credentials, the credential check asks the local stand-in for Entra ID, never Microsoft.
      BOT_LOGIN_URL: this.connector.url,
      ...(this.opts.scheduler ? { SCHEDULER_CRON: NEVER, DIGEST_CRON: NEVER, RETENTION_CRON: NEVER, CALENDAR_READBACK_CRON: NEVER } : {}),
      ...(this.opts.graph ? this.opts.graph.env(this.connector.url) : {}),
      ...this.opts.env,
      ...this.extraEnv,
    });
    this.bot = await createBot({ config: this.config, log: this.opts.log ?? pino({ level: "silent" }), clock: this.clock, startScheduler: this.opts.scheduler ?? false });
    // Tests look at what start-up planned: wait for it, as the scheduler does.
    await this.bot.ready();
    const addr = await this.bot.listen(0, "127.0.0.1");
    this.url = `http://127.0.0.1:${addr.port}/api/messages`;
  }

  /** Restarts the bot on the same database, with `env` added to its settings from now on (a changed setting). */
  async restart(env?: Record<string, string>): Promise<void> {
    await this.bot.close();
    if (env) this.extraEnv = { ...this.extraEnv, ...env };
    await this.boot();
  }

  async stop(): Promise<void> {
    await this.bot.close();
    await this.connector.stop();
    await this.database?.drop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  conversationId(user: User): string {
    return `a:personal-${user.aadObjectId}`;
  }

  /** A fixture activity as this user would send it in their personal chat. */
  activity(name: string, user: User, patch: Record<string, unknown> = {}): Record<string, unknown> {
    const a = fixture(name);
    return {
      ...a,
      id: `${a.id as string}-${++this.seq}`,
      serviceUrl: this.connector.url,
      timestamp: this.clock.now().toISOString(),
      from: { ...(a.from as object), id: user.mri, name: user.name, aadObjectId: user.aadObjectId },
      conversation: { ...(a.conversation as object), id: this.conversationId(user) },
      ...patch,
    };
  }

  async post(activity: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
    const res = await fetch(this.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body };
  }

  /** Posts an activity and returns the cards the bot sent to that user's chat because of it. */
  async send(user: User, activity: Record<string, unknown>): Promise<{ status: number; cards: Record<string, unknown>[] }> {
    const before = this.connector.posted.length;
    const { status } = await this.post(activity);
    const cards = this.connector.posted
      .slice(before)
      .filter((p) => p.conversationId === this.conversationId(user))
      .flatMap((p) => cardsOf(p.activity));
    return { status, cards };
  }

  install(user: User) {
    return this.send(user, this.activity("installation-update-add", user));
  }

  say(user: User, text: string, opts: { channel?: string } = {}) {
    return this.send(user, this.activity("message", user, { text, ...(opts.channel ? channelPatch(opts.channel, this.seq) : {}) }));
  }

  /** The bot added to a team by this user: Teams sends installationUpdate in the team's General channel. */
  installInTeam(user: User, channel: string) {
    return this.post(this.activity("installation-update-add", user, channelPatch(channel, this.seq)));
  }

  /** Everything posted in a channel (top-level and in threads), oldest first. */
  channelPosts(channel: string) {
    return this.connector.posted.filter((p) => p.conversationId.split(";")[0] === channel);
  }

  /**
   * Clicks an Action.Execute button: the card's data merged with the inputs, as Teams sends it.
   * Returns the HTTP status, the card that replaces the clicked one, and any new cards posted.
   */
  async click(user: User, verb: string, data: Record<string, unknown> = {}, opts: { replyToId?: string; channel?: string } = {}) {
    const activity = this.activity("invoke-action", user, {
      value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" },
      ...(opts.replyToId ? { replyToId: opts.replyToId } : {}),
      ...(opts.channel ? channelPatch(opts.channel, this.seq) : {}),
    });
    const before = this.connector.posted.length;
    const { status, body } = await this.post(activity);
    const response = body as { statusCode?: number; type?: string; value?: unknown } | undefined;
    const posted = this.connector.posted
      .slice(before)
      .filter((p) => p.conversationId === this.conversationId(user))
      .flatMap((p) => cardsOf(p.activity));
    return {
      status,
      responseType: response?.type,
      card: (response?.type === "application/vnd.microsoft.card.adaptive" ? response.value : undefined) as Record<string, unknown> | undefined,
      /** The short text answer (a message instead of a card), e.g. a refusal that leaves the clicked card as it is. */
      message: (response?.type === "application/vnd.microsoft.activity.message" ? response.value : undefined) as string | undefined,
      posted,
    };
  }

  /** Runs the outbox once, as a scheduler tick would: a pass of the outbox's cards and one of the chairs' calendar events (two jobs in the bot), counts together. */
  async deliver() {
    const [cards, calendars] = await Promise.all([this.bot.delivery.runOnce(), this.bot.delivery.runCalendar()]);
    for (const [k, v] of Object.entries(calendars)) cards[k] = (cards[k] ?? 0) + v;
    return cards;
  }

  /** Runs one of the scheduler's jobs (e.g. "plan-digests") as its cron would, at the clock's time. */
  runJob(name: string) {
    const job = this.bot.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`no job ${name}`);
    return job.run(this.clock.now());
  }
}
