// The first check of every request, made by server.ts before Next.js reads it (decision 023).
// Requests no page of ours can mean are answered with a 4xx here, because Next.js would answer
// them with a 500: an undecodable address, an oversized body, and a form or an action's arguments
// its parsers cannot read (decision 018). Headers that only the app itself sets are removed from
// what a client sent, and the path the client asked for is handed on to the pages and actions.
import { GATE_VERDICT_HEADER } from "@/lib/auth/gate-verdict";
import { REQUEST_PATH_HEADER } from "@/lib/auth/portals";
import { isTextFieldsMultipart } from "@/lib/http/form-body";

/** Largest request body the app accepts (a form here is a few kilobytes). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** An answer to a request that goes no further than this check. */
export interface Refusal {
  status: 400 | 413;
  message: string;
}

const BAD_ADDRESS: Refusal = { status: 400, message: "Bad request: the address is not valid." };
/** The answer to a body over MAX_BODY_BYTES, whether its length was given or counted. */
export const TOO_LARGE: Refusal = { status: 413, message: "This request is too large." };
const UNREADABLE_FORM: Refusal = { status: 400, message: "Bad request: the form could not be read." };

/** What the check reads of a request before its body. */
export interface RequestHead {
  method: string;
  /** The request target: the path and query, as the client wrote them. */
  url: string;
  contentType: string;
  /** The Content-Length header, or null when the body is sent in chunks (or there is none). */
  contentLength: number | null;
  /** Whether the request calls a server action by script (a `next-action` header). */
  isAction: boolean;
}

/**
 * Headers that reach the pages only from the app: the record gate's verdict and the page's nonce
 * and policy are set by proxy.ts, the requested path by server.ts. Any a client sends is removed.
 */
export const APP_ONLY_HEADERS = [GATE_VERDICT_HEADER, "x-nonce", "content-security-policy", REQUEST_PATH_HEADER] as const;

/**
 * The verdict on a request before its body is read: a refusal, "check-body" when its body must be
 * read and checked (a form, or a server action's arguments), or null when it may pass as it is.
 */
export function checkHead(head: RequestHead): Refusal | "check-body" | null {
  try {
    decodeURIComponent(pathOf(head.url));
  } catch {
    return BAD_ADDRESS;
  }
  if (head.method !== "POST") return null;
  if (head.contentLength !== null && head.contentLength > MAX_BODY_BYTES) return TOO_LARGE;
  const isMultipart = isMultipartType(head.contentType);
  if (!isMultipart && !head.isAction) return null;
  // A server action call from our pages is a form (multipart) or, without arguments, a JSON list.
  if (head.isAction && !isMultipart && !/^text\/plain/i.test(head.contentType)) return UNREADABLE_FORM;
  return "check-body";
}

/**
 * The verdict on the body of a request checkHead sent here: a text-only form as our pages send
 * (no form here uploads files) that Next.js can read, or an action's arguments as a JSON list.
 */
export function checkBody(head: RequestHead, body: Buffer): Refusal | null {
  if (body.length > MAX_BODY_BYTES) return TOO_LARGE;
  if (isMultipartType(head.contentType)) return isTextFieldsMultipart(head.contentType, body) ? null : UNREADABLE_FORM;
  try {
    return isArgumentList(JSON.parse(body.toString("utf8"))) ? null : UNREADABLE_FORM;
  } catch {
    return UNREADABLE_FORM;
  }
}

/** The path and query the client asked for, without Next.js' internal `_rsc` parameter. */
export function requestedPath(url: string): string {
  const path = pathOf(url);
  if (path === url) return url;
  const params = new URLSearchParams(url.slice(path.length + 1));
  params.delete("_rsc");
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** The request target's path, without its query. */
function pathOf(url: string): string {
  const query = url.indexOf("?");
  return query < 0 ? url : url.slice(0, query);
}

/** Whether a Content-Type is a multipart form to Next.js, which compares it in lower case (another case is not a form to it). */
function isMultipartType(contentType: string): boolean {
  return contentType.startsWith("multipart/form-data");
}

/** A JSON-encoded action call: a list of arguments that refers to no part it does not carry. */
function isArgumentList(value: unknown): boolean {
  return Array.isArray(value) && !referencesChunks(value);
}

/** Whether a JSON-encoded action argument list refers to parts it does not carry ("$1", "$K2", …). */
function referencesChunks(value: unknown): boolean {
  if (typeof value === "string") return /^\$[^$]/.test(value);
  if (Array.isArray(value)) return value.some(referencesChunks);
  if (value && typeof value === "object") return Object.values(value).some(referencesChunks);
  return false;
}
