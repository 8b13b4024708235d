-- CreateTable
CREATE TABLE "CalendarEvent" (
    "meetingId" TEXT NOT NULL,
    "mailbox" TEXT NOT NULL,
    "transactionId" TEXT NOT NULL,
    "eventId" TEXT,
    "createStartedAt" TIMESTAMP(3),
    "startsAt" TIMESTAMP(3),
    "durationMinutes" INTEGER,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "syncedVersion" INTEGER NOT NULL DEFAULT 0,
    "declinedTold" TEXT NOT NULL DEFAULT '',
    "lockedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CalendarEvent_pkey" PRIMARY KEY ("meetingId")
);

-- CreateIndex
CREATE INDEX "CalendarEvent_mailbox_idx" ON "CalendarEvent"("mailbox");
