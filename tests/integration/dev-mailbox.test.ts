import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

// The page itself, imported with the setting off and on (env() is read once per module load).
describe("/dev/mailbox", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: true });
    process.env.DATABASE_URL = database.url;
  });
  afterAll(async () => {
    await database?.drop();
  });

  async function loadPage(devMailbox: string | undefined) {
    vi.resetModules();
    if (devMailbox === undefined) delete process.env.DEV_MAILBOX;
    else process.env.DEV_MAILBOX = devMailbox;
    return (await import("@/app/dev/mailbox/page")).default;
  }

  it("does not exist when the development mailbox is off (the default)", async () => {
    for (const setting of [undefined, "false"]) {
      const page = await loadPage(setting);
      await expect(page()).rejects.toMatchObject({ digest: expect.stringMatching(/404/) });
    }
  });

  it("renders when the development mailbox is on", async () => {
    const page = await loadPage("true");
    await expect(page()).resolves.toBeTruthy();
  });
});
