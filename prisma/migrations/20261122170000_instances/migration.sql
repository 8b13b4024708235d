-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "leaseUntil" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BotInstance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "seenAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "BotInstance_seenAt_idx" ON "BotInstance"("seenAt");

