import { randomUUID } from "node:crypto";
import type { SentCardCopy, SentCardRepository } from "../domain/ports.js";
import { chunked, IN_LIST_MAX } from "./chunked.js";
import type { Db } from "./prisma-client.js";
import { Prisma } from "../generated/prisma/client.js";
import { rawDate } from "./mappers.js";
import { rawSqlOf } from "./raw-sql.js";

interface CopyRow {
  subjectKind: string;
  subjectId: string;
  params: string | null;
  fingerprint: string | null;
  personId: string;
  conversationId: string;
  activityId: string;
}

export function createSentCardRepository(db: Db): SentCardRepository {
  const sql = rawSqlOf(db);
  return {
    async record(copy, opts = {}) {
      // On every click's path (the replaced card is tracked): one raw statement, which SQLite and
      // PostgreSQL both run, on the driver (decisions 0031, 0035). A click replaced the card: it
      // shows what the answer shows now.
      const rows = await sql.$queryRaw<{ createdAt: Date | string | number }[]>`
        INSERT INTO "SentCard" ("id", "subjectKind", "subjectId", "params", "fingerprint", "personId", "conversationId", "activityId", "createdAt")
        VALUES (${randomUUID()}, ${copy.subjectKind}, ${copy.subjectId}, ${copy.params ?? null}, ${copy.fingerprint ?? null}, ${copy.personId}, ${copy.conversationId}, ${copy.activityId}, ${new Date()})
        ON CONFLICT ("conversationId", "activityId") DO UPDATE SET
          "subjectKind" = excluded."subjectKind", "subjectId" = excluded."subjectId", "params" = excluded."params",
          "fingerprint" = excluded."fingerprint", "personId" = excluded."personId"
        RETURNING "createdAt"`;
      // Copies posted before this one are let go (a click on an older copy lets go of none newer).
      if (opts.onlyLatest) {
        const createdAt = rawDate(rows[0]!.createdAt);
        await db.sentCard.deleteMany({ where: { subjectKind: copy.subjectKind, subjectId: copy.subjectId, conversationId: copy.conversationId, createdAt: { lt: createdAt } } });
      }
    },

    async list(wanted) {
      // After every change (the writing click's among them, decision 0031): one raw read for every
      // kind, unless there are more ids than one statement may bind.
      const reads: Prisma.Sql[][] = [[]];
      let bound = 0;
      for (const w of wanted) {
        for (const ids of chunked([...new Set(w.subjectIds)])) {
          if (bound + ids.length > IN_LIST_MAX && reads.at(-1)!.length > 0) {
            reads.push([]);
            bound = 0;
          }
          reads.at(-1)!.push(Prisma.sql`("subjectKind" = ${w.subjectKind} AND "subjectId" IN (${Prisma.join(ids)}))`);
          bound += ids.length;
        }
      }
      const out: SentCardCopy[] = [];
      for (const some of reads.filter((r) => r.length > 0)) {
        const rows = await sql.$queryRaw<CopyRow[]>`
          SELECT "subjectKind", "subjectId", "params", "fingerprint", "personId", "conversationId", "activityId"
          FROM "SentCard" WHERE ${Prisma.join(some, " OR ")} ORDER BY "createdAt" ASC, "id" ASC`;
        out.push(...rows.map((r) => ({ ...r, params: r.params ?? undefined, fingerprint: r.fingerprint ?? undefined })));
      }
      return out;
    },

    async updated(conversationId, activityId, fingerprint) {
      await db.sentCard.updateMany({ where: { conversationId, activityId }, data: { fingerprint } });
    },

    async forget(conversationId, activityId) {
      await db.sentCard.deleteMany({ where: { conversationId, activityId } });
    },
  };
}
