import { describe, expect, it } from "vitest";
import { ipFromForwardedFor } from "./client-ip";

describe("ipFromForwardedFor", () => {
  it("trusts none of the header with no proxy in front, since the client wrote it", () => {
    expect(ipFromForwardedFor("203.0.113.9", 0)).toBeNull();
  });

  it("takes the entry the nearest trusted proxy appended", () => {
    expect(ipFromForwardedFor("10.0.0.1, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(ipFromForwardedFor("spoofed, 198.51.100.7, 192.0.2.1", 2)).toBe("198.51.100.7");
  });

  it("answers null when the header is missing or shorter than the proxy chain", () => {
    expect(ipFromForwardedFor(null, 1)).toBeNull();
    expect(ipFromForwardedFor("", 1)).toBeNull();
    expect(ipFromForwardedFor("198.51.100.7", 2)).toBeNull();
  });
});
