import { describe, expect, it } from "vitest";
import { originInUse } from "./origin";

describe("originInUse", () => {
  const PUBLIC = "https://gatehouse.example.com";

  it("is the host the person used, with the public URL's scheme", () => {
    expect(originInUse("192.168.1.20:3000", "http://localhost:3000")).toBe("http://192.168.1.20:3000");
    expect(originInUse("home.example.net", PUBLIC)).toBe("https://home.example.net");
    expect(originInUse("[::1]:3000", "http://localhost:3000")).toBe("http://[::1]:3000");
    expect(originInUse("10.0.0.5:3000", PUBLIC)).toBe("https://10.0.0.5:3000");
  });

  it("falls back to the public URL for a missing host, one that is not a plain host, or one no URL can hold", () => {
    const hostile = [null, undefined, "", "evil.example/path", "a'b", 'x" -d @/etc/passwd', "host:port", "user@host", "<script>", "x y", "evil.example:99999999"];
    // These pass the host pattern but are no URL: a page that used them must not fail.
    const unparsable = ["a:99999", "[1.2.3.4]", "[::1::2]:80"];
    for (const host of [...hostile, ...unparsable]) expect(originInUse(host, PUBLIC), String(host)).toBe(PUBLIC);
  });
});
