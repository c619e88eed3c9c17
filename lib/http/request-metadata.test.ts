import { describe, expect, it } from "vitest";
import { clientAddress, metadataFromHeaders } from "./request-metadata";

describe("the client's address (TRUSTED_PROXY_HOPS)", () => {
  it("is the entry as many places from the right as there are trusted proxies, never what the client wrote on the left", () => {
    // The client wrote "6.6.6.6"; one proxy appended the address it was reached from.
    expect(clientAddress("6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    // Two proxies: the outer one appended the client, the inner one appended the outer proxy.
    expect(clientAddress("6.6.6.6, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
    expect(clientAddress("203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
  });

  it("with no proxy, is the rightmost entry (the connection's address, which Next.js writes)", () => {
    expect(clientAddress("192.0.2.7", 0)).toBe("192.0.2.7");
    expect(clientAddress("6.6.6.6, 192.0.2.7", 0)).toBe("192.0.2.7");
  });

  it("falls back to the leftmost entry when there are fewer entries than proxies, and is empty without the header", () => {
    expect(clientAddress("203.0.113.9", 2)).toBe("203.0.113.9");
    expect(clientAddress(null, 1)).toBeNull();
    expect(clientAddress(" , ", 1)).toBeNull();
  });

  it("ignores X-Real-IP, which the client can also write", () => {
    expect(metadataFromHeaders(new Headers({ "x-real-ip": "6.6.6.6", "user-agent": "ua" }), 1)).toEqual({ ip: null, userAgent: "ua" });
  });
});
