-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN     "language" "Language" NOT NULL DEFAULT 'EN';
