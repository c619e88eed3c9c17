// The statements of every request sent straight to the pool (lib/db.ts, decision 015) read and write
// times exactly as Prisma does, whatever the server's time zone, and each runs inside the
// transaction it is given.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/record";
import { createSession, validateSession } from "@/lib/auth/session-store";
import { RATE_LIMITS, takeRateLimit } from "@/lib/rate-limit";
import { createProvider } from "../support/factories.ts";
import { useDatabase } from "../support/use-database.ts";

const MINUTE = 60_000;

describe("statements sent without Prisma", () => {
  const db = useDatabase({ poolSize: 2 });
  const zone = process.env.TZ;
  // A zone eight hours from UTC: a time read or written in the server's zone would be off by that much.
  beforeEach(() => void (process.env.TZ = "America/Los_Angeles"));
  afterEach(() => void (zone === undefined ? delete process.env.TZ : (process.env.TZ = zone)));

  it("reads a session's times as UTC in any server time zone: a session seen a minute ago is still open", async () => {
    const provider = await createProvider(db.prisma);
    const now = new Date();
    const { secret } = await createSession(db.prisma, { portal: "mypatients", providerId: provider.id }, now);
    expect(await validateSession(db.prisma, "mypatients", secret, new Date(now.getTime() + MINUTE))).toMatchObject({ providerId: provider.id });
    // Inside a transaction the same statement goes through Prisma, and reads the same.
    expect(await db.prisma.$transaction((tx) => validateSession(tx, "mypatients", secret, new Date(now.getTime() + 2 * MINUTE)))).toMatchObject({ providerId: provider.id });
    // 31 minutes without a request: idle (SPEC §7), so the times were read right, not eight hours off.
    expect(await validateSession(db.prisma, "mypatients", secret, new Date(now.getTime() + 32 * MINUTE))).toBeNull();
  });

  it("writes an audit event's time as UTC, alone or inside a transaction", async () => {
    const before = Date.now();
    await recordAudit(db.prisma, { actor: { type: "SYSTEM" }, action: "request.expire", outcome: "SUCCESS", details: { alone: true } });
    await db.prisma.$transaction((tx) => recordAudit(tx, { actor: { type: "SYSTEM" }, action: "request.expire", outcome: "SUCCESS", details: { alone: false } }));
    const events = await db.prisma.auditEvent.findMany({ where: { action: "request.expire" }, orderBy: { id: "asc" } });
    expect(events.map((event) => event.details)).toEqual([{ alone: true }, { alone: false }]);
    for (const event of events) expect(Math.abs(event.occurredAt.getTime() - before)).toBeLessThan(MINUTE);
  });

  it("counts a use toward its rate limit with the time given, and leaves nothing of a transaction rolled back", async () => {
    const provider = await createProvider(db.prisma);
    const now = new Date("2026-06-01T12:00:00Z");
    expect(await takeRateLimit(db.prisma, RATE_LIMITS.search, provider.id, now)).toEqual({ allowed: true });
    await expect(
      db.prisma.$transaction(async (tx) => {
        await takeRateLimit(tx, RATE_LIMITS.search, provider.id, new Date(now.getTime() + 1000));
        throw new Error("the change fails part-way");
      }),
    ).rejects.toThrow("part-way");
    const window = await db.prisma.rateLimitWindow.findUniqueOrThrow({ where: { kind_subject: { kind: "SEARCH", subject: provider.id } } });
    expect(window.hits).toEqual([now]);
  });
});
