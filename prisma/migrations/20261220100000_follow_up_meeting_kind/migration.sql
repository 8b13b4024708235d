-- The chief's area status counts læringssamtaler's follow-ups per unit from one covering index,
-- without joining Meeting for each follow-up: the follow-up keeps its meeting's kind.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_FollowUp" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "meetingKind" TEXT NOT NULL,
    "decisionId" TEXT,
    "text" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "evaluateOn" TEXT,
    "evaluateAtNextMeeting" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'open',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "doneAt" DATETIME,
    CONSTRAINT "FollowUp_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "FollowUp_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "FollowUp_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Each follow-up takes its meeting's kind (a meeting never changes kind).
INSERT INTO "new_FollowUp" ("createdAt", "decisionId", "doneAt", "dueDate", "evaluateAtNextMeeting", "evaluateOn", "id", "meetingId", "unitId", "meetingKind", "ownerId", "status", "text", "version") SELECT "createdAt", "decisionId", "doneAt", "dueDate", "evaluateAtNextMeeting", "evaluateOn", "id", "meetingId", "unitId", (SELECT "kind" FROM "Meeting" WHERE "Meeting"."id" = "FollowUp"."meetingId"), "ownerId", "status", "text", "version" FROM "FollowUp";
DROP TABLE "FollowUp";
ALTER TABLE "new_FollowUp" RENAME TO "FollowUp";
CREATE INDEX "FollowUp_ownerId_status_dueDate_idx" ON "FollowUp"("ownerId", "status", "dueDate");
CREATE INDEX "FollowUp_meetingId_idx" ON "FollowUp"("meetingId");
CREATE INDEX "FollowUp_unitId_meetingKind_status_dueDate_doneAt_idx" ON "FollowUp"("unitId", "meetingKind", "status", "dueDate", "doneAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
