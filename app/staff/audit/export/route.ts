// "Download CSV" of the audit log (SPEC §5b): the events the filters match, newest first, read from
// the database a batch at a time and streamed as they are read (the stream pulls the next batch
// only when the client has taken the last), so a large export never sits in memory; at most
// MAX_EXPORT_ROWS rows. Staff only; the export itself is audited first.
import { getStaff } from "@/lib/auth/current-user";
import { signInUrl } from "@/lib/auth/portals";
import { safeReturnPath } from "@/lib/auth/return-path";
import { auditCsv, auditFilterSchema, EMPTY_FILTERS } from "@/lib/audit/search";
import { metadataFromHeaders } from "@/lib/http/request-metadata";
import { recordAuditExport } from "@/lib/staff/console";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const staff = await getStaff();
  const url = new URL(request.url);
  if (!staff) {
    // A relative address: the sign-in page of this site, coming back here afterwards.
    return new Response(null, { status: 303, headers: { location: signInUrl("staff", safeReturnPath("staff", `${url.pathname}${url.search}`)), "cache-control": "no-store" } });
  }
  const query = url.searchParams;
  const typed = Object.fromEntries(Object.keys(EMPTY_FILTERS).map((key) => [key, query.get(key) ?? ""]));
  const parsed = auditFilterSchema.safeParse(typed);
  if (!parsed.success) {
    return new Response(`The filters are not valid: ${parsed.error.issues[0]?.message ?? "check them"}`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  }
  const filters = parsed.data;
  await recordAuditExport(staff, Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== "")), metadataFromHeaders(request.headers));
  const lines = auditCsv(filters);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await lines.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-log-${day}.csv"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
