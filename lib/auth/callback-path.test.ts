import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-path";

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
