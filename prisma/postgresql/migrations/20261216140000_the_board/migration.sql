-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "boardMode" TEXT;

-- CreateTable
CREATE TABLE "BoardReport" (
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "loopId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "meetingId" TEXT NOT NULL,
    "decisionId" TEXT,
    "authorId" TEXT NOT NULL,
    "followedUp" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "sentAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BoardReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BoardReport_unitId_loopId_year_key" ON "BoardReport"("unitId", "loopId", "year");

