import { db } from "@/lib/db";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

/** 200 {"status":"ok"} when the database answers; 503 with a reason when it does not. */
export async function GET() {
  const health = await checkHealth(db());
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
