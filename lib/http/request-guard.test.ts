import { describe, expect, it } from "vitest";
import { checkBody, checkHead, MAX_BODY_BYTES, requestedPath, type RequestHead } from "./request-guard";

const head = (overrides: Partial<RequestHead>): RequestHead => ({ method: "POST", url: "/mypatients", contentType: "", contentLength: null, isAction: false, ...overrides });
const actionCall = (contentType = "text/plain;charset=UTF-8") => head({ isAction: true, contentType });
const boundary = "----WebKitFormBoundaryA1b2C3d4E5f6G7h8";
const multipart = `multipart/form-data; boundary=${boundary}`;
const form = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="1_mrn"\r\n\r\n1000001\r\n--${boundary}--\r\n`, "latin1");

describe("the first check of every request (server.ts)", () => {
  it("refuses an address that does not decode, whatever the method", () => {
    for (const method of ["GET", "POST"]) expect(checkHead(head({ method, url: "/mypatients/patients/%E0%A4%A" }))).toMatchObject({ status: 400 });
    expect(checkHead(head({ method: "GET", url: "/mypatients/patients/1000001?q=%E0%A4%A" }))).toBeNull();
  });

  it("lets other requests pass without reading their bodies: pages, route handlers, and POSTs that are neither forms nor action calls", () => {
    expect(checkHead(head({ method: "GET" }))).toBeNull();
    expect(checkHead(head({ method: "GET", isAction: true }))).toBeNull();
    expect(checkHead(head({ contentType: "application/json" }))).toBeNull();
    expect(checkHead(head({ contentType: "application/x-www-form-urlencoded" }))).toBeNull();
  });

  it("reads the body of a form and of an action call, and refuses one whose stated length is over 1 MB before reading it", () => {
    expect(checkHead(head({ contentType: multipart }))).toBe("check-body");
    expect(checkHead(actionCall())).toBe("check-body");
    expect(checkHead(actionCall(multipart))).toBe("check-body");
    expect(checkHead(head({ contentType: multipart, contentLength: MAX_BODY_BYTES + 1 }))).toEqual({ status: 413, message: "This request is too large." });
    expect(checkHead(head({ contentType: multipart, contentLength: MAX_BODY_BYTES }))).toBe("check-body");
  });

  it("refuses an action call whose body is neither a form nor a JSON list, as no page of ours sends", () => {
    for (const type of ["application/json", "application/x-www-form-urlencoded", "", "Multipart/Form-Data; boundary=x"]) {
      expect(checkHead(actionCall(type)), type).toEqual({ status: 400, message: "Bad request: the form could not be read." });
    }
  });

  it("accepts a form of text fields and an action's argument list, and refuses anything else", () => {
    expect(checkBody(head({ contentType: multipart }), form)).toBeNull();
    expect(checkBody(actionCall(), Buffer.from('[{"ok":false}]'))).toBeNull();
    expect(checkBody(actionCall(), Buffer.from("[]"))).toBeNull();
    for (const body of ['{"ok":false}', "[", '["$1"]', '[{"state":"$K2"}]', "not json"]) {
      expect(checkBody(actionCall(), Buffer.from(body)), body).toMatchObject({ status: 400 });
    }
    expect(checkBody(head({ contentType: multipart }), form.subarray(0, form.length - 10))).toMatchObject({ status: 400 });
    expect(checkBody(actionCall(), Buffer.alloc(MAX_BODY_BYTES + 1, "x"))).toMatchObject({ status: 413 });
  });

  it("hands on the path and query the client asked for, without Next.js' _rsc parameter", () => {
    expect(requestedPath("/mypatients/search")).toBe("/mypatients/search");
    expect(requestedPath("/mypatients/search?_rsc=abc")).toBe("/mypatients/search");
    expect(requestedPath("/mypatients/search?mrn=1000001&_rsc=abc")).toBe("/mypatients/search?mrn=1000001");
  });
});
