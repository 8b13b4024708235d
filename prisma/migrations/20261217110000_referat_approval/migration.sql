-- CreateTable
CREATE TABLE "ReferatApproval" (
    "meetingId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "personId" TEXT NOT NULL,
    "approvedAt" DATETIME NOT NULL,

    PRIMARY KEY ("meetingId", "version", "personId")
);

-- CreateTable
CREATE TABLE "ReferatApprovalStart" (
    "meetingId" TEXT NOT NULL PRIMARY KEY,
    "fromVersion" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "ReferatRemark" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "personId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "textHash" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ReferatRemark_meetingId_version_personId_textHash_key" ON "ReferatRemark"("meetingId", "version", "personId", "textHash");

-- Referater closed before approval was introduced are not asked for it; a correction made from now on is.
INSERT INTO "ReferatApprovalStart" ("meetingId", "fromVersion") SELECT "id", "referatVersion" + 1 FROM "Meeting" WHERE "referatVersion" > 0;
