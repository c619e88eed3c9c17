-- AlterTable
ALTER TABLE "AccessRequest" ADD COLUMN     "expiryNoticeSentAt" TIMESTAMP(3),
ADD COLUMN     "reminderSentAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "AccessGrant" ADD COLUMN     "endRecordedAt" TIMESTAMP(3),
ADD COLUMN     "endingNoticeSentAt" TIMESTAMP(3);

-- What happened before these notices existed is not announced now: requests already expired, and
-- grants already past their end date, count as told (their end is not written to activity late).
UPDATE "AccessRequest" SET "expiryNoticeSentAt" = now() WHERE status = 'EXPIRED' OR (status = 'PENDING' AND "expiresAt" <= now());
UPDATE "AccessGrant" SET "endRecordedAt" = now() WHERE "revokedAt" IS NULL AND "endsAt" <= now();
