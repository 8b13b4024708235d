-- CreateTable
CREATE TABLE "ReferatApproval" (
    "meetingId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "personId" TEXT NOT NULL,
    "approvedAt" DATETIME NOT NULL,

    PRIMARY KEY ("meetingId", "version", "personId")
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
