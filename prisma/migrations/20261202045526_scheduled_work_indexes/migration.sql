-- CreateIndex
CREATE INDEX "AccessGrant_endingNoticeSentAt_endsAt_idx" ON "AccessGrant"("endingNoticeSentAt", "endsAt");

-- CreateIndex
CREATE INDEX "AccessGrant_endRecordedAt_endsAt_idx" ON "AccessGrant"("endRecordedAt", "endsAt");
