// What proxy.ts refuses before any route: malformed percent-encoding, and methods no route takes.
import { describe, expect, it } from "vitest";
import { guardRequest } from "./request-guard";

const page = (method: string, pathname: string, serverAction = false) => guardRequest({ method, pathname, serverAction });

describe("guardRequest", () => {
  it("refuses a path whose percent-encoding does not decode, on pages and the API alike", () => {
    for (const pathname of ["/%", "/devices/%E0%A4%A", "/api/v1/devices/%", "/api/v1/%zz", "/api/auth/session%", "/%C0%AF%", "/settings/%ff%"]) {
      expect(page("GET", pathname), pathname).toEqual({ status: 400, reason: "path" });
    }
  });

  it("refuses a NUL character in the path or the query, on pages and the API alike, whatever the method", () => {
    const cases: [pathname: string, search: string][] = [
      ["/api/v1/devices/a%00b", ""],
      ["/devices/%00", ""],
      ["/admin/audit", "?actor=%00"],
      ["/admin/audit", "?target=t%00&x=1"],
      ["/", "?q=%00"],
      ["/api/v1/audit", "?actor=a%00"],
      ["/devices/x", "?range=%00custom"],
    ];
    for (const [pathname, search] of cases) {
      for (const method of ["GET", "HEAD", "POST", "DELETE"]) {
        expect(guardRequest({ method, pathname, search, serverAction: method === "POST" }), `${method} ${pathname}${search}`).toEqual({ status: 400, reason: "nul" });
      }
    }
    expect(guardRequest({ method: "GET", pathname: "/admin/audit", search: "?actor=%2500", serverAction: false })).toBeNull();
  });

  it("lets well-encoded paths through, however odd", () => {
    for (const pathname of ["/", "/devices/abc", "/devices/%C3%A9", "/api/v1/devices/..%2F..%2F", "/%2e%2e/etc/passwd", "/api/v1/devices/%2500"]) {
      expect(page("GET", pathname), pathname).toBeNull();
    }
  });

  it("takes the API's methods under /api, and refuses any other with 405 and the list", () => {
    for (const method of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "get"]) expect(page(method, "/api/v1/devices"), method).toBeNull();
    for (const method of ["TRACE", "PROPFIND", "FOO", "MKCOL"]) {
      expect(page(method, "/api/v1/devices"), method).toEqual({ status: 405, reason: "method", allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS" });
    }
  });

  it("takes only a POST at next-auth's credentials callback", () => {
    expect(page("POST", "/api/auth/callback/credentials")).toBeNull();
    for (const method of ["GET", "HEAD", "PUT"]) expect(page(method, "/api/auth/callback/credentials"), method).toEqual({ status: 405, reason: "method", allow: "POST" });
    expect(page("GET", "/api/auth/session")).toBeNull();
  });

  it("lets pages be read, and posted to only as a server action", () => {
    expect(page("GET", "/devices/abc")).toBeNull();
    expect(page("HEAD", "/")).toBeNull();
    expect(page("POST", "/devices/abc", true)).toBeNull();
    // A form that imitates a server action without JavaScript sends no Next-Action header.
    for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"]) {
      expect(page(method, "/settings/tokens"), method).toEqual({ status: 405, reason: "method", allow: "GET, HEAD" });
    }
  });

  it("refuses a server action sent from another site with 403, as Next would with a 500", () => {
    const action = (origin: string | null, host = "localhost:3000") => guardRequest({ method: "POST", pathname: "/settings/tokens", serverAction: true, origin, host, publicOrigin: "https://gatehouse.example" });
    for (const origin of ["https://evil.example", "null", "http://localhost:3001", "not a url"]) expect(action(origin), origin).toEqual({ status: 403, reason: "origin" });
    // This site, by its public origin or by the host the request came to; a request without Origin is Next's to judge.
    for (const origin of ["https://gatehouse.example", "http://localhost:3000", null]) expect(action(origin), String(origin)).toBeNull();
  });
});
