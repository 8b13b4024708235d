import { logError } from "./lib/log-safe.js";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import type { Logger } from "pino";
import type { Config } from "./config.js";
import { createDeliveryService } from "./domain/delivery-service.js";
import { systemClock, type AppInstaller, type CalendarGateway, type Clock, type MailGateway, type Messenger } from "./domain/ports.js";
import type { DomainSettings } from "./domain/settings.js";
import { createDomainServices } from "./domain/services.js";
import { loadTemplates, warmTemplates } from "./cards/template.js";
import { createWorkingCalendar } from "./lib/working-calendar.js";
import { deliverNotificationsJob, DELIVER_NOTIFICATIONS, syncCalendarsJob, SYNC_CALENDARS } from "./scheduler/jobs/deliver-notifications.js";
import { pruneActivityLogJob } from "./scheduler/jobs/prune-activity-log.js";
import { calendarReadBackJob } from "./scheduler/jobs/calendar-read-back.js";
import { createCalendarReadBackService } from "./domain/calendar-read-back-service.js";
import { planDigestsJob } from "./scheduler/jobs/plan-digests.js";
import { planLoopSummariesJob } from "./scheduler/jobs/plan-loop-summaries.js";
import { retentionJob } from "./scheduler/jobs/retention.js";
import { checkCredentialJob, CHECK_CREDENTIAL } from "./scheduler/jobs/check-credential.js";
import { createCredentialService } from "./domain/credential-service.js";
import { createRetentionService } from "./domain/retention-service.js";
import { channelDigestJob, channelStatusJob } from "./scheduler/jobs/channels.js";
import { createChannelPublisher } from "./teams/channel-publisher.js";
import { createCalendarFileHandler, createDownloadHandler, createReferatFileHandler } from "./teams/download.js";
import { AppError } from "./lib/errors.js";
import { createRateLimit } from "./lib/rate-limit.js";
import { PACKAGE_ROOT } from "./lib/package-root.js";
import { goneFromThisHost, instanceId } from "./lib/instance-id.js";
import { atTheWire, createPacer, TEAMS_CONVERSATION_LIMITS, TEAMS_LATE_MS, TEAMS_TENANT_LIMITS, withHeadroom } from "./lib/pacer.js";
import { strings } from "./lib/strings.da.js";
import { startScheduler, type Scheduler } from "./scheduler/scheduler.js";
import { createStore } from "./store/index.js";
import { openDatabase } from "./store/database.js";
import { readOrganisationFile } from "./store/organisation-file-loader.js";
import { readTemplates } from "./store/template-loader.js";
import type { TemplateSet } from "./domain/meeting-template.js";
import { createActivityClaims } from "./teams/activity-claim.js";
import type { TeamsDeps } from "./teams/deps.js";
import type { createProactive } from "./teams/proactive.js";
import { createGraphAppInstaller } from "./graph/app-installer.js";
import { createGraphClient } from "./graph/graph-client.js";
import { createGraphCalendarGateway } from "./graph/calendar-gateway.js";
import { createCardCopies } from "./teams/card-copies.js";
import { createHttpServer } from "./teams/server.js";
import { createAdmission } from "./teams/admission.js";
import { basePathOf, createGuestPage } from "./web/guest-page.js";
import { createViews } from "./teams/views.js";

/**
 * After listening, the bot loads what only its first requests need (the Teams SDK, the card
 * template engine) once /healthz has answered healthy, or this long after it began listening,
 * whichever comes first (decision 0030).
 */
const WARM_AFTER_MS = 500;

/** How often each instance says it is alive (instance-registry). */
const HEARTBEAT_MS = 1_000;
/**
 * An instance is counted while its last beat is younger than this: one killed on another host
 * keeps the others at their smaller share this long (the safe side); one on this host is known
 * gone at the next beat (src/lib/instance-id.ts).
 */
const SEEN_WITHIN_MS = 15_000;
/** A beat may come this much late (a busy event loop, a slow database). */
const HEARTBEAT_MARGIN_MS = 1_000;

/** This process among the bot's instances (host, pid and a random part: pids repeat across containers). */
const INSTANCE_ID = instanceId();

