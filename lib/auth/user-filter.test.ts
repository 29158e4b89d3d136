import { describe, expect, it } from "vitest";
import { isUserFilterSet, NO_USER_FILTER, parseUserFilter, userListHref } from "./user-filter";

describe("parseUserFilter", () => {
  it("reads the search, role and status, trimming the search", () => {
    expect(parseUserFilter({ q: "  ada ", role: "ADMIN", status: "invited" })).toEqual({ q: "ada", role: "ADMIN", status: "invited" });
    expect(parseUserFilter({ q: ["first", "second"], role: ["STANDARD", "ADMIN"] })).toMatchObject({ q: "first", role: "STANDARD" });
  });

  it("falls back to the defaults for anything unexpected, never throwing", () => {
    for (const bad of [{ role: "admin" }, { role: "ROOT" }, { status: "gone" }, { q: "x".repeat(255) }, { role: "' OR 1=1 --" }, { status: "\u0000" }]) {
      const filter = parseUserFilter(bad);
      expect(filter.role).toBe("all");
      expect(filter.status).toBe("all");
      expect(filter.q.length).toBeLessThanOrEqual(254);
    }
    expect(parseUserFilter({})).toEqual(NO_USER_FILTER);
  });
});

describe("userListHref", () => {
  it("keeps the filter, leaves out defaults and page 1, and escapes the search", () => {
    expect(userListHref(NO_USER_FILTER, 1)).toBe("/admin/users");
    expect(userListHref({ q: "a&b=c", role: "STANDARD", status: "disabled" }, 3)).toBe("/admin/users?q=a%26b%3Dc&role=STANDARD&status=disabled&page=3");
    expect(parseUserFilter(Object.fromEntries(new URL(userListHref({ q: "a&b=c", role: "ADMIN", status: "all" }, 2), "http://x").searchParams))).toEqual({
      q: "a&b=c",
      role: "ADMIN",
      status: "all",
    });
  });

  it("says whether anything is filtered", () => {
    expect(isUserFilterSet(NO_USER_FILTER)).toBe(false);
    expect(isUserFilterSet({ ...NO_USER_FILTER, status: "active" })).toBe(true);
  });
});
