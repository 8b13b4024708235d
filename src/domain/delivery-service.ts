import type { WorkingCalendar } from "../lib/working-calendar.js";
import { localDateOf } from "../lib/zoned-time.js";
import { baseKey, referatVersionOfKey, reminderKeys } from "./notification-keys.js";
import type {
  BoardStatementRepository,
  Clock,
  ConversationRepository,
  FollowUpRepository,
  Logger,
  MeetingRepository,
  Messenger,
  NotificationRepository,
  PeopleRepository,
  PreferenceRepository,
  ReflectionRepository,
} from "./ports.js";
import type { DigestService } from "./digest-service.js";
import type { ReachService } from "./reach-service.js";
import type { CalendarSyncService } from "./calendar-sync-service.js";
import type { GuestLinkMailService } from "./guest-link-mail-service.js";
import type { GuestLinkService } from "./guest-link-service.js";
import { isAbsent, isMuted, type Preferences } from "./reminder-preferences.js";
import type { ConversationRefRecord, Notification, NotificationKind } from "./types.js";
import { WAIT, waitForPersonEnds } from "./wait-reasons.js";

export interface DeliveryServiceDeps {
  notifications: NotificationRepository;
  conversations: ConversationRepository;
  followUps: FollowUpRepository;
  meetings: MeetingRepository;
  reflections: ReflectionRepository;
  /** Whether a board representative has sent the udtalelse a reminder is about. */
  boardStatements: Pick<BoardStatementRepository, "list">;
  preferences: PreferenceRepository;
  /** Whether a chief's overview still has something to say when it is due. */
  digests: Pick<DigestService, "hasNews">;
  /** Who is told when someone cannot be reached, and the proactive installation (reach-service.ts). */
  reach?: Pick<ReachService, "personWaits" | "noticeStale" | "install">;
  /** The chairs' calendars through Graph (CALENDAR_SYNC=graph): the `calendar_event` rows' job. */
  calendarSync?: Pick<CalendarSyncService, "run">;
  /** Guest links e-mailed from the chairs' mailboxes (GUEST_LINK_MAIL=graph): the `guest_link_mail` rows' job. */
  guestLinkMail?: Pick<GuestLinkMailService, "run">;
  /** Whether a meeting still has people outside Teams with links (the chair's `guest_links` card has something to show). */
  guestLinks?: Pick<GuestLinkService, "hasGuests">;
  /** Who has no Teams account (decision 0025): a card for them, planned before they were, is dropped, never waited on. */
  people?: Pick<PeopleRepository, "externalIds">;
  messenger: Messenger;
  clock: Clock;
  calendar: WorkingCalendar;
  log: Logger;
  leaseMs?: number;
  batchSize?: number;
  /** Sends in flight at once (to different people). */
  concurrency?: number;
  /** 0 ≤ x < 1, for the jitter of retry delays (tests pass a fixed one). */
  random?: () => number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const MAX_SEND_ATTEMPTS = 6;
/** An answer to the person's own action that is this late (the bot was down) waits for working hours like anything else. */
const IMMEDIATE_GRACE_MS = 30 * MINUTE;
/**
 * Sends in flight at once (to different people), by default: enough to keep Teams' 50 posts a
 * second going while each post waits ~100 ms for Teams' answer and some wait for a retry (4 could
 * not: 4 / 0.1 s is 40 a second), few enough that the posts leave in the order and at the pace
 * the pacer gave them. It is also the most rows a killed process can leave noted as on their way.
 */
export const SEND_CONCURRENCY = 8;
/** The marker on a row whose post was under way when its worker died: it may have arrived. */
export const UNCONFIRMED = "unconfirmed-after-crash";
/** The marker on a row whose post got no answer before the outbound deadline: it may have arrived. */
export const UNCONFIRMED_TIMEOUT = "unconfirmed-timeout";

/**
 * How long a person's preferences and conversation reference, read for a whole claim together, are
 * used for that claim's rows: they go within a second or two (10 rows at Teams' 50 a second); a
 * row that waited longer behind its person's others reads them again.
 */
const RECIPIENT_FRESH_MS = 2_000;

/** A person's preferences and conversation reference, read with the rest of a claim. */
interface Recipient {
  prefs: Preferences;
  ref: ConversationRefRecord | undefined;
  readAt: number;
}

export type DeliveryService = ReturnType<typeof createDeliveryService>;

/** The outbox's two queues: the cards (and installations), and the Graph rows of the chairs' mailboxes (calendar events, guest-link mails). */
const GRAPH_KINDS: readonly NotificationKind[] = ["calendar_event", "guest_link_mail"];
const CARDS = { except: GRAPH_KINDS } as const;
const CALENDAR = { only: GRAPH_KINDS } as const;

/**
 * Works the outbox: claim due rows (with a lease, so a crashed worker's rows come back and two
 * workers never hold the same row), check the row still means something and may go now, send,
 * mark. A row is posted at most once: the post is noted first, and a row found with that note
 * after a crash is not posted again.
 */
export function createDeliveryService(deps: DeliveryServiceDeps) {
  const { notifications, conversations, followUps, meetings, reflections, boardStatements, digests, preferences, messenger, clock, calendar, log, reach } = deps;
  // Small batches and a lease far longer than a batch takes, so a live worker never loses its rows.
  const leaseMs = deps.leaseMs ?? 5 * MINUTE;
  const batchSize = deps.batchSize ?? 10;
  const concurrency = deps.concurrency ?? SEND_CONCURRENCY;
  const random = deps.random ?? Math.random;

  /** Why a row should no longer be sent, or undefined when it should. */
  async function staleReason(n: Notification, now: Date): Promise<string | undefined> {
    if (n.notAfter && now >= n.notAfter) return "too-late";
    switch (n.kind) {
      case "followup_assigned":
      case "followup_due_soon":
      case "followup_overdue": {
        const view = await followUps.get(n.subjectId);
        if (!view || view.followUp.status !== "open") return "followup-not-open";
        if (view.followUp.ownerId !== n.personId) return "owner-changed";
        const keys = reminderKeys(view.followUp);
        if (n.kind === "followup_due_soon" && baseKey(n.key) !== keys.dueSoon) return "due-date-changed";
        if (n.kind === "followup_overdue" && baseKey(n.key) !== keys.overdue) return "due-date-changed";
        return undefined;
      }
      case "followup_expiry": {
        const view = await followUps.get(n.subjectId);
        if (!view || view.followUp.status !== "open") return "followup-not-open";
        if (!view.followUp.evaluateOn || !n.key.endsWith(`:${view.followUp.evaluateOn}`)) return "evaluation-date-changed";
        return undefined;
      }
      case "overdue_digest": {
        const today = localDateOf(now, calendar.tz);
        const { items } = await followUps.listOpenByOwner(n.personId, 1000);
        return items.some((v) => v.followUp.dueDate < today) ? undefined : "nothing-overdue";
      }
      case "chief_digest":
        return (await digests.hasNews(n.personId)) ? undefined : "nothing-to-report";
      case "referat_remark": // the chair hears every remark; after a correction the card says so
      case "focus_expiry":
      case "initiative_expiry":
      case "unit_congested":
      case "loop_summary": // what the loop learned, as it stands when it is sent
      case "board_report": // the afrapportering as it stands (once sent, the card shows what was sent)
      case "board_report_received":
      case "followups_orphaned": // the card shows the list as it is when it is sent
        return undefined; // changes cancel these rows where they happen
      case "focus_proposal": // the chair's focus areas card as it stands (a newer version cancels the older row)
      case "meeting_agenda":
      case "meeting_reflection": {
        const m = await meetings.get(n.subjectId);
        if (!m || m.status !== "planned") return "meeting-not-planned";
        return undefined;
      }
      case "board_statement":
      case "board_statement_reminder": {
        const m = await meetings.get(n.subjectId);
        if (!m || m.status !== "planned") return "meeting-not-planned";
        // The chair chose «Deltagelse» meanwhile (the change cancels these rows; this is the guard).
        if (m.boardMode === "participation") return "board-participates";
        // The board gives one statement: once any representative has sent it, no one is reminded.
        if (n.kind === "board_statement_reminder" && (await boardStatements.list(m.id)).length > 0) return "statement-sent";
        return undefined;
      }
      case "reflection_reminder": {
        const m = await meetings.get(n.subjectId);
        if (!m || m.status !== "planned") return "meeting-not-planned";
        if ((await reflections.get(n.subjectId, n.personId))?.status === "sent") return "reflection-sent";
        return undefined;
      }
      case "guest_links": {
        // The card shows the links as they are when it goes; nothing to send once nobody outside Teams takes part.
        const m = await meetings.get(n.subjectId);
        if (m?.status !== "planned") return "meeting-not-planned";
        const guests = deps.guestLinks ? await deps.guestLinks.hasGuests(m) : m.participants.some((p) => p.person.aadObjectId === null);
        return guests ? undefined : "no-external-participant";
      }
      case "ad_hoc_removed": {
        const m = await meetings.get(n.subjectId);
        if (m?.status !== "planned") return "meeting-not-planned";
        return m.participants.some((p) => p.person.id === n.personId) ? "participant-again" : undefined;
      }
      case "meeting_cancelled": {
        const m = await meetings.get(n.subjectId);
        return m?.status === "cancelled" ? undefined : "meeting-not-cancelled";
      }
      case "referat": {
        const m = await meetings.get(n.subjectId);
        if (m?.status !== "closed") return "meeting-not-closed";
        // Reopened and closed again before this one went: the corrected referat has its own row.
        return referatVersionOfKey(n.key) === m.referatVersion ? undefined : "referat-superseded";
      }
      case "person_unreachable":
        return reach ? reach.noticeStale(n) : "reach-off";
      case "app_install":
      case "calendar_event":
        return undefined; // a job never gets here (installJob, calendarJob)
      case "calendar_declined": {
        const m = await meetings.get(n.subjectId);
        return m?.status === "planned" ? undefined : "meeting-not-planned";
      }
    }
  }

  /** When a row that may not go now may go: after the person's absence, in working hours. */
  function notBefore(n: Notification, prefs: Preferences, now: Date): { at: Date; reason: string } | undefined {
    // The answer to the person's own action goes at once (they are at the keyboard).
    if (n.immediate && now.getTime() - n.dueAt.getTime() < IMMEDIATE_GRACE_MS) return undefined;
    if (prefs.absentUntil && isAbsent(prefs, localDateOf(now, calendar.tz))) {
      return { at: calendar.workingDayStart(calendar.nextWorkingDay(prefs.absentUntil)), reason: WAIT.absent };
    }
    if (!calendar.isWithinWorkingHours(now)) return { at: calendar.nextWindowStart(now), reason: WAIT.outsideHours };
    return undefined;
  }


  /**
   * The person cannot be reached now: the row waits for them (hourly, and at once when they are
   * back: PeopleService.rememberConversation), counted from when it first found them unreachable;
   * after the wait it fails with `failReason`. Waiting is not a send attempt.
   */
  async function waitForPerson(n: Notification, now: Date, failReason: string, ref: ConversationRefRecord | undefined): Promise<string> {
    const since = n.waitingSince ?? now;
    if (now.getTime() >= waitForPersonEnds(calendar, since).getTime()) {
      await notifications.markFailed(n, failReason);
      return "failed";
    }
    // The card waits first: a notice planned for now may be taken by another instance at once, and
    // it must find this card waiting (else it is cancelled as having nothing to tell).
    await notifications.retryLater(n, new Date(now.getTime() + HOUR), WAIT.noConversation, { countAttempt: false, waitingSince: since });
    // Those who answer for the card are told (once), and the app may be installed for the person.
    // That failing must not keep the card from waiting.
    await reach?.personWaits({ ...n, waitingSince: since }, ref, now).catch((err: unknown) =>
      log.error({ notificationId: n.id, personId: n.personId, err: err instanceof Error ? err.name : "error" }, "could not plan the notice or install for a person who cannot be reached"),
    );
    return "waiting";
  }

  /** Exponential from 30 s, ±50 % jitter, at least what the service asked for, at most an hour. */
  function retryDelay(attempts: number, retryAfterMs: number | undefined): number {
    const exp = 30_000 * 2 ** Math.max(0, attempts - 1) * (0.5 + random());
    return Math.min(HOUR, Math.max(exp, retryAfterMs ?? 0));
  }

  /**
   * An install job (reach-service.ts): not a card. Installed: the person's waiting cards go now
   * (the pass goes on to them). Refused (403) or an unknown user: failed for today, with the reason,
   * shown by npm run status and in the chair's notice. Graph busy: tried again with backoff.
   */
  async function installJob(n: Notification): Promise<string> {
    let r: Awaited<ReturnType<NonNullable<typeof reach>["install"]>>;
    try {
      r = reach ? await reach.install(n) : { outcome: "not-needed", reason: "proactive-install-off" };
    } catch (err) {
      r = { outcome: "retry", reason: err instanceof Error ? err.name : "error" };
    }
    const now = clock.now();
    switch (r.outcome) {
      case "not-needed":
        await notifications.markCancelled(n, r.reason);
        return "cancelled";
      case "installed":
        await notifications.markSent(n, now, r.already ? "already-installed" : undefined);
        return "installed";
      case "forbidden":
      case "user-unknown": {
        const reason = `${r.outcome} (${r.code})`;
        await notifications.markFailed(n, reason);
        log.warn(
          { notificationId: n.id, personId: n.personId, reason },
          r.outcome === "forbidden"
            ? "the app could not be installed for the person: Graph says it is not permitted (admin consent for TeamsAppInstallation.ReadWriteSelfForUser.All missing, or an app policy blocks the app)"
            : "the app could not be installed for the person: Graph does not know the user",
        );
        return "failed";
      }
      case "failed":
        await notifications.markFailed(n, r.reason);
        log.warn({ notificationId: n.id, personId: n.personId, reason: r.reason }, "the app could not be installed for the person");
        return "failed";
      case "retry":
        if (n.attempts >= MAX_SEND_ATTEMPTS) {
          await notifications.markFailed(n, r.reason);
          log.warn({ notificationId: n.id, personId: n.personId, reason: r.reason }, "the app could not be installed for the person: still failing after the last attempt");
          return "failed";
        }
        await notifications.retryLater(n, new Date(now.getTime() + retryDelay(n.attempts, r.retryAfterMs)), r.reason);
        return "retry";
    }
  }

  /**
   * A calendar job (calendar-sync-service.ts): not a card, so neither working hours nor the
   * person's reach apply. Graph busy or unreachable: tried again with backoff, for as long as it
   * takes (the sync catches up; nothing else waits for it). Refused (403, 400): failed, with the
   * reason, for the administrator (npm run status).
   */
  async function calendarJob(n: Notification): Promise<string> {
    let r: Awaited<ReturnType<NonNullable<typeof deps.calendarSync>["run"]>>;
    try {
      r = deps.calendarSync ? await deps.calendarSync.run(n) : { outcome: "unchanged", reason: "calendar-sync-off" };
    } catch (err) {
      r = { outcome: "retry", reason: err instanceof Error ? err.name : "error" };
    }
    const now = clock.now();
    switch (r.outcome) {
      case "synced":
        await notifications.markSent(n, now, r.call);
        return "calendar-synced";
      case "unchanged":
        await notifications.markCancelled(n, r.reason);
        return "cancelled";
      case "failed":
        await notifications.markFailed(n, r.reason);
        log.warn(
          { notificationId: n.id, meetingId: n.subjectId, reason: r.reason },
          /forbidden|unauthori[sz]ed|denied/i.test(r.reason)
            ? "the meeting's calendar event could not be brought up to date: Graph refused (is Calendars.ReadWrite consented, and the chair's mailbox in the application access policy?)"
            : "the meeting's calendar event could not be brought up to date (see the reason)",
        );
        return "failed";
      case "retry":
        // Past the usual attempts it is tried on hourly (countAttempt stays off): Graph down for a day loses nothing.
        await notifications.retryLater(n, new Date(now.getTime() + retryDelay(Math.min(n.attempts, MAX_SEND_ATTEMPTS), r.retryAfterMs)), r.reason, { countAttempt: n.attempts < MAX_SEND_ATTEMPTS });
        return "retry";
    }
  }

  /**
   * A guest-link mail (guest-link-mail-service.ts), in the Graph pass. The service marks its row.
   * Should it throw (the database gone midway), the row is not given back: it returns when its
   * lease runs out, and a send noted as started is then marked unconfirmed, never sent again.
   */
  async function guestMailJob(n: Notification): Promise<string> {
    if (!deps.guestLinkMail) {
      await notifications.markCancelled(n, "guest-link-mail-off");
      return "cancelled";
    }
    try {
      return await deps.guestLinkMail.run(n);
    } catch (err) {
      log.error({ notificationId: n.id, kind: n.kind, err: err instanceof Error ? err.name : "error" }, "notification could not be handled");
      return "error";
    }
  }

  /**
   * Per claim, not per send (decision 0007, the delivery's cost): the preferences and conversation
   * references of the claimed rows' people, two statements for the claim. Used while fresh
   * (`RECIPIENT_FRESH_MS`); a person marked unreachable is forgotten, so their later rows read again.
   */
  const recipients = new Map<string, Recipient>();
  async function readRecipients(rows: readonly Notification[]): Promise<void> {
    const ids = [...new Set(rows.filter((n) => !GRAPH_KINDS.includes(n.kind) && n.kind !== "app_install").map((n) => n.personId))];
    if (ids.length === 0) return;
    const readAt = clock.now().getTime();
    // Those no longer fresh go (the rows they were read for were handled, or will read again).
    for (const [id, r] of recipients) if (readAt - r.readAt > RECIPIENT_FRESH_MS) recipients.delete(id);
    const [prefs, refs] = await Promise.all([preferences.getMany(ids), conversations.getMany(ids)]);
    for (const id of ids) recipients.set(id, { prefs: prefs.get(id) ?? { muted: [] }, ref: refs.get(id), readAt });
  }
  const knownRecipient = (personId: string): Recipient | undefined => {
    const r = recipients.get(personId);
    if (r && clock.now().getTime() - r.readAt <= RECIPIENT_FRESH_MS) return r;
    recipients.delete(personId);
    return undefined;
  };

  async function deliverOne(n: Notification): Promise<string> {
    if (n.kind === "app_install") return installJob(n);
    if (n.kind === "calendar_event") return calendarJob(n);
    if (n.kind === "guest_link_mail") return guestMailJob(n);
    const now = clock.now();
    // Its worker died while posting it: it may well have arrived, and a second copy is worse than
    // none being certain. Kept visible for the administrator (npm run status).
    if (n.postStartedAt) {
      await notifications.markSent(n, now, UNCONFIRMED);
      log.warn({ notificationId: n.id, kind: n.kind }, "row was being posted when its worker stopped; not posted again");
      return "unconfirmed";
    }
    const stale = await staleReason(n, now);
    if (stale) {
      await notifications.markCancelled(n, stale);
      return "cancelled";
    }
    const known = knownRecipient(n.personId);
    const prefs = known?.prefs ?? (await preferences.get(n.personId));
    if (isMuted(prefs, n.kind)) {
      await notifications.markCancelled(n, "muted");
      return "cancelled";
    }
    const wait = notBefore(n, prefs, now);
    if (wait) {
      await notifications.retryLater(n, wait.at, wait.reason, { countAttempt: false });
      return "waiting";
    }
    // From the first pack on, the meeting keeps the template its participants received.
    if (n.kind === "meeting_agenda") await meetings.freezeTemplate(n.subjectId);
    // Read with the claim when it was there and active; else read now (it may have come back meanwhile).
    const ref = known?.ref?.active ? known.ref : await conversations.get(n.personId);
    if (!ref && deps.people && (await deps.people.externalIds([n.personId])).size > 0) {
      // A person outside Teams is reached through their guest link: nothing waits for them, nobody is told.
      await notifications.markCancelled(n, "external-person");
      return "cancelled";
    }
    if (!ref || !ref.active) return waitForPerson(n, now, ref ? `no-conversation (${ref.inactiveReason ?? "inactive"})` : WAIT.noConversation, ref);
    let result;
    try {
      result = await messenger.deliver(
        n,
        ref,
        () => notifications.markPostStarted(n, clock.now()),
        () => notifications.clearPostStarted(n),
      );
    } catch (err) {
      result = { outcome: "retry" as const, reason: err instanceof Error ? err.name : "error" };
    }
    if (result.outcome === "not-posted") return "lease-lost";
    if (result.outcome === "sent") {
      if (!(await notifications.markSent(n, clock.now()))) log.warn({ notificationId: n.id }, "lease lost before marking sent");
      return "sent";
    }
    if (result.outcome === "unconfirmed") {
      await notifications.markSent(n, clock.now(), UNCONFIRMED_TIMEOUT);
      log.warn({ notificationId: n.id, kind: n.kind }, "no answer from Teams in time; may have arrived, not posted again");
      return "unconfirmed";
    }
    if (result.outcome === "unreachable") {
      // Nothing was posted. The person's other cards wait too, without asking Teams each time.
      recipients.delete(n.personId);
      await conversations.markInactive(n.personId, result.reason, clock.now());
      return waitForPerson(n, clock.now(), result.reason, await conversations.get(n.personId));
    }
    if (result.outcome === "gone") {
      recipients.delete(n.personId);
      await conversations.markInactive(n.personId, result.reason, clock.now());
      await notifications.markFailed(n, result.reason);
      return "failed";
    }
    if (n.attempts >= MAX_SEND_ATTEMPTS) {
      await notifications.markFailed(n, result.reason);
      return "failed";
    }
    await notifications.retryLater(n, new Date(clock.now().getTime() + retryDelay(n.attempts, result.retryAfterMs)), result.reason);
    return "retry";
  }

  /**
   * Something unexpected (a broken row, the database busy): the row goes back with the usual
   * backoff and counts as an attempt, so one bad row never holds up the others for good.
   */
  async function giveBack(n: Notification, err: unknown): Promise<string> {
    const reason = err instanceof Error ? err.name : "error";
    log.error({ notificationId: n.id, kind: n.kind, err: reason }, "notification could not be handled");
    if (n.attempts >= MAX_SEND_ATTEMPTS) await notifications.markFailed(n, reason);
    else await notifications.retryLater(n, new Date(clock.now().getTime() + retryDelay(n.attempts, undefined)), reason);
    return "error";
  }

  /**
   * One pass over the due rows. Returns counts per outcome. Rows are claimed a few at a time as
   * senders come free (no batch waits for its slowest send); one person's rows go in the order
   * they were claimed, different people's at the same time, at most `concurrency` at once.
   */
  async function pass(kinds: { only?: readonly NotificationKind[]; except?: readonly NotificationKind[] }): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    /** Tail of each person's rows in hand. */
    const lanes = new Map<string, Promise<void>>();
    const freeSlot: Array<() => void> = [];
    let sending = 0;
    /** Rows whose turn in their person's lane has come, waiting for a sender. */
    let ready = 0;
    /** Rows claimed and not yet done. */
    let inHand = 0;
    let roomMade: (() => void) | undefined;
    let failure: { err: unknown } | undefined;

    const handle = async (n: Notification, countedReady: boolean): Promise<void> => {
      if (!countedReady) ready++;
      while (sending >= concurrency) await new Promise<void>((ok) => freeSlot.push(ok));
      ready--;
      sending++;
      try {
        const outcome = await deliverOne(n).catch((err: unknown) => giveBack(n, err));
        counts[outcome] = (counts[outcome] ?? 0) + 1;
        log.info({ notificationId: n.id, kind: n.kind, outcome }, "notification");
      } catch (err) {
        // Not even giving the row back worked (the database is gone): stop claiming, report it.
        failure ??= { err };
      } finally {
        sending--;
        freeSlot.shift()?.();
        inHand--;
        roomMade?.();
      }
    };

    // Claim more once half the rows in hand are done, so a sender rarely waits for a claim; or
    // when a sender is idle because the rows in hand wait behind one person's (up to a cap).
    const most = batchSize * 4;
    const room = () => inHand <= batchSize / 2 || (sending + ready < concurrency && inHand < most);
    for (;;) {
      while (!room() && !failure) await new Promise<void>((ok) => (roomMade = ok));
      roomMade = undefined;
      if (failure) break;
      const want = Math.min(batchSize, most - inHand);
      let claimed: Notification[];
      try {
        claimed = await notifications.claimDue(clock.now(), leaseMs, want, kinds);
      } catch (err) {
        // Finish the rows in hand before reporting it: a pass never leaves sends behind it.
        failure ??= { err };
        break;
      }
      // Not read together: each row reads its own, as it would anyway.
      await readRecipients(claimed).catch((err: unknown) => log.warn({ err: err instanceof Error ? err.name : "error" }, "the people of a claim could not be read together; each row reads its own"));
      for (const n of claimed) {
        inHand++;
        // Counted as ready now when nobody's row is ahead of it, so the next check sees it.
        const first = !lanes.has(n.personId);
        if (first) ready++;
        const lane = (lanes.get(n.personId) ?? Promise.resolve()).then(() => handle(n, first));
        lanes.set(n.personId, lane);
        void lane.then(() => {
          if (lanes.get(n.personId) === lane) lanes.delete(n.personId);
        });
      }
      if (claimed.length < want) break;
    }
    await Promise.all([...lanes.values()]);
    if (failure) throw failure.err;
    return counts;
  }

  return {
    /**
     * A pass over the due rows (see `pass`); when it installed the app for someone, one more, for
     * the cards that waited for them (due now).
     */
    async runOnce(): Promise<Record<string, number>> {
      const counts = await pass(CARDS);
      if (!counts.installed) return counts;
      for (const [outcome, n] of Object.entries(await pass(CARDS))) counts[outcome] = (counts[outcome] ?? 0) + n;
      return counts;
    },

    /**
     * A pass over the due `calendar_event` rows (CALENDAR_SYNC=graph), claimed apart from the cards
     * and run by a job of its own: a slow or unreachable Graph, or a chief's hundreds of events after
     * confirming every årshjul, never hold up anyone's cards (decision 0018).
     */
    runCalendar(): Promise<Record<string, number>> {
      return pass(CALENDAR);
    },
  };
}
