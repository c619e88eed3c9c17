-- CreateEnum
CREATE TYPE "PracticeStatus" AS ENUM ('ENROLLED', 'PENDING');

-- CreateEnum
CREATE TYPE "MembershipStatus" AS ENUM ('PENDING', 'APPROVED', 'DECLINED');

-- CreateEnum
CREATE TYPE "MembershipRole" AS ENUM ('MEMBER', 'SITE_ADMIN');

-- DropIndex
DROP INDEX "Provider_practiceId_idx";

-- AlterTable
ALTER TABLE "Practice" ADD COLUMN     "city" TEXT,
ADD COLUMN     "enrolledAt" TIMESTAMP(3),
ADD COLUMN     "enrolledByStaff" TEXT,
ADD COLUMN     "membersConfirmedAt" TIMESTAMP(3),
ADD COLUMN     "membersReminderSentAt" TIMESTAMP(3),
ADD COLUMN     "phone" TEXT,
ADD COLUMN     "status" "PracticeStatus" NOT NULL DEFAULT 'ENROLLED';

-- AlterTable
ALTER TABLE "Provider" ADD COLUMN     "membershipDecidedAt" TIMESTAMP(3),
ADD COLUMN     "membershipDecidedById" UUID,
ADD COLUMN     "membershipDecidedByStaff" TEXT,
ADD COLUMN     "membershipEndedAt" TIMESTAMP(3),
ADD COLUMN     "membershipEndedById" UUID,
ADD COLUMN     "membershipEndedByStaff" TEXT,
ADD COLUMN     "membershipRole" "MembershipRole" NOT NULL DEFAULT 'MEMBER',
ADD COLUMN     "membershipStatus" "MembershipStatus" NOT NULL DEFAULT 'PENDING';

-- CreateTable
CREATE TABLE "Staff" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Staff_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Staff_email_key" ON "Staff"("email");

-- CreateIndex
CREATE INDEX "Practice_status_name_idx" ON "Practice"("status", "name");

-- CreateIndex
CREATE INDEX "Provider_practiceId_membershipStatus_idx" ON "Provider"("practiceId", "membershipStatus");

-- CreateIndex
CREATE INDEX "Provider_membershipDecidedById_idx" ON "Provider"("membershipDecidedById");

-- CreateIndex
CREATE INDEX "Provider_membershipEndedById_idx" ON "Provider"("membershipEndedById");

-- AddForeignKey
ALTER TABLE "Provider" ADD CONSTRAINT "Provider_membershipDecidedById_fkey" FOREIGN KEY ("membershipDecidedById") REFERENCES "Provider"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Provider" ADD CONSTRAINT "Provider_membershipEndedById_fkey" FOREIGN KEY ("membershipEndedById") REFERENCES "Provider"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Data: nobody loses access they had. Every provider who had verified their email (active or
-- since disabled) becomes an approved member of the practice they named, recorded as decided by
-- this migration. A registration still unverified is not grandfathered: it waits for approval like
-- any new one. Every practice known so far is enrolled, its member list confirmed today.
UPDATE "Provider"
SET "membershipStatus" = 'APPROVED',
    "membershipDecidedAt" = CURRENT_TIMESTAMP,
    "membershipDecidedByStaff" = 'migration 20261201233203_practice_memberships'
WHERE "status" IN ('ACTIVE', 'DISABLED');

UPDATE "Practice"
SET "enrolledAt" = "createdAt",
    "enrolledByStaff" = 'migration 20261201233203_practice_memberships',
    "membersConfirmedAt" = CURRENT_TIMESTAMP;
