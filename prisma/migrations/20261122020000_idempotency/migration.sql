-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN "requestId" TEXT;

-- AlterTable
ALTER TABLE "ProcessedActivity" ADD COLUMN "response" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_requestId_key" ON "Meeting"("requestId");

