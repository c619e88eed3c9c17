// The framework's floor for the benchmark (npm run bench): a route handler that does nothing but
// answer a constant. It reads no data and needs no session.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ ok: true });
}
