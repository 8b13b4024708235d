-- CreateTable
CREATE TABLE "CalendarEvent" (
    "meetingId" TEXT NOT NULL PRIMARY KEY,
    "mailbox" TEXT NOT NULL,
    "transactionId" TEXT NOT NULL,
    "eventId" TEXT,
    "createStartedAt" DATETIME,
    "startsAt" DATETIME,
    "durationMinutes" INTEGER,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "syncedVersion" INTEGER NOT NULL DEFAULT 0,
    "declinedTold" TEXT NOT NULL DEFAULT '',
    "lockedUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "CalendarEvent_mailbox_idx" ON "CalendarEvent"("mailbox");
