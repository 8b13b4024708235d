-- The chief's area status counts læringssamtaler's follow-ups per unit from one covering index,
-- without joining Meeting for each follow-up: the follow-up keeps its meeting's kind.
ALTER TABLE "FollowUp" ADD COLUMN "meetingKind" TEXT;

-- Each follow-up takes its meeting's kind (a meeting never changes kind).
UPDATE "FollowUp" SET "meetingKind" = "Meeting"."kind" FROM "Meeting" WHERE "Meeting"."id" = "FollowUp"."meetingId";

ALTER TABLE "FollowUp" ALTER COLUMN "meetingKind" SET NOT NULL;

-- DropIndex
DROP INDEX "FollowUp_unitId_status_dueDate_doneAt_idx";

-- CreateIndex
CREATE INDEX "FollowUp_unitId_meetingKind_status_dueDate_doneAt_idx" ON "FollowUp"("unitId", "meetingKind", "status", "dueDate", "doneAt");
