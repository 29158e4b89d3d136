import { describe, expect, it } from "vitest";
import { nextAuthRedirect, safeCallbackPath, sameOriginPath, signInPath, unparsableCallback } from "./callback-path";

describe("safeCallbackPath", () => {
  it("goes home when there is no callback", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath("")).toBe("/");
    expect(safeCallbackPath([])).toBe("/");
  });

  it("keeps a path on this site with its query", () => {
    expect(safeCallbackPath("/devices/abc?range=24h")).toBe("/devices/abc?range=24h");
    expect(safeCallbackPath("/")).toBe("/");
  });

  it("takes the first of repeated parameters", () => {
    expect(safeCallbackPath(["/settings/tokens", "https://evil.example/"])).toBe("/settings/tokens");
    expect(safeCallbackPath(["//evil.example", "/settings"])).toBe("/");
  });

  it("keeps only the path and query of an absolute URL, so it never leaves the site", () => {
    expect(safeCallbackPath("http://localhost:3000/devices?x=1")).toBe("/devices?x=1");
    expect(safeCallbackPath("https://evil.example/x")).toBe("/x");
    expect(safeCallbackPath("https://evil.example")).toBe("/");
    expect(safeCallbackPath("https://evil.example/x#frag")).toBe("/x");
  });

  it("refuses protocol-relative and backslash paths that browsers read as another origin", () => {
    expect(safeCallbackPath("//evil.example")).toBe("/");
    expect(safeCallbackPath("//evil.example/path")).toBe("/");
    expect(safeCallbackPath("/\\evil.example")).toBe("/");
    // An absolute URL whose path itself starts with // must not smuggle one through.
    expect(safeCallbackPath("https://site.example//evil.example")).toBe("/");
  });

  it("never returns a script URL or a relative path", () => {
    for (const value of ["javascript:alert(1)", "JavaScript:alert(document.cookie)", "data:text/html,<script>1</script>"]) {
      const result = safeCallbackPath(value);
      expect(result.startsWith("/")).toBe(true);
      expect(result.startsWith("//")).toBe(false);
      expect(result).not.toMatch(/^\/?(javascript|data):/i);
    }
    expect(safeCallbackPath("javascript:alert(1)")).toBe("/");
    expect(safeCallbackPath("devices")).toBe("/");
    expect(safeCallbackPath("evil.example")).toBe("/");
  });

  it("does not send a signed-in user back to the sign-in page", () => {
    expect(safeCallbackPath("/login")).toBe("/");
    expect(safeCallbackPath("/login?callbackUrl=/x")).toBe("/");
    expect(safeCallbackPath("http://localhost:3000/login")).toBe("/");
  });

  it("goes home for an absolute URL it cannot parse", () => {
    expect(safeCallbackPath("http://[::1")).toBe("/");
  });
});

describe("safeCallbackPath against URL parser tricks", () => {
  it("refuses control characters that browsers strip before resolving", () => {
    for (const value of ["/\t/evil.example", "/\n/evil.example", "/\t\\evil.example", "/\r//evil.example"]) {
      expect(safeCallbackPath(value)).toBe("/");
      expect(new URL(safeCallbackPath(value), "http://x").origin).toBe("http://x");
    }
  });

  it("treats /login case-insensitively but leaves other paths alone", () => {
    expect(safeCallbackPath("/LOGIN")).toBe("/");
    expect(safeCallbackPath("/login-help")).toBe("/login-help");
  });
});

describe("safeCallbackPath checks the path it returns, after the URL parser has normalised it", () => {
  const home = (value: string) => expect(safeCallbackPath(value), JSON.stringify(value)).toBe("/");

  it("refuses dot segments that normalise into a protocol-relative path", () => {
    for (const value of ["/.//evil.example", "/./\\evil.example", "/..//evil.example", "/a/..//evil.example", "/%2e%2e//evil.example", "/%2E//evil.example", "/././/evil.example"]) home(value);
    // The same shape inside an absolute URL.
    home("https://site.example/.//evil.example");
  });

  it("refuses percent-encoded slashes and backslashes, however deeply encoded", () => {
    for (const value of ["/%2F%2Fevil.example", "/%2f/evil.example", "/%5Cevil.example", "/%5c%5cevil.example", "/%252F%252Fevil.example", "/%25252F/evil.example", "/%09/evil.example", "/%0A/evil.example", "/%00/x"]) home(value);
  });

  it("refuses look-alikes that fold to a slash", () => {
    for (const value of ["/\uFF0Fevil.example", "/\uFF0F\uFF0Fevil.example", "/\uFF052F/evil.example", "/\uFF3Cevil.example", "/\uFE68evil.example"]) home(value);
  });

  it("refuses script and data URLs in any case or behind whitespace", () => {
    for (const value of ["JAVASCRIPT:alert(1)", " javascript:alert(1)", "\tjavascript:alert(1)", "\u00A0javascript:alert(1)", "java\tscript:alert(1)", "DaTa:text/html,x", " data:text/html,x", "vbscript:x", "blob:http://localhost/x"]) home(value);
  });

  it("keeps an absolute URL of any host on this site, or goes home", () => {
    home("http:evil.example");
    home("https:evil.example");
    home("http:/\\evil.example/x");
    home("///evil.example");
    home("////evil.example/x");
    expect(safeCallbackPath("https://user:pass@evil.example/x?y=1")).toBe("/x?y=1");
  });

  it("goes home for very long values and takes only the first of many", () => {
    home(`/${"a".repeat(5_000)}`);
    home(`/${"é".repeat(1_000)}`); // short as typed, too long once percent-encoded
    expect(safeCallbackPath(["/devices", ...Array.from({ length: 100 }, () => "//evil.example")])).toBe("/devices");
  });

  it.each([
    ["/caf\u00e9?q=a b", "/caf%C3%A9?q=a%20b"],
    ["/devices?next=//evil.example", "/devices?next=//evil.example"],
    ["/devices/./abc/../xyz", "/devices/xyz"],
    ["/devices?q=a%2Fb", "/devices?q=a%2Fb"],
  ])("returns %j in its serialised form %j, the same ASCII for a Location header and location.assign", (value, path) => {
    expect(safeCallbackPath(value)).toBe(path);
  });

  it("is a fixed point: what it returns, checked again, comes back unchanged", () => {
    for (const value of ["/devices/abc?range=24h", "/caf\u00e9?q=a b", "/x?y='\"<>", "/.//evil.example", "/a/./b/../c?d#e"]) {
      const once = safeCallbackPath(value);
      expect(safeCallbackPath(once)).toBe(once);
    }
  });
});

