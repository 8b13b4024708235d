import type { CredentialCheck, CredentialCheckRepository } from "../domain/ports.js";
import type { Db } from "./prisma-client.js";

const toCheck = (r: { appId: string; checkedAt: Date; state: string; reason: string | null; secretExpires: string | null }): CredentialCheck => ({
  appId: r.appId,
  checkedAt: r.checkedAt,
  state: r.state as CredentialCheck["state"],
  ...(r.reason ? { reason: r.reason } : {}),
  ...(r.secretExpires ? { secretExpires: r.secretExpires } : {}),
});

/** The last credential check per bot app: one row, overwritten by whichever instance checked last. */
export function createCredentialCheckRepository(db: Db): CredentialCheckRepository {
  return {
    async save(c) {
      const data = { checkedAt: c.checkedAt, state: c.state, reason: c.reason ?? null, secretExpires: c.secretExpires ?? null };
      await db.credentialCheck.upsert({ where: { appId: c.appId }, create: { appId: c.appId, ...data }, update: data });
    },
    async get(appId) {
      const r = await db.credentialCheck.findUnique({ where: { appId } });
      return r ? toCheck(r) : undefined;
    },
    async list() {
      return (await db.credentialCheck.findMany({ orderBy: { checkedAt: "desc" } })).map(toCheck);
    },
  };
}
