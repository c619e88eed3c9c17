import { describe, expect, it } from "vitest";
import { isLoopbackHost, mayOpenMailbox } from "./loopback";

describe("the development mailbox's loopback check", () => {
  it("accepts localhost, 127.0.0.0/8 and ::1, with or without a port", () => {
    for (const host of ["localhost", "localhost:3000", "LOCALHOST:3000", "127.0.0.1", "127.0.0.1:3000", "127.1.2.3:80", "[::1]", "[::1]:3000", "[0:0:0:0:0:0:0:1]:3000"]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
  });

  it("refuses every other name or address, and anything that only looks like loopback", () => {
    for (const host of [null, "", "mypatients.hospital.example", "192.168.1.20:3000", "10.0.0.1", "0.0.0.0:3000", "[::]:3000", "[fe80::1]", "localhost.attacker.example", "127.0.0.1.attacker.example", "127.0.0.1@attacker.example", "localhost:3000:1", "127.0.0.256", "[::1]x", "localhost:99999"]) {
      expect(isLoopbackHost(host), String(host)).toBe(false);
    }
  });

  it("refuses a request relayed for another host even when its Host is loopback", () => {
    expect(mayOpenMailbox(new Headers({ host: "127.0.0.1:3000" }))).toBe(true);
    expect(mayOpenMailbox(new Headers({ host: "127.0.0.1:3000", "x-forwarded-host": "mypatients.hospital.example" }))).toBe(false);
    expect(mayOpenMailbox(new Headers({ host: "mypatients.hospital.example" }))).toBe(false);
  });
});
