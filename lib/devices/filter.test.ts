import { describe, expect, it } from "vitest";
import type { DeviceDto } from "./devices";
import { clearedFilterHref, deviceListHref, filterDevices, isFiltered, pageOf, parseDeviceFilter, parseDevicePage, showingText, TILES_PER_PAGE } from "./filter";

function device(name: string, status: DeviceDto["status"], lastSeenAt: string | null, location = ""): DeviceDto {
  return { id: name, name, kind: "thermostat", location, enabled: status !== "disabled", status, lastSeenAt, createdAt: "2026-01-01T00:00:00.000Z", owner: { id: "u", name: "U" }, metrics: [] };
}

const devices = [
  device("Porch", "offline", "2026-11-01T00:00:00.000Z", "Front"),
  device("Attic", "online", "2026-11-29T00:00:00.000Z"),
  device("Cellar", "disabled", null, "Basement"),
  device("Kitchen", "online", "2026-11-28T00:00:00.000Z"),
];

describe("parseDeviceFilter", () => {
  it("falls back to the defaults for anything unexpected", () => {
    expect(parseDeviceFilter({})).toEqual({ q: "", status: "all", sort: "name" });
    expect(parseDeviceFilter({ q: ["  porch ", "x"], status: "haunted", sort: "random" })).toEqual({ q: "porch", status: "all", sort: "name" });
    expect(parseDeviceFilter({ q: "x".repeat(1000) }).q).toBe("");
  });
});

describe("filterDevices", () => {
  it("searches names and locations, case-insensitively", () => {
    expect(filterDevices(devices, { q: "POR", status: "all", sort: "name" }).map((d) => d.name)).toEqual(["Porch"]);
    expect(filterDevices(devices, { q: "basement", status: "all", sort: "name" }).map((d) => d.name)).toEqual(["Cellar"]);
  });

  it("filters by status and sorts by name, status or last seen", () => {
    expect(filterDevices(devices, { q: "", status: "online", sort: "name" }).map((d) => d.name)).toEqual(["Attic", "Kitchen"]);
    expect(filterDevices(devices, { q: "", status: "all", sort: "status" }).map((d) => d.name)).toEqual(["Attic", "Kitchen", "Porch", "Cellar"]);
    expect(filterDevices(devices, { q: "", status: "all", sort: "last-seen" }).map((d) => d.name)).toEqual(["Attic", "Kitchen", "Porch", "Cellar"]);
  });
});

describe("filterDevices by alerts", () => {
  const withAlerts = devices.map((d, i) => ({ ...d, alerts: Array.from({ length: [1, 0, 0, 2][i]! }, () => ({})) }));

  it("keeps only devices with an open alert, and sorts the most alerts first", () => {
    expect(filterDevices(withAlerts, { q: "", status: "alerts", sort: "name" }).map((d) => d.name)).toEqual(["Kitchen", "Porch"]);
    expect(filterDevices(withAlerts, { q: "", status: "all", sort: "alerts" }).map((d) => d.name)).toEqual(["Kitchen", "Porch", "Attic", "Cellar"]);
  });
});

describe("parseDevicePage", () => {
  it("reads a whole page number from 1, and treats anything else as page 1", () => {
    expect(parseDevicePage({})).toBe(1);
    expect(parseDevicePage({ page: "2" })).toBe(2);
    expect(parseDevicePage({ page: ["3", "9"] })).toBe(3);
    for (const bad of ["0", "-1", "1.5", "2e3", "abc", " 2", "", "<script>", "9".repeat(40)]) expect(parseDevicePage({ page: bad })).toBe(1);
  });

  it("leaves the search, filter and sort as they were", () => {
    const params = { q: "porch", status: "online", sort: "status", page: "4" };
    expect(parseDeviceFilter(params)).toEqual({ q: "porch", status: "online", sort: "status" });
    expect(parseDevicePage(params)).toBe(4);
  });
});

describe("pageOf", () => {
  const items = Array.from({ length: 100 }, (_, i) => i + 1);

  it("slices one page and says where it is", () => {
    expect(TILES_PER_PAGE).toBe(48);
    const first = pageOf(items, 1);
    expect(first).toMatchObject({ page: 1, pages: 3, first: 1, last: 48, total: 100 });
    expect(first.items).toEqual(items.slice(0, 48));
    const last = pageOf(items, 3);
    expect(last).toMatchObject({ page: 3, first: 97, last: 100 });
    expect(last.items).toEqual([97, 98, 99, 100]);
  });

  it("shows the last page for a page past the end, and page 1 for nonsense", () => {
    expect(pageOf(items, 999_999_999)).toMatchObject({ page: 3, first: 97 });
    expect(pageOf(items, 0).page).toBe(1);
    expect(pageOf(items, Number.NaN).page).toBe(1);
    expect(pageOf(items, -5).page).toBe(1);
  });

  it("has one empty page when nothing matches", () => {
    expect(pageOf([], 7)).toEqual({ items: [], page: 1, pages: 1, first: 0, last: 0, total: 0 });
    expect(pageOf(items.slice(0, 48), 2)).toMatchObject({ page: 1, pages: 1 });
  });
});

describe("deviceListHref", () => {
  it("keeps the search, filter and sort, and leaves defaults and page 1 out", () => {
    expect(deviceListHref({ q: "", status: "all", sort: "name" }, 1)).toBe("/");
    expect(deviceListHref({ q: "", status: "all", sort: "name" }, 2)).toBe("/?page=2");
    const href = deviceListHref({ q: "front & back", status: "alerts", sort: "last-seen" }, 3);
    const query = new URLSearchParams(href.slice(2));
    expect(Object.fromEntries(query)).toEqual({ q: "front & back", status: "alerts", sort: "last-seen", page: "3" });
    expect(parseDeviceFilter(Object.fromEntries(query))).toEqual({ q: "front & back", status: "alerts", sort: "last-seen" });
  });
});

describe("showingText", () => {
  it("counts the page, the matches and the fleet", () => {
    expect(showingText({ first: 1, last: 48, total: 1000 }, 1000)).toBe("Showing 1–48 of 1,000 devices");
    expect(showingText({ first: 1, last: 37, total: 37 }, 1000)).toBe("Showing 1–37 of 37 matching, 1,000 in all");
    expect(showingText({ first: 1, last: 1, total: 1 }, 1)).toBe("Showing 1 of 1 device");
    expect(showingText({ first: 0, last: 0, total: 0 }, 3)).toBe("None of 3 devices match");
  });
});

describe("clearing filters", () => {
  it("counts a search or a status as a filter, and a sort as none", () => {
    expect(isFiltered(parseDeviceFilter({}))).toBe(false);
    expect(isFiltered(parseDeviceFilter({ sort: "alerts" }))).toBe(false);
    expect(isFiltered(parseDeviceFilter({ q: "porch" }))).toBe(true);
    expect(isFiltered(parseDeviceFilter({ status: "offline" }))).toBe(true);
    // Blank after trimming is no search.
    expect(isFiltered(parseDeviceFilter({ q: "   " }))).toBe(false);
  });

  it("keeps the sort and starts again at page 1", () => {
    expect(clearedFilterHref(parseDeviceFilter({ q: "x", status: "online", sort: "alerts", page: "3" }))).toBe("/?sort=alerts");
    expect(clearedFilterHref(parseDeviceFilter({ q: "x" }))).toBe("/");
  });
});
