// The app's HTTP server: Next.js' own request handler, in production or development, behind the
// first check of every request (lib/http/request-guard.ts, decision 023). A server action called by
// script does not pass through proxy.ts, so what every request needs is done here, once: headers
// only the app sets are removed from what the client sent, the requested path is handed on, and a
// request Next.js could not read (an undecodable address, an oversized body, a form or an action's
// arguments its parsers would fail on) is answered with a 4xx before Next.js sees it.
//
//   npm run build && node .next/app-server.mjs [-p PORT] [-H HOSTNAME]   (production: compiled by the build)
//   node --import tsx server.ts --dev [-p PORT] [-H HOSTNAME]             (development)
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { parseArgs } from "node:util";
import { APP_ONLY_HEADERS, checkBody, checkHead, MAX_BODY_BYTES, requestedPath, TOO_LARGE, type RequestHead } from "@/lib/http/request-guard";
import { REQUEST_PATH_HEADER } from "@/lib/auth/portals";

const { values: options } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    port: { type: "string", short: "p", default: process.env.PORT ?? "3000" },
    hostname: { type: "string", short: "H" },
  },
});
const port = Number(options.port);
const dev = options.dev;
// As `next start` and `next dev` do, before Next.js and React are loaded.
Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });
const { default: next } = await import("next");
const app = next({ dev, port, hostname: options.hostname });
const handle = app.getRequestHandler();

function answer(res: ServerResponse, { status, message }: { status: number; message: string }): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
  res.end(message);
}

/**
 * The request's body, read to its end; "too-large" when it passed MAX_BODY_BYTES. The rest of an
 * oversized body is read and dropped, not kept: a client answered before it has sent everything
 * sees a broken connection instead of the answer. (Node.js' request timeout bounds a body that
 * never ends.)
 */
function readBody(req: IncomingMessage): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? "too-large" : Buffer.concat(chunks, size)));
    req.on("error", reject);
  });
}

/**
 * Gives the request back the body that was read from it, much as Next.js itself does once its
 * proxy has read a body (next/dist/server/body-streams.js): a stream holding the bytes takes the
 * place of the request's own. The request is a Readable already, so only the new stream's own
 * state (its buffer, listeners and read function) is copied onto it, with Readable's plain
 * destroy: a request whose body has been read is ended like any stream, never by closing the
 * connection, which must still carry the answer.
 */
function restoreBody(req: IncomingMessage, body: Buffer): void {
  const stream = new Readable({ read() {} });
  stream.push(body);
  stream.push(null);
  Object.assign(req, stream, { _destroy: Readable.prototype._destroy });
}

function headOf(req: IncomingMessage): RequestHead {
  const length = req.headers["content-length"];
  return {
    method: req.method ?? "GET",
    url: req.url ?? "/",
    contentType: req.headers["content-type"] ?? "",
    contentLength: length === undefined ? null : Number(length),
    isAction: req.headers["next-action"] !== undefined,
  };
}

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const head = headOf(req);
  for (const name of APP_ONLY_HEADERS) delete req.headers[name];
  // Only a POST calls an action: on any other request the header would only skip proxy.ts.
  if (head.method !== "POST") delete req.headers["next-action"];
  const verdict = checkHead(head);
  if (verdict && verdict !== "check-body") return answer(res, verdict);
  req.headers[REQUEST_PATH_HEADER] = requestedPath(head.url);
  if (verdict === "check-body") {
    const body = await readBody(req);
    if (body === "too-large") return answer(res, TOO_LARGE);
    const refusal = checkBody(head, body);
    if (refusal) return answer(res, refusal);
    restoreBody(req, body);
  }
  await handle(req, res);
}

await app.prepare();
const server = createServer((req, res) => {
  serve(req, res).catch((error: unknown) => {
    // Next.js answers its own errors; this is a request that broke before it got there (a client
    // that went away mid-body, say). No stack trace is sent.
    console.error(error);
    if (res.headersSent) res.destroy();
    else answer(res, { status: 500, message: "Something went wrong. Please try again." });
  });
}).listen(port, options.hostname, () => {
  console.log(`Ready on http://${options.hostname ?? "localhost"}:${port}${dev ? " (development)" : ""}`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close();
    process.exit(0);
  });
}
