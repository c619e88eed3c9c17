-- AlterEnum
ALTER TYPE "Portal" ADD VALUE 'STAFF';

-- AlterTable
ALTER TABLE "PatientLink" ADD COLUMN     "endedByStaff" TEXT,
ADD COLUMN     "endedReason" TEXT;

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "staffId" UUID;

-- CreateIndex
CREATE INDEX "Session_staffId_idx" ON "Session"("staffId");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;
