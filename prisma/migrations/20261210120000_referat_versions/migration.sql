-- Closing asks for confirmation and the chair may reopen a closed meeting to correct it: every
-- referat a meeting had is kept, with the form revision it shows (docs/decisions/0013).
-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN "referatVersion" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Meeting" ADD COLUMN "carriedFrozen" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ReferatVersion" (
    "meetingId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "formRevision" INTEGER NOT NULL,
    "closedAt" DATETIME NOT NULL,
    "closedById" TEXT NOT NULL,
    "reopenedAt" DATETIME,
    "reopenedById" TEXT,

    PRIMARY KEY ("meetingId", "version"),
    CONSTRAINT "ReferatVersion_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- A meeting closed before this had one referat, showing the form as it stands (corrections were
-- saved into it until now), closed by its chair; the follow-ups it carried were frozen then.
UPDATE "Meeting" SET "referatVersion" = 1, "carriedFrozen" = 1 WHERE "status" = 'closed';
INSERT INTO "ReferatVersion" ("meetingId", "version", "formRevision", "closedAt", "closedById")
SELECT "id", 1, (SELECT COUNT(*) FROM "FormRevision" WHERE "FormRevision"."meetingId" = "Meeting"."id"), COALESCE("closedAt", "startsAt"), "chairId"
FROM "Meeting" WHERE "status" = 'closed';