/** The example organisation shipped with the repo, used when ORG_FILE is not set. */
export const EXAMPLE_ORG_FILE = resolve(PACKAGE_ROOT, "config/organisation.example.yaml");

/** The meeting templates shipped with the repo, used when TEMPLATES_DIR is not set. */
export const DEFAULT_TEMPLATES_DIR = resolve(PACKAGE_ROOT, "config/templates");

/** The domain's settings, from config (reads and validates the template files). */
export function domainSettings(config: Config, templates: TemplateSet = readTemplates(config.templatesDir ?? DEFAULT_TEMPLATES_DIR)): DomainSettings {
  return {
    calendar: createWorkingCalendar({
      tz: config.timezone,
      workdays: config.workingHours.workdays,
      dayStart: config.workingHours.start,
      dayEnd: config.workingHours.end,
      closedDays: config.workingHours.closedDays,
      closedPeriods: config.workingHours.closedPeriods,
    }),
    meetingBufferMinutes: config.meetingBufferMinutes,
    timezone: config.timezone,
    meetingPackLeadDays: config.meetingPackLeadDays,
    meetingReopenDays: config.meetingReopenDays,
    referatApprovalOneToOne: config.referatApprovalOneToOne,
    followUpDueSoonDays: config.followUpDueSoonDays,
    boardStatementDays: config.boardStatementDays,
    intentionCeiling: config.intentionCeiling,
    templates,
    maxTextLength: config.maxTextLength,
    channelDigest: config.channelDigest,
    calendarSync: { mode: config.calendarSync, botId: config.bot?.appId, lockMs: config.scheduler.leaseMs },
    guestLinks: { secret: config.guestLinks.secret, days: config.guestLinks.days, publicUrl: config.publicUrl },
  };
}

/**
 * The chairs' calendars through Microsoft Graph, when CALENDAR_SYNC=graph (config checked the
 * credentials); with GUEST_LINK_MAIL=graph also mail from their mailboxes, in the same per-mailbox share.
 */
function createCalendarGateway(config: Config, log: Logger, instances: () => number): (CalendarGateway & { mail?: MailGateway }) | undefined {
  if (config.calendarSync !== "graph" || !config.graph) return undefined;
  const graphLog = log.child({ component: "graph-calendar" });
  // Waits of at most 15 s inside a call; Graph asking for longer is the outbox's to wait (0018).
  const graph = createGraphClient({ ...config.graph, timeoutMs: config.outboundTimeoutMs, maxAttempts: 3, maxWaitMs: 15_000, log: graphLog });
  // sendMail is tried once a call: a retry after a lost answer would be a second mail (decision 0025).
  const mailGraph = config.guestLinkMail === "graph" ? createGraphClient({ ...config.graph, timeoutMs: config.outboundTimeoutMs, maxAttempts: 1, log: log.child({ component: "graph-mail" }) }) : undefined;
  return createGraphCalendarGateway({ graph, mailGraph, log: graphLog, share: instances });
}

/** Proactive installation through Microsoft Graph, when PROACTIVE_INSTALL=on (config checked the settings it needs). */
function createInstaller(config: Config, log: Logger): AppInstaller | undefined {
  if (!config.proactiveInstall || !config.graph) return undefined;
  const graphLog = log.child({ component: "graph" });
  // An install is three calls; with three attempts each and waits of at most 15 s it stays inside
  // the outbox's lease (300 s by default), so no other instance takes the job while it runs.
  const graph = createGraphClient({ ...config.graph, timeoutMs: config.outboundTimeoutMs, maxAttempts: 3, maxWaitMs: 15_000, log: graphLog });
  return createGraphAppInstaller({
    graph,
    catalogAppId: config.proactiveInstall.catalogAppId,
    botAppId: config.bot?.appId ?? "",
    tenantId: config.bot?.tenantId ?? config.graph.tenantId,
    serviceUrl: config.proactiveInstall.serviceUrl,
    log: graphLog,
  });
}

export interface BotOptions {
  config: Config;
  log: Logger;
  clock?: Clock;
  /** Tests drive the outbox themselves; production ticks with node-cron. */
  startScheduler?: boolean;
}

export type Bot = Awaited<ReturnType<typeof createBot>>;

