-- AlterTable
ALTER TABLE "Reflection" ADD COLUMN "nothingNew" BOOLEAN NOT NULL DEFAULT false;
