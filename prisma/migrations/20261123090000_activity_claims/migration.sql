-- A claim on an activity is held by one attempt until its lease runs out (renewed while it runs).
ALTER TABLE "ProcessedActivity" ADD COLUMN "holder" TEXT;
ALTER TABLE "ProcessedActivity" ADD COLUMN "leaseUntil" DATETIME;

-- Claims from before this migration that never got an answer belong to attempts that are gone
-- (the bot was restarted to migrate): a redelivery of one may now handle it.
UPDATE "ProcessedActivity" SET "leaseUntil" = "at" WHERE "response" IS NULL;