/** Wires everything: store → domain services → Teams app → scheduler → HTTP server. */
export async function createBot({ config, log, clock = systemClock, startScheduler: withScheduler = config.scheduler.enabled }: BotOptions) {
  loadTemplates();
  const settings = domainSettings(config);
  const { db, dialect, applied } = await openDatabase(config.databaseUrl, { poolSize: config.databasePoolSize, sqliteSynchronous: config.sqliteSynchronous });
  if (applied.length > 0) log.info({ dialect, migrations: applied }, "database migrated");
  const store = createStore(db, dialect);

  // Teams' limits are per bot and tenant: with several instances on one database, each keeps to
  // its share. They count each other by heartbeat (a new one is counted within HEARTBEAT_MS); one
  // killed on this same host stops counting at the next beat, one elsewhere after SEEN_WITHIN_MS.
  let instances = 1;
  const beat = async () => {
    const now = clock.now();
    const seen = await store.instances.beat(INSTANCE_ID, now, new Date(now.getTime() - SEEN_WITHIN_MS), (other) => goneFromThisHost(other, INSTANCE_ID));
    if (seen !== instances) log.info({ instances: seen }, "bot instances sharing Teams' rate limits");
    instances = seen;
  };

  // Start-up's own reads and writes; a start that fails here closes the database again.
  const { toReassign, domain } = await (async () => {
    const orgFile = config.orgFile ?? EXAMPLE_ORG_FILE;
    const summary = await store.people.applyOrganisation(readOrganisationFile(orgFile));
    const { toReassign, keptLoops, ...counts } = summary; // names stay out of the log
    log.info({ orgFile, example: !config.orgFile, ...counts, keptLoops: keptLoops.map((l) => l.id), peopleWithOpenFollowUpsToReassign: toReassign.length }, config.orgFile ? "organisation loaded" : "example organisation loaded (ORG_FILE not set)");

    const calendarGateway = createCalendarGateway(config, log, () => instances);
    const domain = createDomainServices(
      { ...store, installer: createInstaller(config, log), calendarGateway, mailGateway: calendarGateway?.mail, log: log.child({ component: "guest-link-mail" }) },
      clock,
      settings,
    );
    const refreshed = await domain.meetings.refreshTemplates();
    if (refreshed > 0) log.info({ meetings: refreshed }, "meetings not yet sent now follow the changed templates");
    await beat();
    // Others already running count this one only at their next beat: until then they send at
    // their whole share, and so nothing is sent from here (the scheduler waits; see `ready`).
    if (instances > 1) log.info({ instances, waitMs: HEARTBEAT_MS + HEARTBEAT_MARGIN_MS }, "other bot instances run: sending starts once they count this one");
    return { toReassign, domain };
  })().catch(async (err: unknown) => {
    await db.$disconnect().catch(() => undefined);
    throw err;
  });

  let beating: Promise<void> = Promise.resolve();
  let inBeat = false;
  const heartbeat = setInterval(() => {
    // A beat still on its way (a slow database) is not joined by another.
    if (inBeat) return;
    inBeat = true;
    beating = beat()
      .catch((err: unknown) => logError(log, err, "heartbeat not recorded"))
      .finally(() => (inBeat = false));
  }, HEARTBEAT_MS);
  heartbeat.unref();
  // One pacer for the process: proactive sends take their turn before they are noted, and
  // botbuilder's own retries take theirs in the connector's transport.
  // Turns on a grid (50 per 1.015 s), checked again where each request leaves (decision 0007).
  const pacer = createPacer({
    conversation: withHeadroom(TEAMS_CONVERSATION_LIMITS),
    tenant: withHeadroom(TEAMS_TENANT_LIMITS),
    lateMs: TEAMS_LATE_MS,
    wire: { conversation: atTheWire(TEAMS_CONVERSATION_LIMITS), tenant: atTheWire(TEAMS_TENANT_LIMITS) },
    share: () => instances,
  });
  const services = { config, clock, ...domain };
  const views = createViews(services);
  // The Teams SDK (teams-ai's Application with its AI and auth modules, botbuilder) is the larger
  // part of a start: it loads on first use, and right after the bot is healthy (decision 0030).
  // Everything that talks to Teams reaches it through `teams()`; nothing is sent before it is loaded.
  type TeamsPart = { adapter: Awaited<ReturnType<typeof import("./teams/adapter.js")["createAdapter"]>>; proactive: ReturnType<typeof createProactive>; app: Awaited<ReturnType<typeof import("./teams/app.js")["createTeamsApp"]>> };
  let teamsPart: Promise<TeamsPart> | undefined;
  let teamsLoaded: TeamsPart | undefined;
  const teams = () =>
    (teamsPart ??= (async () => {
      const t0 = Date.now();
      const [{ createAdapter }, { createProactive }, { createTeamsApp }] = await Promise.all([import("./teams/adapter.js"), import("./teams/proactive.js"), import("./teams/app.js")]);
      const adapter = createAdapter(config, pacer, log);
      const proactive = createProactive({
        adapter,
        botAppId: config.bot?.appId ?? "",
        views,
        people: store.people,
        sentCards: store.sentCards,
        serviceUrlHosts: config.serviceUrlHosts,
        pacer,
        log: log.child({ component: "proactive" }),
      });
      teamsLoaded = { adapter, proactive, app: createTeamsApp(adapter, deps, views) };
      log.info({ ms: Date.now() - t0 }, "Teams SDK loaded");
      return teamsLoaded;
    })().catch((err: unknown) => {
      teamsPart = undefined; // the next request tries again
      throw err;
    }));
  // The same calls as proactive's, each loading the Teams part first (a no-op once it is loaded).
  const proactive: Pick<ReturnType<typeof createProactive>, "postCard" | "updateCard" | "statusOf"> & { messenger: Messenger } = {
    messenger: { deliver: async (...args) => (await teams()).proactive.messenger.deliver(...args) },
    postCard: async (...args) => (await teams()).proactive.postCard(...args),
    updateCard: async (...args) => (await teams()).proactive.updateCard(...args),
    // Asked only about an error of a call above, so the Teams part is loaded by then.
    statusOf: (err) => teamsLoaded?.proactive.statusOf(err),
  };
  const delivery = createDeliveryService({
    notifications: store.notifications,
    conversations: store.conversations,
    followUps: store.followUps,
    meetings: store.meetings,
    reflections: store.reflections,
    boardStatements: store.boardStatements,
    digests: domain.digests,
    reach: domain.reach,
    calendarSync: domain.calendarSync,
    guestLinkMail: domain.guestLinkMail,
    guestLinks: domain.guestLinks,
    people: store.people,
    preferences: store.preferences,
    messenger: proactive.messenger,
    clock,
    calendar: settings.calendar,
    leaseMs: config.scheduler.leaseMs,
    log: log.child({ job: DELIVER_NOTIFICATIONS }),
  });

  const publisher = createChannelPublisher({
    channels: domain.channels,
    channelLinks: store.channelLinks,
    proactive,
    views,
    log: log.child({ component: "channels" }),
    now: () => clock.now(),
  });

  let scheduler: Scheduler | undefined;
  let closed = false;
  const background = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    const q = p.catch((err: unknown) => logError(log, err, "background work failed"));
    background.add(q);
    void q.finally(() => background.delete(q));
  };

  /** The outbox (and the calendar's rows) worked now, not at the next tick. */
  const kickDelivery = () => {
    scheduler?.kick(DELIVER_NOTIFICATIONS);
    if (domain.calendarSync.on) scheduler?.kick(SYNC_CALENDARS);
  };
  const cardCopies = createCardCopies({
    views,
    sentCards: store.sentCards,
    people: store.people,
    conversations: store.conversations,
    meetings: store.meetings,
    units: store.units,
    followUps: store.followUps,
    updateCard: proactive.updateCard,
    statusOf: proactive.statusOf,
    kickDelivery,
    inBackground: track,
    log: log.child({ component: "card-copies" }),
  });

  const deps: TeamsDeps = {
    ...services,
    log,
    activityLog: createActivityClaims({ activityLog: store.activityLog, leaseMs: config.activityLeaseMs, log }),
    actionLimit: createRateLimit(config.userActionsPerMinute, 60_000),
    cardCopies,
    publishChannelStatus: (link) => publisher.publishStatus(link, { force: true }),
    retireChannelStatus: (link, areaName) => publisher.retire(link, areaName),
    async sendToPerson(personId, card) {
      const ref = await store.conversations.get(personId);
      if (!ref?.active) throw new AppError("invalid-input", strings.channel.exportNoChat);
      await proactive.postCard(ref, await card());
    },
  };
  // The bot's credential, checked at start and hourly (never in local anonymous mode: there is none).
  const bot = config.bot;
  // Made once, on the first check (each check then uses the same probe, as before the lazy load).
  let credentialProbe: ReturnType<typeof import("./teams/credential-probe.js")["createCredentialProbe"]> | undefined;
  const credentials = bot
    ? createCredentialService({
        appId: bot.appId,
        // Its module knows the Teams SDK's constants: loaded when the first check runs.
        probe:
          bot.password && bot.type !== "UserAssignedMSI"
            ? async () => (credentialProbe ??= (await import("./teams/credential-probe.js")).createCredentialProbe(bot, config.outboundTimeoutMs))()
            : undefined,
        checks: store.credentialChecks,
        clock,
        log: log.child({ job: CHECK_CREDENTIAL }),
        secretExpires: bot.secretExpires,
        timezone: config.timezone,
      })
    : undefined;
  // The page of a person outside Teams (/m/<token>): the same services, its effects to the same runner as a click's.
  const guestPage = createGuestPage({
    resolve: domain.guestLinks.resolve,
    meetings: domain.meetings,
    reflections: domain.reflections,
    boardStatements: domain.boardStatements,
    forms: domain.forms,
    referatApprovals: domain.referatApprovals,
    focusAreas: domain.focusAreas,
    applyEffects: (effects) => cardCopies.apply(effects),
    clock,
    timezone: config.timezone,
    maxTextLength: config.maxTextLength,
    boardStatementDays: config.boardStatementDays,
    basePath: basePathOf(config.publicUrl),
    log,
  });
  // What only the first requests need, loaded once the bot is healthy (see WARM_AFTER_MS), and the
  // credential's first check. The scheduler starts after it, so no outbox lease runs out while the
  // Teams SDK loads.
  let warmed = false;
  let warmedUp: () => void = () => undefined;
  const warmedUpOrClosed = new Promise<void>((ok) => (warmedUp = ok));
  const warm = () => {
    if (warmed || closed) return;
    warmed = true;
    setImmediate(() => {
      try {
        warmTemplates();
      } catch (err) {
        logError(log, err, "card templates not prepared");
      }
      track(teams().finally(warmedUp));
      // The credential's first check (its module loads the Teams SDK's authentication constants).
      if (credentials) track(credentials.check());
    });
  };
  // Overload: a bounded amount of work at once, late clicks answered «prøv igen om lidt» (0032).
  const admission = createAdmission(config.admission, { log });
  const server = createHttpServer({ teams, onHealthy: warm, log, admission, healthy: store.healthy, credentialHealth: credentials?.health, download: createDownloadHandler(domain.downloads), referatFile: createReferatFileHandler(domain.referatFiles, clock, config.timezone), calendarFile: createCalendarFileHandler(domain.calendars), guestPage });

  // CALENDAR_SYNC=graph: what the chairs change in Outlook, followed; its effects go where a click's go.
  const calendarGateway = domain.calendarSync.gateway;
  const calendarReadBack = calendarGateway
    ? createCalendarReadBackService({ events: store.calendarEvents, gateway: calendarGateway, meetingRepo: store.meetings, meetings: domain.meetings, people: store.people, notifications: store.notifications, calendarSync: domain.calendarSync, clock, lockMs: config.scheduler.leaseMs, log: log.child({ job: "calendar-read-back" }) })
    : undefined;
  const jobs = [
    deliverNotificationsJob(delivery),
    // Always there: rows planned while CALENDAR_SYNC was graph still end (as having nothing to do) after a switch.
    syncCalendarsJob(delivery),
    ...(calendarReadBack
      ? [
          calendarReadBackJob(
            {
              async run() {
                const r = await calendarReadBack.run();
                cardCopies.apply(r.effects);
                return r;
              },
            },
            config.scheduler.calendarReadBackCron,
          ),
        ]
      : []),
    planDigestsJob(domain.digests, config.scheduler.digestCron),
    planLoopSummariesJob(domain.loopSummaries, config.scheduler.digestCron),
    channelStatusJob(publisher),
    channelDigestJob(publisher),
    pruneActivityLogJob(store.activityLog, () => store.optimize()),
    ...(credentials ? [checkCredentialJob(credentials)] : []),
    retentionJob(createRetentionService({ retention: store.retention, clock, log: log.child({ job: "retention" }), settings: { timezone: config.timezone, retentionMonthsAfterLoop: config.retention.monthsAfterLoop } }), config.retention.cron),
  ];
  // Planning that may take a while on a big database runs while the bot already answers people
  // (npm run bench: 50,000 open follow-ups kept it from listening for about 20 s). Nothing is sent
  // before it is done: the scheduler starts after it. Every sent row is checked again when due.
  const planned = (async () => {
    const t0 = Date.now();
    // People who left with open follow-ups: their chiefs get one card to give them to someone else.
    if (toReassign.length > 0) await domain.followUps.planOrphanedNotices();
    // Every open follow-up has its reminders, the coming weekly overviews are planned, and so is a
    // loop's summary on its last day (a bot that was down on the day sends them once now).
    const openFollowUps = await domain.followUps.replanReminders();
    await domain.digests.planWeek();
    await domain.loopSummaries.planLastDay();
    log.info({ openFollowUps, ms: Date.now() - t0 }, "reminders planned");
  })();
  track(planned);
  const countedByOthers = instances > 1 ? new Promise<void>((ok) => setTimeout(ok, HEARTBEAT_MS + HEARTBEAT_MARGIN_MS).unref()) : undefined;
  const ready = Promise.all([planned.catch(() => undefined), warmedUpOrClosed, countedByOthers]).then(() => {
    if (!withScheduler || closed) return;
    scheduler = startScheduler({
      cron: config.scheduler.cron,
      timezone: config.timezone,
      jobs,
      log,
      now: () => clock.now(),
      // Several instances on one database: digests, channel posts and retention run on one at a time.
      leases: { store: store.jobLeases, holder: INSTANCE_ID, leaseMs: config.scheduler.jobLeaseMs },
    });
    // What fell due while no process ran (a restart, a deploy, a crash) goes out now, not at the
    // outbox's next tick (up to a minute by default).
    kickDelivery();
  });

  return {
    store,
    delivery,
    server,
    /** What /api/messages has in work and waiting, and how much it refused (tests, the bench). */
    admission,
    /** The scheduler's jobs, for tests that run them as the scheduler would. */
    jobs,
    /** Background work started by handlers (card copies being updated, a delivery they kicked); tests await it. */
    async settled(): Promise<void> {
      await Promise.all([...background]);
      await scheduler?.idle();
    },
    /**
     * Resolves when start-up planning is done, the Teams SDK is loaded and the scheduler (if any)
     * runs. Asking starts the warm-up at once (without it, it starts once the bot is healthy).
     */
    ready: () => {
      warm();
      return ready;
    },
    async listen(port = config.port, host = config.host): Promise<AddressInfo> {
      await new Promise<void>((ok, fail) => {
        server.once("error", fail);
        server.listen(port, host, () => ok());
      });
      const address = server.address() as AddressInfo;
      setTimeout(warm, WARM_AFTER_MS).unref();
      if (config.anonymous) {
        log.warn({ host: address.address, port: address.port }, "local anonymous mode: no bot credentials, unauthenticated requests accepted, listening on loopback only");
      } else {
        log.info({ host: address.address, port: address.port }, "listening");
      }
      if (config.guestLinks.developmentSecret && config.env === "development") log.warn("GUEST_LINK_SECRET is not set: guest links use a fixed development-only key (never in production)");
      return address;
    },
    async close(): Promise<void> {
      closed = true;
      warmedUp();
      await ready;
      await scheduler?.stop();
      await new Promise<void>((ok) => (server.listening ? server.close(() => ok()) : ok()));
      admission.close();
      await Promise.all([...background]);
      clearInterval(heartbeat);
      await beating; // a beat landing after the sign-off would count this instance again
      await store.instances.leave(INSTANCE_ID).catch((err: unknown) => logError(log, err, "instance not signed off (forgotten after a while)"));
      await db.$disconnect();
    },
  };
}
