import type { WorkingCalendar } from "../lib/working-calendar.js";
import { WAIT } from "./wait-reasons.js";
import type { Clock, ConversationRepository, NotificationRepository, PeopleRepository } from "./ports.js";
import type { ConversationRefRecord, Person } from "./types.js";
import { effectsOf, type Effects } from "./effects.js";

export interface PeopleServiceDeps {
  people: PeopleRepository;
  conversations: ConversationRepository;
  notifications: NotificationRepository;
  clock: Clock;
  calendar: WorkingCalendar;
}

export type PeopleService = ReturnType<typeof createPeopleService>;

/**
 * What a person is to the bot, for what it offers them (help, greeting, suggestions): the
 * Børn og Unge-chef, a unit leader, a pædagogisk leder, or anyone else who takes part in meetings
 * (board and youth representatives, staff representatives, consultants). The first that applies.
 */
export type Audience = "chief" | "leader" | "paedagogisk_leder" | "participant";

/** Who is talking to the bot, and how to reach them later. */
export function createPeopleService({ people, conversations, notifications, clock, calendar }: PeopleServiceDeps) {
  return {
    /** The registered, active person behind an Entra object id, if any. */
    async identify(aadObjectId: string | undefined): Promise<Person | undefined> {
      if (!aadObjectId) return undefined;
      const p = await people.byAadObjectId(aadObjectId);
      return p?.active ? p : undefined;
    },

    /**
     * Stores the personal conversation reference (install or first message). `greet` is true the
     * first time only, whatever arrives twice; the effects count the waiting cards (e.g. a meeting
     * pack) brought forward when the person just became reachable.
     */
    async rememberConversation(
      person: Person,
      ref: Omit<ConversationRefRecord, "personId" | "active" | "greetedAt">,
    ): Promise<{ greet: boolean; effects: Effects }> {
      // Every message passes here: write only when something changed (a read is much cheaper).
      const known = await conversations.get(person.id);
      const unchanged = known?.active && known.conversationId === ref.conversationId && known.serviceUrl === ref.serviceUrl && known.tenantId === ref.tenantId;
      let woken = 0;
      if (!unchanged) {
        await conversations.save({ ...ref, personId: person.id });
        // What waited for them goes now, or when the working day starts.
        woken = await notifications.wakeWaitingFor(person.id, calendar.nextWindowStart(clock.now()), WAIT.noConversation);
      }
      const greet = known?.greetedAt ? false : await conversations.claimGreeting(person.id, clock.now());
      return { greet, effects: effectsOf([], woken) };
    },

    /**
     * Stores the personal chat the bot found by installing itself for the person (reach-service.ts),
     * unless a reference came first (Teams' own install activity names the chat as Teams wants it),
     * and brings forward what waited for them. Does not greet: the install activity Teams sends does.
     * Gives how many waiting cards were brought forward.
     */
    async rememberInstalled(person: Person, ref: Omit<ConversationRefRecord, "personId" | "active" | "greetedAt" | "inactiveReason" | "inactiveSince">): Promise<number> {
      await conversations.saveIfNone({ ...ref, personId: person.id });
      // Also when the install activity came first: its wake may have run before this install's
      // rows started waiting (they go now either way; a row never goes twice).
      return notifications.wakeWaitingFor(person.id, calendar.nextWindowStart(clock.now()), WAIT.noConversation);
    },

    async audience(person: Person): Promise<Audience> {
      const roles = await people.rolesOf(person.id);
      if (roles.includes("chef")) return "chief";
      if (roles.includes("leder")) return "leader";
      if (roles.includes("paedagogisk_leder")) return "paedagogisk_leder";
      return "participant";
    },

    async forget(person: Person): Promise<void> {
      await conversations.markInactive(person.id, "uninstalled", clock.now());
    },
  };
}
