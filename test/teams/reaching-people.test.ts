import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { outboxReport } from "../../src/store/outbox-report.js";
import { BotHarness, users, type User } from "../helpers/bot-harness.js";
import { templatesWithRequiredOneOnOne } from "../helpers/templates.js";
import { cardText } from "../helpers/fake-connector.js";
import { FakeGraph } from "../helpers/fake-graph.js";

/**
 * Issue 19, point 1: nobody fails silently. A card for someone the bot cannot reach waits for them
 * (unreachable.test.ts); the meeting's chair is told once per person, by name, with what to do; and
 * with proactive installation on, the bot installs itself for them through (a local fake of)
 * Microsoft Graph and sends what waited to the chat it found.
 */
const db = (h: BotHarness) => h.bot.store.db;
const PACK = ["Her er dagsordenen til jeres næste 1:1 ledelsesopfølgning.", "Refleksionsguide: 1:1 ledelsesopfølgning"];
const NOTICE = "Megan Bowen kan ikke nås i Teams";
/** The first line of each card posted to a conversation, oldest first. */
const headlines = (h: BotHarness, conversationId: string) => h.connector.cards(conversationId).map((c) => cardText(c).split("\n")[0]);
const chatOf = (h: BotHarness, user: User) => h.conversationId(user);
/** The «cannot be reached» notices Alex got, as text. */
const noticesToAlex = (h: BotHarness) => h.connector.cards(chatOf(h, users.alex)).map(cardText).filter((t) => t.startsWith(NOTICE));

