-- The chief's area status reads each unit's next planned meeting as one index row, already in
-- order (Meeting(unitId, startsAt) read every meeting to come and left the status to the table).
-- CreateIndex
CREATE INDEX "Meeting_unitId_status_startsAt_idx" ON "Meeting"("unitId", "status", "startsAt");
