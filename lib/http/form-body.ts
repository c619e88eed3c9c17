// The shape of a form body, checked by server.ts before Next.js parses it: Next.js answers 500 to a
// multipart body its parser cannot read, and a request no page of ours could send must get a 4xx.

/**
 * The boundary of a multipart form body, as browsers and Node.js write the Content-Type (one
 * unquoted parameter of letters, digits and - ' + _ .), or null for any other type.
 */
export function multipartBoundary(contentType: string): string | null {
  // Lower case, as Next.js compares it: "Multipart/Form-Data" would be read as JSON there.
  return /^multipart\/form-data; ?boundary=([0-9A-Za-z'+_.-]{1,70})$/.exec(contentType)?.[1] ?? null;
}

/**
 * The headers of a text field, as browsers and Node.js write them: a name, and no file name or
 * type. The name is 1 to 1,000 characters, none of them a control character but a tab (Next.js'
 * parser refuses a header holding one) or a backslash (which it reads as an escape); an empty
 * name reaches React's decoder as no name, which throws.
 */
const TEXT_FIELD_HEADERS = /^Content-Disposition: form-data; name="[^"\\\x00-\x08\x0a-\x1f\x7f]{1,1000}"$/;

/**
 * Whether `body` is a multipart form of text fields only, written the way browsers and Node.js
 * write one: at least one part, each with only a Content-Disposition naming the field, between
 * delimiters of the Content-Type's boundary (which no value holds), and nothing after the closing
 * delimiter but a line break. Anything else (a file, another header, a preamble, a truncated or
 * stray body) is refused.
 * It reads the bytes once, without building the form (lib/http/form-body.test.ts holds it to Node's
 * and Next.js' parsers).
 */
export function isTextFieldsMultipart(contentType: string, body: Buffer): boolean {
  const boundary = multipartBoundary(contentType);
  if (!boundary) return false;
  const delimiter = `--${boundary}`;
  if (body.toString("latin1", 0, delimiter.length + 2) !== `${delimiter}\r\n`) return false;
  let at = delimiter.length + 2;
  for (;;) {
    const headersEnd = body.indexOf("\r\n\r\n", at, "latin1");
    if (headersEnd < 0 || !TEXT_FIELD_HEADERS.test(body.toString("latin1", at, headersEnd))) return false;
    // The value runs to the next delimiter, and holds no boundary (Node.js' parser refuses one).
    const next = body.indexOf(boundary, headersEnd + 4, "latin1");
    if (next < headersEnd + 8 || body.toString("latin1", next - 4, next) !== "\r\n--") return false;
    at = next + boundary.length;
    const after = body.toString("latin1", at, at + 4);
    if (after === "--" || after === "--\r\n") return at + after.length === body.length;
    if (!after.startsWith("\r\n")) return false;
    at += 2;
  }
}
