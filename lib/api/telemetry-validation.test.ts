// Telemetry through the API, refused: bad readings store nothing, bad queries name their field.
import { beforeAll, describe, expect, it } from "vitest";
import { testDb } from "@/lib/testing/factories";
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from "@/lib/time";
import { MAX_BATCH, MAX_READING } from "./schemas";
import { apiClient, deviceOf, expectProblem, storedReadings, telemetryCalls, userWithToken } from "@/lib/testing/api-client";

const call = apiClient("203.0.113.15");
const iso = (ms: number) => new Date(ms).toISOString();

let owner: Awaited<ReturnType<typeof userWithToken>>;
beforeAll(async () => {
  owner = await userWithToken();
});

const { ingest, read } = telemetryCalls(call, () => owner.token);

describe("invalid readings", () => {
  const now = Date.now();
  const ok = { metric: "temperature", time: now - HOUR_MS, value: 20 };
  const CASES: [string, string][] = [
    ["a time in the future", JSON.stringify({ readings: [{ ...ok, time: now + HOUR_MS }] })],
    ["a time over a year ago", JSON.stringify({ readings: [{ ...ok, time: now - 400 * DAY_MS }] })],
    ["a time with neither date nor number", JSON.stringify({ readings: [{ ...ok, time: true }] })],
    ["a value of \"NaN\"", JSON.stringify({ readings: [{ ...ok, value: "NaN" }] })],
    ["a value that overflows to Infinity", `{"readings":[{"metric":"temperature","time":${now - HOUR_MS},"value":1e999}]}`],
    ["a value that overflows to -Infinity", `{"readings":[{"metric":"temperature","time":${now - HOUR_MS},"value":-1e999}]}`],
    ["the largest finite double", JSON.stringify({ readings: [{ ...ok, value: Number.MAX_VALUE }] })],
    ["the most negative finite double", JSON.stringify({ readings: [{ ...ok, value: -Number.MAX_VALUE }] })],
    ["a value just past the limit", JSON.stringify({ readings: [{ ...ok, value: MAX_READING * 1.000001 }] })],
    ["an integer past 2^63", `{"readings":[{"metric":"temperature","time":${now - HOUR_MS},"value":9223372036854775808}]}`],
    ["a null value", JSON.stringify({ readings: [{ ...ok, value: null }] })],
    ["no value", JSON.stringify({ readings: [{ metric: "temperature", time: now - HOUR_MS }] })],
    ["an upper-case metric", JSON.stringify({ readings: [{ ...ok, metric: "Temperature" }] })],
    ["a unit over 16 characters", JSON.stringify({ readings: [{ ...ok, unit: "u".repeat(17) }] })],
    ["no readings", JSON.stringify({ readings: [] })],
    ["readings that are not a list", JSON.stringify({ readings: ok })],
    [`${MAX_BATCH + 1} readings`, JSON.stringify({ readings: Array.from({ length: MAX_BATCH + 1 }, (_, i) => ({ ...ok, time: now - HOUR_MS - i * MINUTE_MS })) })],
    ["one bad reading among good ones", JSON.stringify({ readings: [ok, { ...ok, time: now - 2 * HOUR_MS }, { ...ok, time: now + DAY_MS }] })],
  ];

  let id: string;
  beforeAll(async () => {
    id = await deviceOf(owner.user.id);
    expect((await ingest(id, [{ metric: "temperature", time: now - 3 * HOUR_MS, value: 5 }])).status).toBe(201);
  });

  it.each(CASES)("%s answers 400 with errors and stores nothing", async (_, body) => {
    const before = { readings: await storedReadings(id), device: await testDb().device.findUniqueOrThrow({ where: { id }, include: { metrics: true } }) };
    const result = await call("POST", `/devices/${id}/telemetry`, { token: owner.token, rawBody: body, headers: { "content-type": "application/json" } });
    expectProblem(result, 400, "invalid_request", [owner.token]);
    expect(result.body.errors.readings).toEqual(expect.arrayContaining([expect.any(String)]));
    expect(await storedReadings(id)).toEqual(before.readings);
    expect(await testDb().device.findUniqueOrThrow({ where: { id }, include: { metrics: true } })).toEqual(before.device);
  });

  // Regression test, once a bug (lib/api/schemas.ts:111-116): the batch's superRefine still runs when a reading's `time`
  // failed its own check, sees the raw string or number instead of a Date, and throws
  // "r.time.getTime is not a function": a 500 instead of a 400. Skip readings whose time is not a
  // Date (`if (!(r.time instanceof Date)) return;`), or check the range on the time field itself.
  it("answers 400, not 500, for an unparseable time or a time of zero", async () => {
    for (const time of ["yesterday", 0, -5, "2026-02-30T00:00:00Z"]) {
      const result = await ingest(id, [{ ...ok, time }]);
      expectProblem(result, 400, "invalid_request", [owner.token]);
      expect(result.body.errors.readings).toEqual(expect.arrayContaining([expect.any(String)]));
    }
  });

  // Regression test: values such as 1.7e308 passed the schema (finite), and two of them in one
  // bucket summed to Infinity in the rollups, so the bucket read back as null: a 500 in development.
  it("takes readings at the limit, and reads their buckets back as numbers", async () => {
    const extreme = await deviceOf(owner.user.id);
    const hour = Math.floor(now / HOUR_MS) * HOUR_MS - 2 * HOUR_MS;
    const values = [MAX_READING, MAX_READING, -MAX_READING, MAX_READING];
    expect((await ingest(extreme, values.map((value, i) => ({ metric: "temperature", time: hour + i * MINUTE_MS, value })))).status).toBe(201);
    const series = await read(extreme, `from=${iso(hour - DAY_MS)}&to=${iso(hour + HOUR_MS)}&bucket=86400`);
    expect(series.status, series.text).toBe(200);
    const buckets = series.body.data[0].buckets as { min: number; max: number; avg: number; count: number }[];
    expect(buckets.reduce((sum, b) => sum + b.count, 0)).toBe(4);
    for (const bucket of buckets) for (const figure of [bucket.min, bucket.max, bucket.avg]) expect(Number.isFinite(figure)).toBe(true);
  });

  it("names the batch limit", async () => {
    const readings = Array.from({ length: MAX_BATCH + 1 }, (_, i) => ({ ...ok, time: now - HOUR_MS - i * MINUTE_MS }));
    const result = await ingest(id, readings);
    expect(result.body.errors.readings).toContain(`At most ${MAX_BATCH} readings a batch`);
  });

  // The schema was reshaped for speed (lib/api/schemas.ts); these are the messages, in their order,
  // that the earlier schema gave for the same bodies.
  it("lists every bad reading's message, in order, and the range checks only when nothing else aborted", async () => {
    const bad = [
      { ...ok, time: "2026-02-30T00:00:00Z" },
      { ...ok, time: now + HOUR_MS },
      { ...ok, metric: "Temperature" },
      { ...ok, time: iso(now - 2 * HOUR_MS), value: null },
      { ...ok, time: "yesterday" },
      { ...ok, time: 0 },
      { ...ok, time: 9e15 },
      { ...ok, time: true, unit: "u".repeat(17) },
    ];
    const all = await ingest(id, bad);
    expectProblem(all, 400, "invalid_request", [owner.token]);
    expect(all.body.errors).toEqual({
      readings: [
        "Invalid ISO datetime",
        "Lower-case letters, digits and _, at most 32",
        "Invalid input: expected number, received null",
        "Invalid ISO datetime",
        "Too small: expected number to be >0",
        "Not a real date and time",
        "Invalid input",
        "Too big: expected string to have <=16 characters",
      ],
    });
    const checksOnly = await ingest(id, bad.filter((r) => r.value !== null && r.time !== true));
    expect(checksOnly.body.errors).toEqual({
      readings: [
        "Invalid ISO datetime",
        "Lower-case letters, digits and _, at most 32",
        "Invalid ISO datetime",
        "Too small: expected number to be >0",
        "Not a real date and time",
        "A reading cannot be from the future",
      ],
    });
  });
});

