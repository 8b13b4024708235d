-- AlterTable
ALTER TABLE "ChannelLink" ADD COLUMN "teamId" TEXT;

-- CreateIndex
CREATE INDEX "ChannelLink_teamId_idx" ON "ChannelLink"("teamId");

