// The device API's shapes: the same zod schemas validate requests and generate the OpenAPI document.
import { z } from "zod";
import { SCOPES } from "@/lib/access/scopes";
import { DEVICE_KINDS } from "@/lib/devices/catalog";
import { MAX_PAGE_SIZE } from "@/lib/devices/devices";
import { MAX_SEARCH_LENGTH, SORT_KEYS, STATUS_FILTERS, TILES_PER_PAGE } from "@/lib/devices/filter";
import { DAY_MS, MINUTE_MS, SECOND_MS } from "@/lib/time";

const MAX_RANGE_DAYS = 366;
const MAX_POINTS = 5_000;
export const MAX_BATCH = 1_000;
/** The largest magnitude a reading may have. */
export const MAX_READING = 1e12;
const MAX_READING_TEXT = "1e12";

const isoTime = z.iso.datetime({ offset: true });
const deviceKind = z.enum(Object.keys(DEVICE_KINDS) as [keyof typeof DEVICE_KINDS, ...(keyof typeof DEVICE_KINDS)[]]);
const name = z.string().trim().min(1, "Enter a name").max(80, "At most 80 characters");
const location = z.string().trim().max(80, "At most 80 characters");

export const DeviceId = z.object({ deviceId: z.string().min(1).max(64) });

export const Device = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    location: z.string(),
    enabled: z.boolean(),
    status: z.enum(["online", "offline", "disabled"]),
    lastSeenAt: isoTime.nullable(),
    createdAt: isoTime,
    owner: z.object({ id: z.string(), name: z.string() }),
    metrics: z.array(z.object({ key: z.string(), unit: z.string() })),
  })
  .meta({ id: "Device" });

export const Fleet = z
  .object({
    devices: z.object({ total: z.number().int(), online: z.number().int(), offline: z.number().int(), disabled: z.number().int() }),
    readingsLastHour: z.number().int(),
    alerts: z.number().int().meta({ description: "Open alerts: enabled devices gone silent, and readings outside their kind's bounds" }),
  })
  .meta({ id: "Fleet" });

export const DevicePage = z.object({ data: z.array(Device), nextCursor: z.string().nullable() }).meta({ id: "DevicePage" });

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).default(50).transform((n) => Math.min(n, MAX_PAGE_SIZE)).meta({ description: `Page size, at most ${MAX_PAGE_SIZE}` }),
  cursor: z.string().max(64).optional().meta({ description: "The nextCursor of the previous page" }),
});

export const DeviceCreate = z
  .object({ name, kind: deviceKind, location: location.optional(), enabled: z.boolean().optional(), ownerId: z.string().max(64).optional() })
  .strict()
  .meta({ id: "DeviceCreate" });

export const DeviceUpdate = z
  .object({ name: name.optional(), location: location.optional(), enabled: z.boolean().optional() })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, "Change at least one field")
  .meta({ id: "DeviceUpdate" });

const DeviceAlert = z.object({ metric: z.string().nullable().meta({ description: "null when the alert is about the device, not one metric" }), message: z.string() });

export const DeviceOverview = Device.extend({
  readings: z.array(
    z.object({
      key: z.string(),
      unit: z.string(),
      time: isoTime.nullable(),
      value: z.number().nullable(),
      last24h: z.array(z.number().nullable()).meta({ description: "Hourly averages over the last 24 hours, oldest first, the last one the hour under way; null where nothing was read" }),
    }),
  ),
  alerts: z.array(DeviceAlert),
  readingsLastHour: z.number().int(),
}).meta({ id: "DeviceOverview" });

export const OverviewPage = z.object({ data: z.array(DeviceOverview), nextCursor: z.string().nullable() }).meta({ id: "OverviewPage" });

export const OverviewSearchQuery = z.object({
  q: z.string().trim().max(MAX_SEARCH_LENGTH).default("").meta({ description: "Words to find in a device's name or location, any case" }),
  status: z.enum(STATUS_FILTERS).default("all").meta({ description: "Only devices in this state; `alerts`: those with an open alert" }),
  sort: z.enum(SORT_KEYS).default("name").meta({ description: "Order: by name, by status, alerts first, or last seen first" }),
  page: z.coerce.number().int().min(1).max(1_000_000_000).default(1).meta({ description: "Page, from 1; past the last page, the last page" }),
  limit: z.coerce.number().int().min(1).default(TILES_PER_PAGE).transform((n) => Math.min(n, MAX_PAGE_SIZE)).meta({ description: `Page size, at most ${MAX_PAGE_SIZE}` }),
});

const count = z.number().int();

export const OverviewSearchPage = z
  .object({
    data: z.array(DeviceOverview),
    page: count,
    pages: count,
    first: count.meta({ description: "Place of the page's first device among the matches, from 1; 0 when none match" }),
    last: count,
    total: count.meta({ description: "Devices matching the search" }),
    all: count.meta({ description: "Devices the caller may see, matching or not" }),
  })
  .meta({ id: "OverviewSearchPage" });

export const LatestReadings = z
  .object({ data: z.array(z.object({ key: z.string(), unit: z.string(), time: isoTime.nullable(), value: z.number().nullable() })) })
  .meta({ id: "LatestReadings" });

