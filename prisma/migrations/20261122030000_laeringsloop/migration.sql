-- AlterTable
ALTER TABLE "Unit" ADD COLUMN "congestedSince" DATETIME;
ALTER TABLE "Unit" ADD COLUMN "intentionCeiling" INTEGER;

-- AlterTable
ALTER TABLE "AgendaItem" ADD COLUMN "recommendation" TEXT;
ALTER TABLE "AgendaItem" ADD COLUMN "step" TEXT;

-- CreateTable
CREATE TABLE "Loop" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "unitTypes" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Theme" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "loopId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "Theme_loopId_fkey" FOREIGN KEY ("loopId") REFERENCES "Loop" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FocusArea" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitId" TEXT NOT NULL,
    "loopId" TEXT NOT NULL,
    "themeId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "evaluateOn" TEXT,
    "evaluateAtNextMeeting" BOOLEAN NOT NULL DEFAULT false,
    "meetingId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME
);

-- CreateTable
CREATE TABLE "BoardStatement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "sentAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "YearWheel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitId" TEXT NOT NULL,
    "loopId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'proposed',
    "version" INTEGER NOT NULL DEFAULT 1,
    "confirmedAt" DATETIME,
    "confirmedById" TEXT
);

-- CreateTable
CREATE TABLE "YearWheelEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "wheelId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "withPersonId" TEXT,
    "firstOfLoop" BOOLEAN NOT NULL DEFAULT false,
    "date" TEXT NOT NULL,
    "time" TEXT NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "meetingId" TEXT,
    CONSTRAINT "YearWheelEntry_wheelId_fkey" FOREIGN KEY ("wheelId") REFERENCES "YearWheel" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Meeting" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "loopId" TEXT,
    "firstOfLoop" BOOLEAN NOT NULL DEFAULT false,
    "templateId" TEXT NOT NULL DEFAULT '1-1-ledelsesopfoelgning',
    "template" TEXT,
    "templateFrozen" BOOLEAN NOT NULL DEFAULT false,
    "chairId" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "version" INTEGER NOT NULL DEFAULT 1,
    "requestId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    CONSTRAINT "Meeting_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Meeting" ("chairId", "closedAt", "createdAt", "durationMinutes", "id", "kind", "requestId", "startsAt", "status", "unitId", "version") SELECT "chairId", "closedAt", "createdAt", "durationMinutes", "id", "kind", "requestId", "startsAt", "status", "unitId", "version" FROM "Meeting";
DROP TABLE "Meeting";
ALTER TABLE "new_Meeting" RENAME TO "Meeting";
CREATE UNIQUE INDEX "Meeting_requestId_key" ON "Meeting"("requestId");
CREATE INDEX "Meeting_chairId_startsAt_idx" ON "Meeting"("chairId", "startsAt");
CREATE INDEX "Meeting_status_startsAt_idx" ON "Meeting"("status", "startsAt");
CREATE TABLE "new_FollowUp" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
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
    CONSTRAINT "FollowUp_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_FollowUp" ("createdAt", "decisionId", "doneAt", "dueDate", "id", "meetingId", "ownerId", "status", "text", "version") SELECT "createdAt", "decisionId", "doneAt", "dueDate", "id", "meetingId", "ownerId", "status", "text", "version" FROM "FollowUp";
DROP TABLE "FollowUp";
ALTER TABLE "new_FollowUp" RENAME TO "FollowUp";
CREATE INDEX "FollowUp_ownerId_status_dueDate_idx" ON "FollowUp"("ownerId", "status", "dueDate");
CREATE INDEX "FollowUp_meetingId_idx" ON "FollowUp"("meetingId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Theme_loopId_key_key" ON "Theme"("loopId", "key");

-- CreateIndex
CREATE INDEX "FocusArea_unitId_loopId_status_idx" ON "FocusArea"("unitId", "loopId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "BoardStatement_meetingId_authorId_key" ON "BoardStatement"("meetingId", "authorId");

-- CreateIndex
CREATE UNIQUE INDEX "YearWheel_unitId_loopId_key" ON "YearWheel"("unitId", "loopId");

-- CreateIndex
CREATE UNIQUE INDEX "YearWheelEntry_meetingId_key" ON "YearWheelEntry"("meetingId");

-- CreateIndex
CREATE INDEX "YearWheelEntry_wheelId_idx" ON "YearWheelEntry"("wheelId");

