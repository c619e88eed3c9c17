import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isTextFieldsMultipart, multipartBoundary } from "./form-body";

interface Busboy {
  on(event: "field", listener: (name: string | undefined, value: string) => void): Busboy;
  on(event: "file", listener: (name: string) => void): Busboy;
  on(event: "error", listener: (error: Error) => void): Busboy;
  on(event: "close", listener: () => void): Busboy;
  end(chunk: Buffer): void;
}
type BusboyFactory = (options: { defParamCharset: string; headers: Record<string, string>; limits: { fieldSize: number } }) => Busboy;
/** The multipart parser Next.js reads a server action's form with, configured as it does. */
const busboy = createRequire(import.meta.url)("next/dist/compiled/busboy") as BusboyFactory;

type Fields = [string | undefined, string][];

/** The fields Next.js' parser reads from the body, or an error when it cannot (Next.js would answer 500). */
function parseAsNextJs(contentType: string, body: Buffer): Promise<Fields> {
  return new Promise((resolve, reject) => {
    const fields: Fields = [];
    const parser = busboy({ defParamCharset: "utf8", headers: { "content-type": contentType }, limits: { fieldSize: 1024 * 1024 } });
    // It reports a field named "" as unnamed, which React's decoder then throws on.
    parser.on("field", (name, value) => fields.push([name, value]));
    parser.on("file", (name) => reject(new Error(`a file part: ${name}`)));
    parser.on("error", reject);
    parser.on("close", () => resolve(fields));
    parser.end(body);
  });
}

/** The fields Node.js' own parser (Request.formData) reads from the body, or an error. */
async function parseAsNode(contentType: string, body: Buffer): Promise<Fields> {
  const form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
  return [...form].map(([name, value]) => {
    if (typeof value !== "string") throw new Error(`a file part: ${name}`);
    return [name, value];
  });
}

/** A form's body and Content-Type, as Node.js writes them (as React's client does in a browser). */
async function written(fields: Fields): Promise<{ contentType: string; body: Buffer }> {
  const form = new FormData();
  for (const [name, value] of fields) form.append(name ?? "", value);
  const response = new Response(form);
  return { contentType: response.headers.get("content-type")!, body: Buffer.from(await response.arrayBuffer()) };
}

const boundary = "----WebKitFormBoundaryq1Xb2cE3dF4gH5iJ";
const chromium = `multipart/form-data; boundary=${boundary}`;
const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const closed = (...parts: string[]) => Buffer.from(`${parts.join("")}--${boundary}--\r\n`, "utf8");

/** A field's name as pages write them (not empty, no control character or backslash), and any value. */
const fieldName = fc
  .string({ unit: "binary", minLength: 1, maxLength: 12 })
  .map((name) => name.replace(/[\\\x00-\x1f\x7f]/g, ""))
  .filter((name) => name.length > 0);
const textFields: fc.Arbitrary<Fields> = fc.array(fc.tuple(fieldName, fc.string({ unit: "binary", maxLength: 40 })), { minLength: 1, maxLength: 6 });

