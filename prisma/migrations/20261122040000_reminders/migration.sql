-- AlterTable
ALTER TABLE "ConversationRef" ADD COLUMN "inactiveReason" TEXT;
ALTER TABLE "ConversationRef" ADD COLUMN "inactiveSince" DATETIME;

-- CreateTable
CREATE TABLE "Preference" (
    "personId" TEXT NOT NULL PRIMARY KEY,
    "absentUntil" TEXT,
    "muted" TEXT NOT NULL DEFAULT '',
    "digestTime" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "notAfter" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "leaseUntil" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "immediate" BOOLEAN NOT NULL DEFAULT false,
    "postStartedAt" DATETIME
);
INSERT INTO "new_Notification" ("attempts", "createdAt", "dueAt", "id", "key", "kind", "lastError", "leaseUntil", "notAfter", "personId", "sentAt", "status", "subjectId") SELECT "attempts", "createdAt", "dueAt", "id", "key", "kind", "lastError", "leaseUntil", "notAfter", "personId", "sentAt", "status", "subjectId" FROM "Notification";
DROP TABLE "Notification";
ALTER TABLE "new_Notification" RENAME TO "Notification";
CREATE UNIQUE INDEX "Notification_key_key" ON "Notification"("key");
CREATE INDEX "Notification_status_dueAt_idx" ON "Notification"("status", "dueAt");
CREATE INDEX "Notification_subjectId_idx" ON "Notification"("subjectId");
CREATE INDEX "Notification_personId_status_idx" ON "Notification"("personId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- The due-date reminder became two: "frist nærmer sig" before and "frist overskredet" after the
-- date. Pending rows of the old kind are replaced at start (followUps.replanReminders).
UPDATE "Notification" SET "status" = 'cancelled', "lastError" = 'superseded' WHERE "kind" = 'followup_due' AND "status" IN ('pending', 'sending');
