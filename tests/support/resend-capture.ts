// A local stand-in for Resend's HTTP API that records what the real SDK sends it
// (reached through RESEND_BASE_URL). Like Resend, it answers a repeated Idempotency-Key with
// the first answer instead of delivering twice. It can be told to fail or to hang.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface CapturedEmail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  idempotencyKey: string | null;
}

type Behaviour = { kind: "fail"; status: number } | { kind: "hang"; ms: number };

export interface ResendCapture {
  url: string;
  apiKey: string;
  /** Emails delivered (one per idempotency key). */
  delivered: CapturedEmail[];
  /** Every POST /emails received, duplicates and failures included. */
  requests: { to: string; idempotencyKey: string | null }[];
  /** The next `times` requests fail with `status` (a 5xx by default). */
  failNext(times: number, status?: number): void;
  /** The next `times` requests are answered only after `ms` (and then normally). */
  hangNext(times: number, ms: number): void;
  /** Every request fails until `reset()`. */
  failAlways(status?: number): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startResendCapture(): Promise<ResendCapture> {
  const apiKey = `re_test_${randomUUID()}`;
  const byKey = new Map<string, { status: number; body: string }>();
  let queue: Behaviour[] = [];
  let always: Behaviour | null = null;
  const capture = { delivered: [] as CapturedEmail[], requests: [] as { to: string; idempotencyKey: string | null }[] };

  const server = http.createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk) => (raw += chunk));
    request.on("end", async () => {
      const answer = (status: number, body: unknown) => {
        if (response.writableEnded || response.destroyed) return;
        response.writeHead(status, { "content-type": "application/json" });
        response.end(typeof body === "string" ? body : JSON.stringify(body));
      };
      if (request.method === "GET" && request.url === "/__captured") return answer(200, capture.delivered);
      if (request.method !== "POST" || request.url !== "/emails") return answer(404, { name: "not_found", statusCode: 404, message: "Not found" });
      const key = (request.headers["idempotency-key"] as string | undefined) ?? null;
      capture.requests.push({ to: /"to":"([^"]*)"/.exec(raw)?.[1] ?? "", idempotencyKey: key });
      if (request.headers.authorization !== `Bearer ${apiKey}`) return answer(401, { name: "missing_api_key", statusCode: 401, message: "Invalid API key" });

      const behaviour = always ?? queue.shift();
      if (behaviour?.kind === "fail") return answer(behaviour.status, { name: "internal_server_error", statusCode: behaviour.status, message: "Capture server told to fail" });
      if (behaviour?.kind === "hang") await new Promise((resolve) => setTimeout(resolve, behaviour.ms));

      const earlier = key ? byKey.get(key) : undefined;
      if (earlier) return answer(earlier.status, earlier.body);
      let payload: { from?: string; to?: string | string[]; subject?: string; html?: string; text?: string };
      try {
        payload = JSON.parse(raw);
      } catch {
        return answer(400, { name: "validation_error", statusCode: 400, message: "Body is not JSON" });
      }
      if (!payload.from || !payload.to || !payload.subject) {
        return answer(422, { name: "validation_error", statusCode: 422, message: "from, to and subject are required" });
      }
      const email: CapturedEmail = {
        id: randomUUID(),
        from: payload.from,
        to: Array.isArray(payload.to) ? payload.to : [payload.to],
        subject: payload.subject,
        html: payload.html ?? "",
        text: payload.text ?? "",
        idempotencyKey: key,
      };
      capture.delivered.push(email);
      const body = JSON.stringify({ id: email.id });
      if (key) byKey.set(key, { status: 200, body });
      answer(200, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return Object.assign(capture, {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    failNext(times: number, status = 500) {
      queue.push(...Array.from({ length: times }, (): Behaviour => ({ kind: "fail", status })));
    },
    hangNext(times: number, ms: number) {
      queue.push(...Array.from({ length: times }, (): Behaviour => ({ kind: "hang", ms })));
    },
    failAlways(status = 500) {
      always = { kind: "fail", status };
    },
    reset() {
      queue = [];
      always = null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
