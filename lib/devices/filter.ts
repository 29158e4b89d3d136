// Search, filter and sort for the homepage's device list, from the page's query string.
import { z } from "zod";
import type { DeviceDto } from "./devices";

export const SORTS = { name: "Name", status: "Status", "last-seen": "Last seen" } as const;
const STATUS_ORDER = { online: 0, offline: 1, disabled: 2 } as const;

const schema = z.object({
  q: z.string().trim().max(80).catch(""),
  status: z.enum(["all", "online", "offline", "disabled"]).catch("all"),
  sort: z.enum(Object.keys(SORTS) as [keyof typeof SORTS, ...(keyof typeof SORTS)[]]).catch("name"),
});

export type DeviceFilter = z.infer<typeof schema>;

type Params = Record<string, string | string[] | undefined>;

/** Reads the filter from the query string; anything unexpected falls back to its default. */
export function parseDeviceFilter(params: Params): DeviceFilter {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return schema.parse({ q: first(params.q) ?? "", status: first(params.status) ?? "all", sort: first(params.sort) ?? "name" });
}

export function filterDevices(devices: DeviceDto[], filter: DeviceFilter): DeviceDto[] {
  const needle = filter.q.toLocaleLowerCase();
  const matching = devices.filter(
    (d) =>
      (filter.status === "all" || d.status === filter.status) &&
      (!needle || `${d.name} ${d.location}`.toLocaleLowerCase().includes(needle)),
  );
  const byName = (a: DeviceDto, b: DeviceDto) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  const compare: Record<DeviceFilter["sort"], (a: DeviceDto, b: DeviceDto) => number> = {
    name: byName,
    status: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || byName(a, b),
    "last-seen": (a, b) => (b.lastSeenAt ?? "").localeCompare(a.lastSeenAt ?? "") || byName(a, b),
  };
  return [...matching].sort(compare[filter.sort]);
}
