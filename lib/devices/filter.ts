// Search, filter and sort for the homepage's device list, from the page's query string.
import { z } from "zod";
import type { DeviceDto } from "./devices";

export const SORTS = { name: "Name", status: "Status", alerts: "Alerts first", "last-seen": "Last seen" } as const;
const STATUS_ORDER = { online: 0, offline: 1, disabled: 2 } as const;

const schema = z.object({
  q: z.string().trim().max(80).catch(""),
  status: z.enum(["all", "online", "offline", "disabled", "alerts"]).catch("all"),
  sort: z.enum(Object.keys(SORTS) as [keyof typeof SORTS, ...(keyof typeof SORTS)[]]).catch("name"),
});

export type DeviceFilter = z.infer<typeof schema>;

type Params = Record<string, string | string[] | undefined>;

/** Reads the filter from the query string; anything unexpected falls back to its default. */
export function parseDeviceFilter(params: Params): DeviceFilter {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return schema.parse({ q: first(params.q) ?? "", status: first(params.status) ?? "all", sort: first(params.sort) ?? "name" });
}

type Listed = DeviceDto & { alerts?: unknown[] };

const alertCount = (device: Listed) => device.alerts?.length ?? 0;

export function filterDevices<T extends Listed>(devices: T[], filter: DeviceFilter): T[] {
  const needle = filter.q.toLocaleLowerCase();
  const matching = devices.filter(
    (d) =>
      (filter.status === "all" || d.status === filter.status || (filter.status === "alerts" && alertCount(d) > 0)) &&
      (!needle || `${d.name} ${d.location}`.toLocaleLowerCase().includes(needle)),
  );
  const byName = (a: T, b: T) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  const compare: Record<DeviceFilter["sort"], (a: T, b: T) => number> = {
    name: byName,
    status: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || byName(a, b),
    alerts: (a, b) => alertCount(b) - alertCount(a) || byName(a, b),
    "last-seen": (a, b) => (b.lastSeenAt ?? "").localeCompare(a.lastSeenAt ?? "") || byName(a, b),
  };
  return [...matching].sort(compare[filter.sort]);
}
