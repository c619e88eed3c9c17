-- The uses counted so far are not carried over: each limit starts afresh after this migration.
-- DropTable
DROP TABLE "RateLimitHit";

-- CreateTable
CREATE TABLE "RateLimitWindow" (
    "kind" "RateLimitKind" NOT NULL,
    "subject" TEXT NOT NULL,
    "hits" TIMESTAMPTZ(3)[],
    "counted" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "RateLimitWindow_pkey" PRIMARY KEY ("kind","subject")
);
