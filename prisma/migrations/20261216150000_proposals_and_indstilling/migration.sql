-- AlterTable
ALTER TABLE "AgendaItem" ADD COLUMN "recommendationById" TEXT;

-- AlterTable
ALTER TABLE "FocusArea" ADD COLUMN "approvedById" TEXT;
ALTER TABLE "FocusArea" ADD COLUMN "proposedById" TEXT;

-- CreateTable
CREATE TABLE "FocusAreaProposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitId" TEXT NOT NULL,
    "loopId" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "proposedById" TEXT NOT NULL,
    "rows" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "approvedById" TEXT,
    "approvedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "FocusAreaProposal_unitId_loopId_key" ON "FocusAreaProposal"("unitId", "loopId");

