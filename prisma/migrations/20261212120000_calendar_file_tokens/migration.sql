-- CreateTable
CREATE TABLE "CalendarFileToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "meetingId" TEXT,
    "unitId" TEXT,
    "loopId" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "CalendarFileToken_personId_idx" ON "CalendarFileToken"("personId");

