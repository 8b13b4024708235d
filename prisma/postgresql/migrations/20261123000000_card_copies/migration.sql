-- Every posted card that shows a subject is kept up to date where it was posted: a copy records
-- how to render it again and what it showed, so a refresh that renders the same leaves it alone.
-- AlterTable
ALTER TABLE "SentCard" ADD COLUMN "params" TEXT,
ADD COLUMN "fingerprint" TEXT;
-- Until now only the outbox recorded copies: agendas went as the meeting pack, referater with their intro.
UPDATE "SentCard" SET "params" = '{"pack":true}' WHERE "subjectKind" = 'agenda';
UPDATE "SentCard" SET "params" = '{"intro":true}' WHERE "subjectKind" = 'referat';

-- The agendas a follow-up was frozen onto (to bring their posted copies up to date).
-- CreateIndex
CREATE INDEX "AgendaItem_followUpId_idx" ON "AgendaItem"("followUpId");
