-- People outside Teams (docs/decisions/0025): Person.aadObjectId nullable (still unique when set),
-- Person.phone and Person.origin (file | guest); the chair's guests (MeetingGuest) become people
-- with origin "guest" taking part in their meeting with role ad_hoc; GuestLink for their page.

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "origin" TEXT NOT NULL DEFAULT 'file',
ADD COLUMN     "phone" TEXT,
ALTER COLUMN "aadObjectId" DROP NOT NULL;

-- Every guest becomes a person (same id) and an ad hoc participant of their meeting.
INSERT INTO "Person" ("id", "aadObjectId", "name", "email", "phone", "origin", "active", "createdAt", "updatedAt")
  SELECT "id", NULL, "name", "email", "phone", 'guest', true, "createdAt", CURRENT_TIMESTAMP FROM "MeetingGuest";
INSERT INTO "MeetingParticipant" ("meetingId", "personId", "role")
  SELECT "meetingId", "id", 'ad_hoc' FROM "MeetingGuest";

-- DropForeignKey
ALTER TABLE "MeetingGuest" DROP CONSTRAINT "MeetingGuest_meetingId_fkey";

-- DropTable
DROP TABLE "MeetingGuest";

-- CreateTable
CREATE TABLE "GuestLink" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "liveKey" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "GuestLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "GuestLink_tokenHash_key" ON "GuestLink"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "GuestLink_liveKey_key" ON "GuestLink"("liveKey");

-- CreateIndex
CREATE INDEX "GuestLink_meetingId_personId_idx" ON "GuestLink"("meetingId", "personId");

-- CreateIndex
CREATE INDEX "GuestLink_personId_idx" ON "GuestLink"("personId");

-- AddForeignKey
ALTER TABLE "GuestLink" ADD CONSTRAINT "GuestLink_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