describe("invalid telemetry queries", () => {
  const now = Date.now();
  const CASES: [string, string, string][] = [
    ["from after to", `from=${iso(now - HOUR_MS)}&to=${iso(now - 2 * HOUR_MS)}`, "from"],
    ["from equal to to", `from=${iso(now - HOUR_MS)}&to=${iso(now - HOUR_MS)}`, "from"],
    ["a range over 366 days", `from=${iso(now - 367 * DAY_MS)}&to=${iso(now)}`, "from"],
    ["an unparseable from", "from=yesterday", "from"],
    ["an unparseable to", "to=2026-13-01T00:00:00Z", "to"],
    ["a date without a time", "from=2026-01-01", "from"],
    ["too many buckets", `from=${iso(now - 30 * DAY_MS)}&to=${iso(now)}&bucket=60`, "bucket"],
    ["a bucket under a minute", "bucket=59", "bucket"],
    ["a bucket over a week", "bucket=604801", "bucket"],
    ["a bucket that is not a number", "bucket=hourly", "bucket"],
    ["a metric name over 32 characters", `metric=${"m".repeat(33)}`, "metric"],
  ];

  let id: string;
  beforeAll(async () => {
    id = await deviceOf(owner.user.id);
  });

  it.each(CASES)("%s answers 400 with errors", async (_, query, field) => {
    const result = await read(id, query);
    expectProblem(result, 400, "invalid_request", [owner.token]);
    expect(result.body.errors[field]).toEqual(expect.arrayContaining([expect.any(String)]));
  });

  // Regression test: the bucket limit was counted on the range asked for, before it was widened to
  // whole buckets, so 5,000 one-minute buckets from half a minute past became 5,001 read.
  it("counts the bucket limit on the range as widened to whole buckets", async () => {
    const from = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS - 6_000 * MINUTE_MS + 30 * SECOND_MS;
    const asked = await read(id, `from=${iso(from)}&to=${iso(from + 5_000 * MINUTE_MS)}&bucket=60`);
    expectProblem(asked, 400, "invalid_request", [owner.token]);
    expect(asked.body.errors.bucket).toEqual([expect.stringContaining("5000 buckets")]);
    const aligned = from - 30 * SECOND_MS;
    expect((await read(id, `from=${iso(aligned)}&to=${iso(aligned + 5_000 * MINUTE_MS)}&bucket=60`)).status).toBe(200);
  });

  it("accepts a range of exactly 366 days, choosing a bucket itself", async () => {
    const result = await read(id, `from=${iso(now - 366 * DAY_MS)}&to=${iso(now)}`);
    expect(result.status, result.text).toBe(200);
    expect(result.body.bucketSeconds).toBe(86_400);
  });

  it("defaults to the last 24 hours, widened to whole buckets", async () => {
    const before = Date.now();
    const result = await read(id, "");
    expect(result.status, result.text).toBe(200);
    const [from, to, bucket] = [Date.parse(result.body.from), Date.parse(result.body.to), result.body.bucketSeconds * 1000];
    expect(to).toBeGreaterThanOrEqual(before);
    expect(from % bucket).toBe(0);
    expect(to % bucket).toBe(0);
    expect(to - from).toBeGreaterThanOrEqual(DAY_MS);
    expect(to - from).toBeLessThanOrEqual(DAY_MS + bucket);
  });
});