describe("sameOriginPath", () => {
  it("keeps the sign-in page, which next-auth's sign-out goes to", () => {
    expect(sameOriginPath("/login")).toBe("/login");
    expect(sameOriginPath("http://localhost:3000/login?error=x")).toBe("/login?error=x");
    expect(sameOriginPath("/..//evil.example")).toBe("/");
  });
});

describe("unparsableCallback", () => {
  const origin = "http://localhost:3000";
  it("leaves a callback URL next-auth can parse, absolute or a path", () => {
    for (const value of ["/devices", "http://localhost:3000/settings/tokens", "https://elsewhere.example/x"]) expect(unparsableCallback(value, origin), value).toBeNull();
  });

  it("replaces one it cannot, which it would answer with a 500, by the checked path", () => {
    expect(unparsableCallback("javascript:alert(1)", origin)).toBe("/");
    expect(unparsableCallback("%", origin)).toBe("/");
    expect(unparsableCallback("https://[::1", origin)).toBe("/");
    expect(unparsableCallback("devices/abc", origin)).toBe("/");
  });
});

describe("signInPath", () => {
  it("brings someone back to the page and query they asked for", () => {
    expect(signInPath("/devices/x?range=7d")).toBe("/login?callbackUrl=%2Fdevices%2Fx%3Frange%3D7d");
    expect(new URLSearchParams(signInPath("/devices/x?range=7d&q=a b").split("?")[1]).get("callbackUrl")).toBe("/devices/x?range=7d&q=a%20b");
  });

  it("is the plain sign-in page for the homepage, no header, or the sign-in page itself", () => {
    for (const value of ["/", null, undefined, "", "/login", "/login?callbackUrl=/x"]) expect(signInPath(value), String(value)).toBe("/login");
  });

  it.each([
    "//evil.example",
    "///evil.example/x",
    "/\\evil.example",
    "/\\/evil.example",
    "/%2F%2Fevil.example",
    "/%2f%2fevil.example",
    "/%5Cevil.example",
    "/%252F%252Fevil.example",
    "/.//evil.example",
    "/%2e%2e//evil.example",
    "/\t/evil.example",
    "/\uFF0F/evil.example",
    "https://evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    " JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
  ])("never carries an address off this site: %j", (value) => {
    const path = signInPath(value);
    const callback = new URLSearchParams(path.split("?")[1] ?? "").get("callbackUrl");
    // Either no callback at all, or one that is itself a path on this site once checked again.
    if (callback !== null) expect(safeCallbackPath(callback)).toBe(callback);
    expect(path === "/login" || (callback?.startsWith("/") && !callback.startsWith("//"))).toBe(true);
    expect(new URL(path, "http://gatehouse.invalid").origin).toBe("http://gatehouse.invalid");
  });
});

describe("nextAuthRedirect", () => {
  const baseUrl = "http://localhost:3000";
  it("keeps next-auth's redirects on its own origin, path and query only", () => {
    expect(nextAuthRedirect({ url: "/login", baseUrl })).toBe("http://localhost:3000/login");
    expect(nextAuthRedirect({ url: "/devices/x?range=7d", baseUrl })).toBe("http://localhost:3000/devices/x?range=7d");
    expect(nextAuthRedirect({ url: "https://evil.example/x", baseUrl })).toBe("http://localhost:3000/x");
    for (const url of ["//evil.example", "/\\evil.example", "/%2F%2Fevil.example", "javascript:alert(1)", "%", "https://[::1"]) expect(nextAuthRedirect({ url, baseUrl }), url).toBe("http://localhost:3000/");
  });
});
