-- CreateTable
CREATE TABLE "ReferatApproval" (
    "meetingId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "personId" TEXT NOT NULL,
    "approvedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReferatApproval_pkey" PRIMARY KEY ("meetingId","version","personId")
);

-- CreateTable
CREATE TABLE "ReferatApprovalStart" (
    "meetingId" TEXT NOT NULL,
    "fromVersion" INTEGER NOT NULL,

    CONSTRAINT "ReferatApprovalStart_pkey" PRIMARY KEY ("meetingId")
);

-- CreateTable
CREATE TABLE "ReferatRemark" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "personId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "textHash" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReferatRemark_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReferatRemark_meetingId_version_personId_textHash_key" ON "ReferatRemark"("meetingId", "version", "personId", "textHash");

-- Referater closed before approval was introduced are not asked for it; a correction made from now on is.
INSERT INTO "ReferatApprovalStart" ("meetingId", "fromVersion") SELECT "id", "referatVersion" + 1 FROM "Meeting" WHERE "referatVersion" > 0;
