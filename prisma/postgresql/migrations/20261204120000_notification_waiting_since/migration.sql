-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "waitingSince" TIMESTAMP(3);
