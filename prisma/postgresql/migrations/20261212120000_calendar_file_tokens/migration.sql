-- CreateTable
CREATE TABLE "CalendarFileToken" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "meetingId" TEXT,
    "unitId" TEXT,
    "loopId" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarFileToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CalendarFileToken_personId_idx" ON "CalendarFileToken"("personId");

