import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../scripts/lib/embedded-postgres.ts";

// The real route handler against a database this test can stop and start again.
describe("GET /api/health", () => {
  let database: EmbeddedPostgres;
  let GET: () => Promise<Response>;

  beforeAll(async () => {
    database = await startEmbeddedPostgres();
    process.env.DATABASE_URL = database.url;
    ({ GET } = await import("@/app/api/health/route"));
  });
  afterAll(async () => {
    await database.stop();
  });

  it("answers 200 {status: ok} while the database answers", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers 503 with a JSON reason once the database stops, and 200 again when it is back", async () => {
    const port = database.port;
    await database.stop();
    const down = await GET();
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: "unavailable", reason: "database not reachable" });

    database = await startEmbeddedPostgres({ port });
    const up = await GET();
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: "ok" });
  });
});
