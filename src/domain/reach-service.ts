import type { WorkingCalendar } from "../lib/working-calendar.js";
import { localDateOf } from "../lib/zoned-time.js";
import type {
  AppInstaller,
  Clock,
  ConversationRepository,
  FocusAreaRepository,
  FollowUpRepository,
  InstallResult,
  InstalledConversation,
  MeetingRepository,
  NotificationRepository,
  PeopleRepository,
  UnitRepository,
} from "./ports.js";
import type { ConversationRefRecord, Meeting, Notification, NotificationKind, Person, PlannedNotification } from "./types.js";
import { WAIT, waitForPersonEnds } from "./wait-reasons.js";

/**
 * Nobody fails silently (issue 19, docs/decisions/0014-reaching-people.md). When a card falls due
 * for someone the bot cannot reach (the app never installed, or Teams refuses their chat), it waits
 * for them (delivery-service.ts), and:
 * - the people who answer for the card are told once per person, by name, with what to do: the
 *   meeting's chair, or the unit's chief for cards without a meeting (`person_unreachable`, keyed
 *   per person, spell of being unreachable and recipient). Not at once: an install may be on its
 *   way. When the first card has waited a working day, or at once when its meeting is within two
 *   working days, or when installing the app for them was refused;
 * - with proactive installation on, the bot installs itself for a person who never had a
 *   conversation with it (`app_install`, at most one job per person and day while cards wait).
 * The notice is checked again when it goes: the person reachable meanwhile, or nothing waiting for
 * its recipient any more, and it is not sent.
 */
export interface ReachServiceDeps {
  notifications: NotificationRepository;
  conversations: ConversationRepository;
  meetings: MeetingRepository;
  followUps: FollowUpRepository;
  focusAreas: FocusAreaRepository;
  units: UnitRepository;
  people: PeopleRepository;
  /** Stores the chat an install found and wakes what waited (PeopleService.rememberInstalled). */
  rememberInstalled(person: Person, conversation: InstalledConversation): Promise<number>;
  /** Present only with proactive installation on (PROACTIVE_INSTALL=on). */
  installer?: AppInstaller;
  clock: Clock;
  calendar: WorkingCalendar;
}

export type ReachService = ReturnType<typeof createReachService>;

/** Rows about reaching people, not cards for them: they never start a notice or an install. */
export const ABOUT_REACHING: readonly NotificationKind[] = ["person_unreachable", "app_install"];

const MEETING_KINDS: readonly NotificationKind[] = ["meeting_agenda", "meeting_reflection", "reflection_reminder", "board_statement", "board_statement_reminder", "meeting_cancelled", "ad_hoc_removed", "referat"];
const FOLLOWUP_KINDS: readonly NotificationKind[] = ["followup_assigned", "followup_due_soon", "followup_overdue", "followup_expiry"];

/** A notice is due this many working days after the first card began to wait … */
const NOTICE_AFTER_WORKING_DAYS = 1;
/** … or at once when the card's meeting is within this many working days. */
const MEETING_SOON_WORKING_DAYS = 2;
/** While the app is being installed for the person, «at once» waits this long for the install to work. */
const INSTALL_GRACE_MS = 15 * 60_000;

/** Who answers for a card, and the meeting it is for (if any). */
interface Answerable {
  to: string[];
  meeting?: Meeting;
}

/** A card that waits for the person, as the notice lists it. */
export interface WaitingCard {
  kind: NotificationKind;
  meeting?: Meeting;
  /** When it fell due and began to wait. */
  since?: Date;
  /** When it stops waiting and fails, unless the person is reached before. */
  until?: Date;
}

/** What the notice to one recipient says about one person (rendered in src/teams/views.ts). */
export interface UnreachableNotice {
  person: Person;
  /** Never reached (the app not installed), or Teams refuses their chat now (`refused`: http-403, uninstalled, …). */
  state: { never: true } | { never: false; refused: string };
  /** The latest proactive installation for them, if one was tried. */
  install?: { status: "waiting" | "done" | "failed"; forbidden: boolean; userUnknown: boolean };
  /** The cards waiting for the person that the recipient answers for, soonest due first. */
  waiting: WaitingCard[];
}

/** The spell of being unreachable: «never» reached, or since the first refusal. */
const spellOf = (ref: ConversationRefRecord | undefined): string => (ref?.inactiveSince ? ref.inactiveSince.toISOString() : "never");

