-- CreateIndex
CREATE INDEX "ProcessedActivity_at_idx" ON "ProcessedActivity"("at");

