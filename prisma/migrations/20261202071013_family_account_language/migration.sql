-- CreateEnum
CREATE TYPE "Language" AS ENUM ('EN', 'ES');

-- AlterTable
ALTER TABLE "FamilyAccount" ADD COLUMN     "language" "Language" NOT NULL DEFAULT 'EN';
