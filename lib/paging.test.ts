import { describe, expect, it } from "vitest";
import { firstParam, listHref, pagePlace, parsePageParam, showingText } from "./paging";

describe("parsePageParam", () => {
  it("takes a whole number from 1 and anything else as page 1", () => {
    expect(parsePageParam({ page: "7" })).toBe(7);
    expect(parsePageParam({ page: ["2", "9"] })).toBe(2);
    for (const bad of [undefined, "0", "-3", "1e3", "2.5", " 4", "9".repeat(10), "%00"]) expect(parsePageParam({ page: bad })).toBe(1);
  });
});

describe("pagePlace", () => {
  it("places a page, a page past the end on the last, and an empty list on page 1", () => {
    expect(pagePlace(120, 2, 50)).toEqual({ page: 2, pages: 3, first: 51, last: 100, total: 120, skip: 50 });
    expect(pagePlace(120, 99, 50)).toEqual({ page: 3, pages: 3, first: 101, last: 120, total: 120, skip: 100 });
    expect(pagePlace(0, 5, 50)).toEqual({ page: 1, pages: 1, first: 0, last: 0, total: 0, skip: 0 });
    expect(pagePlace(10, Number.NaN, 50).page).toBe(1);
  });
});

describe("showingText", () => {
  it("names what is listed, in the singular for one", () => {
    expect(showingText({ first: 1, last: 50, total: 1234 }, 1234, ["user", "users"])).toBe("Showing 1–50 of 1,234 users");
    expect(showingText({ first: 1, last: 1, total: 1 }, 1, ["user", "users"])).toBe("Showing 1 of 1 user");
    expect(showingText({ first: 1, last: 3, total: 3 }, 40, ["user", "users"])).toBe("Showing 1–3 of 3 matching, 40 in all");
    expect(showingText({ first: 0, last: 0, total: 0 }, 40, ["user", "users"])).toBe("None of 40 users match");
  });
});

describe("listHref and firstParam", () => {
  it("leave out empty values and page 1, escape the rest, and take a repeated parameter's first value", () => {
    expect(listHref("/settings/tokens", { status: "" }, 1)).toBe("/settings/tokens");
    expect(listHref("/settings/tokens", { status: "revoked" }, 2)).toBe("/settings/tokens?status=revoked&page=2");
    expect(listHref("/", { q: "a&b", sort: "" }, 3)).toBe("/?q=a%26b&page=3");
    expect(firstParam(["x", "y"])).toBe("x");
    expect(firstParam(undefined)).toBeUndefined();
  });
});