export const noticeKey = (personId: string, spell: string, recipientId: string) => `person_unreachable:${personId}:${spell}:${recipientId}`;
export const installKey = (personId: string, date: string) => `app_install:${personId}:${date}`;

export function createReachService(deps: ReachServiceDeps) {
  const { notifications, conversations, meetings, followUps, focusAreas, units, people, installer, clock, calendar } = deps;
  const tz = calendar.tz;

  const chiefsOf = async (unitId: string): Promise<string[]> => (await units.roster(unitId))?.chiefIds ?? [];

  /** Who is told when this card cannot reach its person: the chair, else the unit's chiefs; never the person. */
  async function answerable(n: Pick<Notification, "kind" | "subjectId" | "personId">, cache = new Map<string, Promise<Answerable>>()): Promise<Answerable> {
    const key = `${n.kind}:${n.subjectId}`;
    let found = cache.get(key);
    if (!found) {
      found = (async (): Promise<Answerable> => {
        if (MEETING_KINDS.includes(n.kind)) {
          const meeting = await meetings.get(n.subjectId);
          if (!meeting) return { to: [] };
          return { to: meeting.chairId !== n.personId ? [meeting.chairId] : await chiefsOf(meeting.unit.id), meeting };
        }
        if (FOLLOWUP_KINDS.includes(n.kind)) {
          const view = await followUps.get(n.subjectId);
          if (!view) return { to: [] };
          return { to: view.meeting.chairId !== n.personId ? [view.meeting.chairId] : await chiefsOf(view.meeting.unitId) };
        }
        if (n.kind === "focus_expiry") {
          const area = await focusAreas.get(n.subjectId);
          return { to: area ? await chiefsOf(area.unitId) : [] };
        }
        // A person's own weekly overview and a chief's own notices: nobody else answers for them.
        return { to: [] };
      })();
      cache.set(key, found);
    }
    const a = await found;
    return { ...a, to: [...new Set(a.to)].filter((id) => id !== n.personId) };
  }

  /** When a notice is due for a card that began to wait at `since`: a working day on, or now if its meeting is near. */
  function noticeDue(since: Date, meeting: Meeting | undefined, now: Date): Date {
    if (meeting) {
      const today = calendar.nextWorkingDay(localDateOf(now, tz));
      if (meeting.startsAt.getTime() <= calendar.workingDayEnd(calendar.addWorkingDays(today, MEETING_SOON_WORKING_DAYS)).getTime()) return now;
    }
    const start = calendar.nextWindowStart(since);
    const day = localDateOf(start, tz);
    const at = new Date(calendar.workingDayStart(calendar.addWorkingDays(day, NOTICE_AFTER_WORKING_DAYS)).getTime() + (start.getTime() - calendar.workingDayStart(day).getTime()));
    return at.getTime() < now.getTime() ? now : at;
  }

  /** The person's notices still to go, due now (installing the app for them was refused: nothing is on its way). */
  async function noticesNow(personId: string, now: Date): Promise<void> {
    for (const n of await notifications.ofSubject(personId, ["person_unreachable"])) {
      if (n.status === "pending") await notifications.bringForwardKey(n.key, now);
    }
  }

  /** The latest proactive installation tried for the person. */
  async function latestInstall(personId: string): Promise<UnreachableNotice["install"]> {
    const [job] = await notifications.ofSubject(personId, ["app_install"]);
    if (!job || job.status === "cancelled") return undefined;
    const reason = job.lastError ?? "";
    const status = job.status === "sent" ? "done" : job.status === "failed" ? "failed" : "waiting";
    return { status, forbidden: status === "failed" && reason.startsWith("forbidden"), userUnknown: status === "failed" && reason.startsWith("user-unknown") };
  }

  /** The cards waiting for `personId` that `recipientId` answers for, soonest due first. */
  async function waitingFor(personId: string, recipientId: string): Promise<WaitingCard[]> {
    const cache = new Map<string, Promise<Answerable>>();
    const out: WaitingCard[] = [];
    for (const n of await notifications.waitingFor(personId, WAIT.noConversation)) {
      if (ABOUT_REACHING.includes(n.kind)) continue;
      const a = await answerable(n, cache);
      if (a.to.includes(recipientId)) out.push({ kind: n.kind, meeting: a.meeting, since: n.waitingSince, until: n.waitingSince && waitForPersonEnds(calendar, n.waitingSince) });
    }
    return out;
  }

  return {
    /**
     * A due card found its person unreachable and waits for them (called each time it is looked at,
     * so a bot upgraded while cards waited catches up): the notices to those who answer for it are
     * planned (once per person and spell; brought forward when this card's meeting is near), and,
     * with proactive installation on, an install job for a person who never had a conversation.
     */
    async personWaits(n: Notification, ref: ConversationRefRecord | undefined, now: Date): Promise<void> {
      if (ABOUT_REACHING.includes(n.kind) || ref?.active) return;
      const spell = spellOf(ref);
      const { to, meeting } = await answerable(n);
      const install = installer && !ref ? await latestInstall(n.personId) : undefined;
      // Installing the app for them was refused today: nothing is on its way, tell them now.
      const refused = install?.status === "failed" && (install.forbidden || install.userUnknown);
      const installing = installer !== undefined && !ref && !refused;
      const soonest = noticeDue(n.waitingSince ?? now, meeting, now);
      const due = refused ? now : installing ? new Date(Math.max(soonest.getTime(), now.getTime() + INSTALL_GRACE_MS)) : soonest;
      const rows: PlannedNotification[] = to.map((recipient) => ({ key: noticeKey(n.personId, spell, recipient), kind: "person_unreachable", personId: recipient, subjectId: n.personId, dueAt: due }));
      // One job a day at most while cards wait: a refusal (consent not given yet, a policy) is tried
      // again the next day, after IT may have put it right.
      if (installer && !ref) rows.push({ key: installKey(n.personId, localDateOf(now, tz)), kind: "app_install", personId: n.personId, subjectId: n.personId, dueAt: now });
      if (rows.length === 0) return;
      await notifications.plan(rows, now);
      for (const r of rows) if (r.kind === "person_unreachable") await notifications.bringForwardKey(r.key, due);
    },

    /** Why a «cannot be reached» notice should not go now, or undefined when it should. */
    async noticeStale(n: Notification): Promise<string | undefined> {
      const person = await people.byId(n.subjectId);
      if (!person?.active) return "person-unknown";
      if ((await conversations.get(n.subjectId))?.active) return "person-reachable";
      return (await waitingFor(n.subjectId, n.personId)).length === 0 ? "nothing-waiting" : undefined;
    },

    /** What the notice to `recipientId` about `personId` says, as it is now. */
    async notice(recipientId: string, personId: string): Promise<UnreachableNotice | undefined> {
      const person = await people.byId(personId);
      if (!person) return undefined;
      const ref = await conversations.get(personId);
      return {
        person,
        state: ref && !ref.active ? { never: false, refused: ref.inactiveReason ?? "inactive" } : { never: true },
        install: await latestInstall(personId),
        waiting: await waitingFor(personId, recipientId),
      };
    },

    /**
     * The install job: installs the app for the person through Graph, stores the chat it found and
     * brings forward what waited. Refused (403) or an unknown user: their notices go now.
     */
    async install(n: Notification): Promise<InstallResult | { outcome: "not-needed"; reason: string }> {
      if (!installer) return { outcome: "not-needed", reason: "proactive-install-off" };
      const ref = await conversations.get(n.personId);
      // Reachable already: Teams' install activity came first, or an earlier attempt of this job
      // stored the chat and its process died before it was done. What waited goes now (again:
      // that process may have died before waking it; a row never goes twice).
      if (ref?.active) {
        await notifications.wakeWaitingFor(n.personId, calendar.nextWindowStart(clock.now()), WAIT.noConversation);
        return { outcome: "not-needed", reason: "reachable" };
      }
      // Someone who had a conversation and lost it (removed the app, blocked the bot) is not
      // installed for again: the chair is told, and they open Læringsloop again themselves.
      if (ref) return { outcome: "not-needed", reason: "has-conversation" };
      const person = await people.byId(n.personId);
      if (!person?.active) return { outcome: "not-needed", reason: "person-unknown" };
      // A person outside Teams has no Teams to install into: reached through their guest link (decision 0025).
      if (person.aadObjectId === null) return { outcome: "not-needed", reason: "external" };
      const result = await installer.install({ id: person.id, aadObjectId: person.aadObjectId });
      if (result.outcome === "installed") await deps.rememberInstalled(person, result.conversation);
      if (result.outcome === "forbidden" || result.outcome === "user-unknown") await noticesNow(n.personId, clock.now());
      return result;
    },
  };
}
