-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN "minutesErasedAt" DATETIME;

-- CreateTable
CREATE TABLE "AuditEntry" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "actorId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subjectKind" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "meetingId" TEXT,
    "personId" TEXT,
    "formerPersonId" TEXT,
    "detail" TEXT NOT NULL DEFAULT '{}'
);

-- CreateIndex
CREATE INDEX "AuditEntry_subjectId_idx" ON "AuditEntry"("subjectId");

-- CreateIndex
CREATE INDEX "AuditEntry_meetingId_idx" ON "AuditEntry"("meetingId");

-- CreateIndex
CREATE INDEX "AuditEntry_actorId_idx" ON "AuditEntry"("actorId");

-- CreateIndex
CREATE INDEX "AuditEntry_personId_idx" ON "AuditEntry"("personId");


-- The audit log is append-only: no row is deleted, and the only change allowed is replacing a
-- person's id by an anonymous one ("anonym-…") when gdpr:erase anonymises that person.
CREATE TRIGGER "AuditEntry_no_delete" BEFORE DELETE ON "AuditEntry"
BEGIN
    SELECT RAISE(ABORT, 'AuditEntry is append-only');
END;

CREATE TRIGGER "AuditEntry_no_update" BEFORE UPDATE ON "AuditEntry"
WHEN NOT (
    NEW."seq" = OLD."seq" AND NEW."at" = OLD."at" AND NEW."action" = OLD."action"
    AND NEW."subjectKind" = OLD."subjectKind" AND NEW."meetingId" IS OLD."meetingId" AND NEW."detail" = OLD."detail"
    AND (NEW."actorId" = OLD."actorId" OR NEW."actorId" LIKE 'anonym-%')
    AND (NEW."subjectId" = OLD."subjectId" OR NEW."subjectId" LIKE 'anonym-%')
    AND (NEW."personId" IS OLD."personId" OR NEW."personId" LIKE 'anonym-%')
    AND (NEW."formerPersonId" IS OLD."formerPersonId" OR NEW."formerPersonId" LIKE 'anonym-%')
)
BEGIN
    SELECT RAISE(ABORT, 'AuditEntry is append-only');
END;