export const FirstReading = z
  .object({ time: isoTime.nullable().meta({ description: "When the device's oldest reading was taken; null before its first" }) })
  .meta({ id: "FirstReading" });

export const TelemetryQuery = z
  .object({
    from: isoTime.optional().meta({ description: "Start of the range (inclusive); defaults to 24 h before `to`" }),
    to: isoTime.optional().meta({ description: "End of the range (exclusive); defaults to now" }),
    bucket: z.coerce.number().int().min(60).max((7 * DAY_MS) / SECOND_MS).optional().meta({ description: "Bucket size in seconds; defaults to about 500 points" }),
    metric: z.string().max(32).optional(),
  })
  .transform((q, ctx) => {
    const to = q.to ? new Date(q.to) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - DAY_MS);
    const span = to.getTime() - from.getTime();
    if (span <= 0) ctx.addIssue({ code: "custom", path: ["from"], message: "`from` must be before `to`" });
    if (span > MAX_RANGE_DAYS * DAY_MS) ctx.addIssue({ code: "custom", path: ["from"], message: `The range may span at most ${MAX_RANGE_DAYS} days` });
    const bucketMs = (q.bucket ?? autoBucketSeconds(span)) * SECOND_MS;
    // Whole buckets only, so that every bucket holds all of its readings, from rollups or raw alike.
    const alignedFrom = new Date(Math.floor(from.getTime() / bucketMs) * bucketMs);
    const alignedTo = new Date(Math.ceil(to.getTime() / bucketMs) * bucketMs);
    // Counted on the widened range, which is what is read: the requested one can be a bucket short.
    if ((alignedTo.getTime() - alignedFrom.getTime()) / bucketMs > MAX_POINTS) {
      ctx.addIssue({ code: "custom", path: ["bucket"], message: `At most ${MAX_POINTS} buckets; choose a larger bucket` });
    }
    return { from: alignedFrom, to: alignedTo, bucketMs, metric: q.metric };
  });

const NICE_BUCKETS = [60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** The smallest round bucket that keeps a range at about 500 points or fewer. */
function autoBucketSeconds(spanMs: number): number {
  const wanted = spanMs / SECOND_MS / 500;
  return NICE_BUCKETS.find((b) => b >= wanted) ?? DAY_MS / SECOND_MS;
}

export const TelemetrySeries = z
  .object({
    data: z.array(
      z.object({
        metric: z.string(),
        unit: z.string(),
        buckets: z.array(
          z
            .object({ time: isoTime, min: z.number(), max: z.number(), avg: z.number(), count: z.number().int() })
            .meta({ description: "A bucket from its time: the lowest, highest and mean reading, each to the nearest 0.001, and how many readings it holds" }),
        ),
      }),
    ),
    from: isoTime,
    to: isoTime,
    bucketSeconds: z.number().int(),
  })
  .meta({ id: "TelemetrySeries" });

export const IngestBody = z
  .object({
    readings: z
      .array(
        z.object({
          metric: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, "Lower-case letters, digits and _, at most 32"),
          // The number first, as devices send it: a union tries its options in order, and a failed
          // string check a reading was a quarter of this schema's cost. The validity check lives in
          // the transform, as the same custom issue a refine would add, for the same reason.
          time: z.union([z.number().int().positive(), isoTime]).transform((t, ctx) => {
            const date = new Date(t);
            if (Number.isNaN(date.getTime())) ctx.issues.push({ code: "custom", message: "Not a real date and time", input: date, continue: true });
            return date;
          }),
          // Far beyond any sensor, and small enough that no rollup's sum of readings can overflow a
          // double: an extreme but finite value must not turn a bucket's sum into Infinity.
          value: z.number().finite().min(-MAX_READING, `At least -${MAX_READING_TEXT}`).max(MAX_READING, `At most ${MAX_READING_TEXT}`),
          unit: z.string().max(16).optional(),
        })
        .strict(),
      )
      .min(1)
      .max(MAX_BATCH, `At most ${MAX_BATCH} readings a batch`),
  })
  .superRefine((body, ctx) => {
    const now = Date.now();
    body.readings.forEach((r, i) => {
      // An unparseable time already failed its own check; there is no date to compare.
      if (!(r.time instanceof Date) || Number.isNaN(r.time.getTime())) return;
      if (r.time.getTime() > now + 5 * MINUTE_MS) ctx.addIssue({ code: "custom", path: ["readings", i, "time"], message: "A reading cannot be from the future" });
      if (r.time.getTime() < now - MAX_RANGE_DAYS * DAY_MS) ctx.addIssue({ code: "custom", path: ["readings", i, "time"], message: "A reading may be at most a year old" });
    });
  })
  .meta({ id: "IngestBody" });

export const IngestResult = z.object({ accepted: z.number().int() }).meta({ id: "IngestResult" });

export const Me = z
  .object({
    user: z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(["ADMIN", "STANDARD"]) }),
    token: z.object({ id: z.string(), kind: z.enum(["DASHBOARD", "PERSONAL", "DEVICE"]), scopes: z.array(z.enum(SCOPES)), deviceId: z.string().nullable() }),
  })
  .meta({ id: "Me" });
