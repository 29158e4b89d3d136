import { describe, expect, it } from "vitest";
import { networkOf } from "./network";

describe("networkOf", () => {
  it("gives an IPv4 address's /24", () => {
    expect(networkOf("203.0.113.9")).toBe("203.0.113.0/24");
    expect(networkOf("203.0.113.250")).toBe("203.0.113.0/24");
    expect(networkOf("10.0.0.1")).toBe("10.0.0.0/24");
    expect(networkOf("203.0.113.9:8443")).toBe("203.0.113.0/24");
  });

  it("gives an IPv6 address's /48, whatever its spelling", () => {
    expect(networkOf("2001:db8:1:2::9")).toBe("2001:db8:1::/48");
    expect(networkOf("2001:0DB8:0001:ffff:0:0:0:1")).toBe("2001:db8:1::/48");
    expect(networkOf("2001:db8::1")).toBe("2001:db8:0::/48");
    expect(networkOf("[2001:db8:1::5]:443")).toBe("2001:db8:1::/48");
    expect(networkOf("fe80::1%eth0")).toBe("fe80:0:0::/48");
    expect(networkOf("::1")).toBe("0:0:0::/48");
  });

  it("gives an IPv4-mapped IPv6 address its IPv4 network, in either spelling", () => {
    expect(networkOf("::ffff:203.0.113.9")).toBe("203.0.113.0/24");
    expect(networkOf("::ffff:cb00:7109")).toBe("203.0.113.0/24");
    expect(networkOf("0:0:0:0:0:ffff:198.51.100.1")).toBe("198.51.100.0/24");
  });

  it("gives nothing for no address or something that is not one", () => {
    for (const ip of [null, undefined, "", "unknown", "203.0.113", "256.1.1.1", "2001:db8::g", "1.2.3.4.5", "::ffff:1.2.3", "<script>"]) {
      expect(networkOf(ip), String(ip)).toBeNull();
    }
  });
});
