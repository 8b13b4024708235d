-- People outside Teams (docs/decisions/0025): Person.aadObjectId nullable (still unique when set),
-- Person.phone and Person.origin (file | guest); the chair's guests (MeetingGuest) become people
-- with origin "guest" taking part in their meeting with role ad_hoc; GuestLink for their page.

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Person" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "aadObjectId" TEXT,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "origin" TEXT NOT NULL DEFAULT 'file',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Person" ("aadObjectId", "active", "createdAt", "email", "id", "name", "updatedAt") SELECT "aadObjectId", "active", "createdAt", "email", "id", "name", "updatedAt" FROM "Person";
DROP TABLE "Person";
ALTER TABLE "new_Person" RENAME TO "Person";
CREATE UNIQUE INDEX "Person_aadObjectId_key" ON "Person"("aadObjectId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Every guest becomes a person (same id) and an ad hoc participant of their meeting.
INSERT INTO "Person" ("id", "aadObjectId", "name", "email", "phone", "origin", "active", "createdAt", "updatedAt")
  SELECT "id", NULL, "name", "email", "phone", 'guest', true, "createdAt", CURRENT_TIMESTAMP FROM "MeetingGuest";
INSERT INTO "MeetingParticipant" ("meetingId", "personId", "role")
  SELECT "meetingId", "id", 'ad_hoc' FROM "MeetingGuest";

-- DropIndex
DROP INDEX "MeetingGuest_meetingId_idx";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "MeetingGuest";
PRAGMA foreign_keys=on;

-- CreateTable
CREATE TABLE "GuestLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "liveKey" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    CONSTRAINT "GuestLink_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "GuestLink_tokenHash_key" ON "GuestLink"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "GuestLink_liveKey_key" ON "GuestLink"("liveKey");

-- CreateIndex
CREATE INDEX "GuestLink_meetingId_personId_idx" ON "GuestLink"("meetingId", "personId");

-- CreateIndex
CREATE INDEX "GuestLink_personId_idx" ON "GuestLink"("personId");
