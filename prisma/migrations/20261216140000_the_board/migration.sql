-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN "boardMode" TEXT;

-- CreateTable
CREATE TABLE "BoardReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitId" TEXT NOT NULL,
    "loopId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "meetingId" TEXT NOT NULL,
    "decisionId" TEXT,
    "authorId" TEXT NOT NULL,
    "followedUp" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "sentAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "BoardReport_unitId_loopId_year_key" ON "BoardReport"("unitId", "loopId", "year");