describe("the chair is told once when someone cannot be reached (without Graph)", () => {
  let h: BotHarness;
  afterEach(() => h.stop());

  it("a working day after the first card began to wait: by name, which cards wait, what to do; once, however many cards wait, across restarts", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.alex);
    // Two 1:1s with Megan, who has never opened Læringsloop. Both packs fall due Wednesday 08:00.
    await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-25", time: "10:00" });
    await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-25", time: "13:00" });
    h.clock.set("2027-01-20T08:00:00+01:00");
    expect(await h.deliver()).toEqual({ sent: 4, waiting: 4 });
    expect(noticesToAlex(h)).toEqual([]);

    // Not yet an hour later: an install may be on its way.
    h.clock.set("2027-01-20T09:00:01+01:00");
    expect(await h.deliver()).toEqual({ waiting: 4 });
    expect(noticesToAlex(h)).toEqual([]);

    await h.restart();
    // Thursday 08:00, a working day on: Alex is told, once.
    h.clock.set("2027-01-21T08:00:00+01:00");
    expect(await h.deliver()).toEqual({ waiting: 4, sent: 1 });
    const [notice, ...more] = noticesToAlex(h);
    expect(more).toEqual([]);
    expect(notice).toContain("Læringsloop kan ikke sende til **Megan Bowen**: appen er ikke installeret for Megan Bowen i Teams endnu.");
    expect(notice).toContain("Disse kort venter på Megan Bowen:");
    expect(notice).toContain(
      "- dagsorden og refleksionsguide til 1:1 ledelsesopfølgningen mandag den 25. januar 2027 kl. 10.00\n- dagsorden og refleksionsguide til 1:1 ledelsesopfølgningen mandag den 25. januar 2027 kl. 13.00",
    );
    expect(notice).toContain("De venter til fredag den 22. januar 2027 kl. 15.30 og sendes ikke derefter.");
    expect(notice).toContain("Bed Megan Bowen om at åbne Læringsloop i Teams (Apps → Læringsloop)");
    expect(notice).toContain("forhåndsinstallere Læringsloop for alle, der skal bruge den, med en opsætningspolitik i Teams Admin Center");

    // Her cards keep waiting hourly; nobody is told again, also after a restart.
    for (const at of ["2027-01-21T09:00:01+01:00", "2027-01-21T10:00:02+01:00"]) {
      h.clock.set(at);
      expect(await h.deliver()).toEqual({ waiting: 4 });
    }
    await h.restart();
    h.clock.set("2027-01-21T11:00:03+01:00");
    expect(await h.deliver()).toEqual({ waiting: 4 });
    expect(noticesToAlex(h)).toHaveLength(1);

    // npm run status lists her: how many cards wait, since when, never reached, Alex told.
    const { unreachable } = await outboxReport(db(h), h.clock.now());
    expect(unreachable).toEqual([
      {
        personId: "megan",
        waiting: 4,
        since: new Date("2027-01-20T08:00:00+01:00"),
        conversation: { state: "never" },
        install: undefined,
        told: [{ to: "alex", status: "sent", at: new Date("2027-01-21T08:00:00+01:00"), reason: undefined }],
      },
    ]);
  });

  it("at once when the meeting is within two working days; a second notice only after she was reachable and is not again", async () => {
    // The 1:1 guide's questions made required: only such a guide is chased by a reflection reminder.
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00", env: { TEMPLATES_DIR: templatesWithRequiredOneOnOne() } });
    await h.install(users.alex);
    await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-13", time: "10:00" });
    const first = await h.deliver();
    const second = await h.deliver();
    expect({ sent: (first.sent ?? 0) + (second.sent ?? 0) }).toEqual({ sent: 3 }); // Alex's pack, and the notice
    expect(noticesToAlex(h)).toHaveLength(1);

    // She opens Læringsloop: her pack goes, and she is reachable.
    await h.install(users.megan);
    expect(await h.deliver()).toEqual({ sent: 2 });
    // Later Teams refuses her chat (she removed the app): a new spell, so Alex is told again, once.
    h.clock.set("2027-01-12T09:00:00+01:00");
    h.connector.beforePost = (conversationId) => (conversationId === chatOf(h, users.megan) ? { status: 403 } : undefined);
    await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-14", time: "13:00" });
    await h.deliver();
    await h.deliver();
    h.clock.set("2027-01-12T10:00:01+01:00");
    await h.deliver();
    const notices = noticesToAlex(h);
    expect(notices).toHaveLength(2);
    expect(notices[1]).toContain("Teams afviser at levere til **Megan Bowen**: appen er fjernet eller blokeret, eller chatten kan ikke nås lige nu.");
    expect(notices[1]).toContain("Bed Megan Bowen om at åbne Læringsloop i Teams igen (Apps → Læringsloop)");
    // What waits now: the new pack, and the reminder about her reflection for tomorrow's meeting
    // (its pack went while she was reachable).
    expect(notices[1]).toContain(
      "- påmindelse om refleksionen til 1:1 ledelsesopfølgningen onsdag den 13. januar 2027 kl. 10.00\n- dagsorden og refleksionsguide til 1:1 ledelsesopfølgningen torsdag den 14. januar 2027 kl. 13.00",
    );
  });

  it("a chair's own cards: nobody else is told, and status says so", async () => {
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00" });
    await h.install(users.megan);
    // Alex plans from a card without the bot ever having his chat (no install, no message).
    await h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-13", time: "10:00" });
    expect(await h.deliver()).toEqual({ sent: 2, waiting: 2 });
    expect(await h.deliver()).toEqual({});
    expect(await db(h).notification.count({ where: { kind: "person_unreachable" } })).toBe(0);
    const { unreachable } = await outboxReport(db(h), h.clock.now());
    expect(unreachable.map((u) => [u.personId, u.waiting, u.told])).toEqual([["alex", 2, []]]);
  });
});

