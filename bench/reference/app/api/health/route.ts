// Answers once the server is up: the benchmark waits for it.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" });
}