describe("the multipart form check of server.ts", () => {
  it("reads the boundary only from the Content-Type browsers and Node.js write", () => {
    expect(multipartBoundary(chromium)).toBe(boundary);
    expect(multipartBoundary("multipart/form-data; boundary=----formdata-undici-012345678901")).toBe("----formdata-undici-012345678901");
    for (const type of ["multipart/form-data", "multipart/form-data; boundary=", 'multipart/form-data; boundary="quoted"', "multipart/form-data; boundary=a b", "multipart/form-data; boundary=x; charset=utf-8", "multipart/mixed; boundary=x", "Multipart/Form-Data; boundary=x", "text/plain", `multipart/form-data; boundary=${"x".repeat(71)}`]) {
      expect(multipartBoundary(type), type).toBeNull();
    }
  });

  it("accepts every form of text fields Node.js writes, and Next.js reads the same fields from it", async () => {
    await fc.assert(
      fc.asyncProperty(textFields, async (fields) => {
        const { contentType, body } = await written(fields);
        expect(isTextFieldsMultipart(contentType, body)).toBe(true);
        expect(await parseAsNextJs(contentType, body)).toEqual(await parseAsNode(contentType, body));
      }),
      { numRuns: 300 },
    );
  });

  it("accepts a form as Chromium writes it: React's action id, its state and a field", async () => {
    const body = closed(part("1_mrn", "1000001"), part("0", '[{"ok":false},"$K1"]'));
    expect(isTextFieldsMultipart(chromium, body)).toBe(true);
    expect(await parseAsNextJs(chromium, body)).toEqual([
      ["1_mrn", "1000001"],
      ["0", '[{"ok":false},"$K1"]'],
    ]);
  });

  it("refuses a file, another header, a preamble, an epilogue, an empty form and a truncated or stray body", () => {
    const refused: [string, string, Buffer][] = [
      ["a file part", chromium, closed(`--${boundary}\r\nContent-Disposition: form-data; name="1_mrn"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n1\r\n`)],
      ["a part with a type", chromium, closed(`--${boundary}\r\nContent-Disposition: form-data; name="mrn"\r\nContent-Type: text/plain\r\n\r\n1\r\n`)],
      ["a NUL character in a field's name", chromium, closed(part("1_m\u0000rn", "1"), part("0", '[{"ok":false},"$K1"]'))],
      ["a backslash in a field's name", chromium, closed(part("mrn\\", "1"))],
      ["a field's name of 1,001 characters", chromium, closed(part("m".repeat(1001), "1"))],
      ["an empty field name", chromium, closed(part("", "1"), part("0", '[{"ok":false},"$K1"]'))],
      ["a part without a name", chromium, closed(`--${boundary}\r\nContent-Disposition: form-data\r\n\r\n1\r\n`)],
      ["a part without headers", chromium, closed(`--${boundary}\r\n\r\n1\r\n`)],
      ["a preamble", chromium, Buffer.concat([Buffer.from("preamble\r\n"), closed(part("mrn", "1"))])],
      ["an epilogue", chromium, Buffer.concat([closed(part("mrn", "1")), Buffer.from("epilogue")])],
      ["no part", chromium, closed()],
      ["no closing delimiter", chromium, Buffer.from(part("mrn", "1"))],
      ["a truncated part", chromium, Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="mrn"`)],
      ["garbage after a delimiter", chromium, Buffer.from(`--${boundary}\r\ngarbage`)],
      ["a boundary the body does not use", "multipart/form-data; boundary=elsewhere", closed(part("0", '["$K1"]'))],
      ["no boundary", "multipart/form-data", closed(part("mrn", "1"))],
      ["JSON", chromium, Buffer.from('{"mrn":"1000001"}')],
      ["an empty body", chromium, Buffer.alloc(0)],
    ];
    for (const [label, contentType, body] of refused) expect(isTextFieldsMultipart(contentType, body), label).toBe(false);
  });

  it("never accepts a body that Node.js' or Next.js' parser refuses, or that carries a file", async () => {
    // Forms Node.js writes, then cut, spliced with noise, or with a byte changed; and noise alone.
    const mutated = fc.oneof(
      fc.tuple(textFields, fc.nat(), fc.nat({ max: 4 }), fc.uint8Array({ maxLength: 8 }), fc.boolean()).map(([fields, at, cut, noise, truncate]) => ({ fields, at, cut, noise: Buffer.from(noise), truncate })),
      fc.uint8Array({ maxLength: 300 }).map((noise) => ({ fields: null, at: 0, cut: 0, noise: Buffer.from(noise), truncate: false })),
    );
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(mutated, async ({ fields, at, cut, noise, truncate }) => {
        let contentType = chromium;
        let body: Buffer = noise;
        if (fields) {
          const form = await written(fields);
          contentType = form.contentType;
          const i = at % (form.body.length + 1);
          body = truncate ? form.body.subarray(0, i) : Buffer.concat([form.body.subarray(0, i), noise, form.body.subarray(Math.min(form.body.length, i + cut))]);
        }
        if (!isTextFieldsMultipart(contentType, body)) return;
        accepted += 1;
        await expect(parseAsNextJs(contentType, body)).resolves.toEqual(await parseAsNode(contentType, body));
      }),
      { numRuns: 2_000 },
    );
    // The property says something only if many changed bodies were still well formed.
    expect(accepted).toBeGreaterThan(80);
  });
});
