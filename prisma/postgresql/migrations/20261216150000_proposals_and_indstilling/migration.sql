-- AlterTable
ALTER TABLE "AgendaItem" ADD COLUMN     "recommendationById" TEXT;

-- AlterTable
ALTER TABLE "FocusArea" ADD COLUMN     "approvedById" TEXT,
ADD COLUMN     "proposedById" TEXT;

-- CreateTable
CREATE TABLE "FocusAreaProposal" (
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "loopId" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "proposedById" TEXT NOT NULL,
    "rows" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "approvedById" TEXT,
    "approvedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FocusAreaProposal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FocusAreaProposal_unitId_loopId_key" ON "FocusAreaProposal"("unitId", "loopId");

