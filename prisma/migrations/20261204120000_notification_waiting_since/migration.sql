-- AlterTable
ALTER TABLE "Notification" ADD COLUMN "waitingSince" DATETIME;
