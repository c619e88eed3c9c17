// The framework's floor for the benchmark (npm run bench): a route handler that does nothing but
// answer a constant. It reads no data and needs no session, and it exists only while the benchmark
// runs the server (BENCH_BASELINE=true): a normal start answers "not found".
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export function GET() {
  if (!env().BENCH_BASELINE) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return Response.json({ ok: true });
}
