import type { ConversationRepository } from "../domain/ports.js";
import type { ConversationRefRecord } from "../domain/types.js";
import { chunked } from "./chunked.js";
import type { Db } from "./prisma-client.js";
import { isUniqueViolation } from "./errors.js";

type Row = NonNullable<Awaited<ReturnType<Db["conversationRef"]["findUnique"]>>>;

function toRecord(r: Row): ConversationRefRecord {
  return {
    personId: r.personId,
    conversationId: r.conversationId,
    serviceUrl: r.serviceUrl,
    tenantId: r.tenantId ?? undefined,
    reference: JSON.parse(r.reference) as Record<string, unknown>,
    active: r.active,
    inactiveReason: r.inactiveReason ?? undefined,
    inactiveSince: r.inactiveSince ?? undefined,
    greetedAt: r.greetedAt ?? undefined,
  };
}

export function createConversationRepository(db: Db): ConversationRepository {
  return {
    async save(ref) {
      const data = {
        conversationId: ref.conversationId,
        serviceUrl: ref.serviceUrl,
        tenantId: ref.tenantId ?? null,
        reference: JSON.stringify(ref.reference),
        active: true,
        inactiveReason: null,
        inactiveSince: null,
      };
      await db.conversationRef.upsert({ where: { personId: ref.personId }, create: { personId: ref.personId, ...data }, update: data });
    },

    async saveIfNone(ref) {
      try {
        await db.conversationRef.create({
          data: { personId: ref.personId, conversationId: ref.conversationId, serviceUrl: ref.serviceUrl, tenantId: ref.tenantId ?? null, reference: JSON.stringify(ref.reference) },
        });
        return true;
      } catch (err) {
        if (isUniqueViolation(err)) return false;
        throw err;
      }
    },

    async get(personId) {
      const r = await db.conversationRef.findUnique({ where: { personId } });
      return r ? toRecord(r) : undefined;
    },

    async getMany(personIds) {
      const found = new Map<string, ConversationRefRecord>();
      for (const ids of chunked([...new Set(personIds)])) for (const r of await db.conversationRef.findMany({ where: { personId: { in: ids } } })) found.set(r.personId, toRecord(r));
      return found;
    },

    async markInactive(personId, reason, at) {
      // The first refusal names the spell: a second one (another card, another instance) changes nothing.
      await db.conversationRef.updateMany({ where: { personId, active: true }, data: { active: false, inactiveReason: reason, inactiveSince: at } });
    },

    async claimGreeting(personId, at) {
      const r = await db.conversationRef.updateMany({ where: { personId, greetedAt: null }, data: { greetedAt: at } });
      return r.count === 1;
    },
  };
}
