-- AlterTable
ALTER TABLE "DownloadToken" ADD COLUMN "meetingId" TEXT;
