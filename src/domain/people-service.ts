import type { Clock, ConversationRepository, PeopleRepository } from "./ports.js";
import type { ConversationRefRecord, Person } from "./types.js";

export interface PeopleServiceDeps {
  people: PeopleRepository;
  conversations: ConversationRepository;
  clock: Clock;
}

export type PeopleService = ReturnType<typeof createPeopleService>;

/** Who is talking to the bot, and how to reach them later. */
export function createPeopleService({ people, conversations, clock }: PeopleServiceDeps) {
  return {
    /** The registered, active person behind an Entra object id, if any. */
    async identify(aadObjectId: string | undefined): Promise<Person | undefined> {
      if (!aadObjectId) return undefined;
      const p = await people.byAadObjectId(aadObjectId);
      return p?.active ? p : undefined;
    },

    /**
     * Stores the personal conversation reference (install or first message). Returns true when
     * the person should be greeted: the first time only, whatever arrives twice.
     */
    async rememberConversation(person: Person, ref: Omit<ConversationRefRecord, "personId" | "active" | "greetedAt">): Promise<boolean> {
      await conversations.save({ ...ref, personId: person.id });
      return conversations.claimGreeting(person.id, clock.now());
    },

    async forget(person: Person): Promise<void> {
      await conversations.markInactive(person.id);
    },
  };
}