describe("proactive installation through Microsoft Graph (a local fake Graph)", () => {
  const graph = new FakeGraph();
  let h: BotHarness;
  let warnings: string[] = [];
  const MEGAN = users.megan.aadObjectId;

  beforeAll(async () => {
    await graph.start();
  });
  afterAll(() => graph.stop());
  beforeEach(async () => {
    graph.calls.length = 0;
    graph.installed.clear();
    graph.forbidden.clear();
    graph.unknownUsers.clear();
    graph.failNext.length = 0;
    warnings = [];
    const log = pino(
      { level: "warn" },
      new Writable({
        write(chunk: Buffer, _e, done) {
          warnings.push(chunk.toString("utf8"));
          done();
        },
      }),
    );
    // The 1:1 guide's questions made required: only such a guide is chased by a reflection reminder.
    h = await BotHarness.start({ now: "2027-01-11T09:00:00+01:00", graph, log, env: { TEMPLATES_DIR: templatesWithRequiredOneOnOne() } });
    await h.install(users.alex);
  });
  afterEach(() => h.stop());

  /** A 1:1 with Megan whose pack falls due now (the meeting is in two days). */
  const planWithMegan = () => h.click(users.alex, "schedule.submit", { leader: "solsikken/megan", date: "2027-01-13", time: "10:00" });

  it("installs the app for her once, reads the chat, stores its reference and sends the waiting pack there; Teams' own install activity after it does not fight", async () => {
    await planWithMegan();
    expect(await h.deliver()).toEqual({ sent: 2, waiting: 2 });
    // The install job (next pass): installed, and the pack that waited goes to the chat Graph named.
    expect(await h.deliver()).toEqual({ installed: 1, sent: 2 });
    expect(graph.installsFor(MEGAN)).toEqual({ made: 1, conflicts: 0 });
    expect(graph.calls.filter((c) => c.path.startsWith("/v1.0")).map((c) => `${c.method} ${c.status}`)).toEqual(["POST 201", "GET 200", "GET 200"]);
    const chat = graph.chatId(MEGAN);
    expect(await h.bot.store.conversations.get("megan")).toMatchObject({ conversationId: chat, serviceUrl: h.connector.url, tenantId: graph.tenantId, active: true });
    expect(headlines(h, chat)).toEqual(PACK);
    expect(await db(h).notification.findFirstOrThrow({ where: { kind: "app_install" } })).toMatchObject({ personId: "megan", status: "sent", lastError: null });

    // Teams tells the bot it was installed: she is greeted once, her chat as Teams names it is kept,
    // and nothing is sent twice.
    const { cards } = await h.install(users.megan);
    expect(cards.map((c) => cardText(c).split("\n")[0])).toEqual(["Velkommen til Læringsloop"]);
    expect(await h.bot.store.conversations.get("megan")).toMatchObject({ conversationId: chatOf(h, users.megan), active: true });
    h.clock.set("2027-01-11T09:20:00+01:00");
    // The notice to Alex (held back while the install was on its way) is not sent: she is reachable.
    expect(await h.deliver()).toEqual({ cancelled: 1 });
    expect(noticesToAlex(h)).toEqual([]);
    expect(headlines(h, chat)).toEqual(PACK);
    expect(graph.installsFor(MEGAN)).toEqual({ made: 1, conflicts: 0 });
  });

  it("an attempt that stored her chat and died before it was done: the next finds her reachable, asks Graph nothing, and the pack goes", async () => {
    await planWithMegan();
    expect(await h.deliver()).toEqual({ sent: 2, waiting: 2 });
    // What the dead attempt left: the chat stored, the pack not woken, the job not marked done.
    const chat = graph.chatId(MEGAN);
    const reference = {
      channelId: "msteams",
      serviceUrl: h.connector.url,
      conversation: { id: chat, conversationType: "personal", tenantId: graph.tenantId },
      user: { id: MEGAN, aadObjectId: MEGAN, role: "user" },
      bot: { id: `28:${graph.clientId}`, role: "bot" },
    };
    await h.bot.store.conversations.saveIfNone({ personId: "megan", conversationId: chat, serviceUrl: h.connector.url, tenantId: graph.tenantId, reference });
    expect(await h.deliver()).toEqual({ cancelled: 1 });
    expect(await h.deliver()).toEqual({ sent: 2 });
    expect(await db(h).notification.findFirstOrThrow({ where: { kind: "app_install" } })).toMatchObject({ status: "cancelled", lastError: "reachable" });
    expect(graph.calls.filter((c) => c.path.startsWith("/v1.0"))).toEqual([]);
    expect(headlines(h, chat)).toEqual(PACK);
  });

  it("409 (installed already): the chat is read, the reference stored, the pack goes", async () => {
    graph.installed.set(MEGAN, "installed-by-a-setup-policy");
    await planWithMegan();
    await h.deliver();
    expect(await h.deliver()).toEqual({ installed: 1, sent: 2 });
    expect(graph.installsFor(MEGAN)).toEqual({ made: 0, conflicts: 1 });
    expect(headlines(h, graph.chatId(MEGAN))).toEqual(PACK);
    expect(await db(h).notification.findFirstOrThrow({ where: { kind: "app_install" } })).toMatchObject({ status: "sent", lastError: "already-installed" });
  });

  it("403 (not permitted) is explained: logged with the reason, shown by status, and Alex is told at once what IT must do; tried again the next day", async () => {
    graph.forbidden.add(MEGAN);
    await planWithMegan();
    await h.deliver();
    expect(await h.deliver()).toEqual({ failed: 1 });
    expect(await db(h).notification.findFirstOrThrow({ where: { kind: "app_install" } })).toMatchObject({ status: "failed", lastError: "forbidden (Forbidden)" });
    const warning = warnings.map((w) => JSON.parse(w) as Record<string, unknown>).find((w) => w.personId === "megan");
    expect(warning).toMatchObject({ reason: "forbidden (Forbidden)", msg: expect.stringContaining("not permitted (admin consent for TeamsAppInstallation.ReadWriteSelfForUser.All missing, or an app policy blocks the app)") });

    // The notice waits for nothing now: Alex gets it at the next look.
    expect(await h.deliver()).toEqual({ sent: 1 });
    const [notice] = noticesToAlex(h);
    expect(notice).toContain("Læringsloop kunne ikke installeres automatisk for **Megan Bowen**: Microsoft Graph svarede, at det ikke er tilladt");
    expect(notice).toContain("Bed IT om at give administratorsamtykke til tilladelsen TeamsAppInstallation.ReadWriteSelfForUser.All");
    const [u] = (await outboxReport(db(h), h.clock.now())).unreachable;
    expect(u).toMatchObject({ personId: "megan", waiting: 2, conversation: { state: "never" }, install: { status: "failed", reason: "forbidden (Forbidden)" }, told: [{ to: "alex", status: "sent" }] });

    // IT puts it right; the next day the bot tries again (once), and the pack goes.
    graph.forbidden.clear();
    // (By then her reminder about the reflection, due this morning, waits with the pack.)
    h.clock.set("2027-01-12T08:00:00+01:00");
    expect(await h.deliver()).toEqual({ waiting: 3 });
    expect(await h.deliver()).toEqual({ installed: 1, sent: 3 });
    expect(graph.installsFor(MEGAN)).toEqual({ made: 1, conflicts: 0 });
    expect(headlines(h, graph.chatId(MEGAN)).slice(0, 2)).toEqual(PACK);
    expect(noticesToAlex(h)).toHaveLength(1);
  });

  it("404 (Graph does not know her): Alex is told the user is unknown", async () => {
    graph.unknownUsers.add(MEGAN);
    await planWithMegan();
    await h.deliver();
    expect(await h.deliver()).toEqual({ failed: 1 });
    expect(await h.deliver()).toEqual({ sent: 1 });
    expect(noticesToAlex(h)[0]).toContain("Microsoft Graph kender ikke brugeren");
  });

  it("429 with Retry-After: the install waits as long as Graph asked, then goes on", async () => {
    graph.failNext.push({ method: "POST", path: "/teamwork/installedApps", status: 429, retryAfter: 1 });
    await planWithMegan();
    await h.deliver();
    expect(await h.deliver()).toEqual({ installed: 1, sent: 2 });
    const posts = graph.callsTo("POST", "/teamwork/installedApps");
    expect(posts.map((p) => p.status)).toEqual([429, 201]);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(1000);
  });
});
