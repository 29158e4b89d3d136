// Properties of the device API's request schemas: any input gets an answer, never an exception, and
// whatever they accept keeps the limits the API promises.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEVICE_KINDS } from "@/lib/devices/catalog";
import { DAY_MS, MINUTE_MS, SECOND_MS } from "@/lib/time";
import { DeviceCreate, DeviceUpdate, IngestBody, MAX_BATCH, TelemetryQuery } from "./schemas";

/** The limits the API documents (README, OpenAPI): a reading at most a year old or 5 minutes ahead. */
const MAX_AGE_MS = 366 * DAY_MS;
const MAX_AHEAD_MS = 5 * MINUTE_MS;
const MAX_POINTS = 5_000;
const METRIC = /^[a-z][a-z0-9_]{0,31}$/;

type Schema = { safeParse: (input: unknown) => { success: boolean } };

/** Parses without letting an exception escape as a pass: a throw fails the property. */
function answers(schema: Schema, input: unknown) {
  const result = schema.safeParse(input);
  expect(typeof result.success).toBe("boolean");
  return result;
}

describe("IngestBody", () => {
  const now = Date.now();
  const validReading = { metric: "temperature", time: now - MINUTE_MS, value: 21.5 };
  /** Mostly a valid field, so that whole batches get accepted; now and then anything else. */
  const mostly = (good: fc.Arbitrary<unknown>, bad: fc.Arbitrary<unknown>) => fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: bad });
  const rarely = <T,>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ weight: 7, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
  const inWindow = fc.integer({ min: now - MAX_AGE_MS + MINUTE_MS, max: now });
  const reading = fc
    .record({
      metric: mostly(fc.stringMatching(METRIC), fc.oneof(fc.string(), fc.integer(), fc.constantFrom("Temperature", "1x", "a".repeat(33)))),
      time: mostly(
        fc.oneof(inWindow, inWindow.map((ms) => new Date(ms).toISOString())),
        fc.oneof(
          fc.integer({ min: now - 400 * DAY_MS, max: now + DAY_MS }),
          fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
          fc.double(),
          fc.string(),
          fc.constantFrom(null, true, 0, -1, 8.64e15 + 1, "2026-13-45T25:61:00Z"),
        ),
      ),
      value: mostly(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.oneof(fc.double(), fc.string(), fc.constantFrom(null, Infinity, -Infinity, Number.NaN, "1", true))),
      unit: fc.option(mostly(fc.string({ maxLength: 16 }), fc.oneof(fc.string({ minLength: 17 }), fc.integer())), { nil: undefined }),
      extra: rarely(fc.jsonValue()),
      missing: rarely(fc.constantFrom("metric", "time", "value")),
    })
    .map(({ missing, ...fields }) => Object.fromEntries(Object.entries(fields).filter(([key, value]) => value !== undefined && key !== missing)));
  const body = fc.oneof(
    { weight: 4, arbitrary: fc.record({ readings: fc.array(reading, { maxLength: 4 }) }) },
    { weight: 1, arbitrary: fc.record({ readings: fc.array(reading, { maxLength: 2 }), extra: fc.jsonValue() }) },
    { weight: 1, arbitrary: fc.record({ readings: fc.jsonValue() }) },
  );

  it("answers any JSON value with success or failure, never an exception", () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => void answers(IngestBody, value)), { numRuns: 500 });
  });

  it("accepts only finite values, real times within the window, known members and well-named metrics", () => {
    fc.assert(
      fc.property(body, (input) => {
        const before = Date.now();
        const result = IngestBody.safeParse(input);
        const after = Date.now();
        if (!result.success) return;
        const { readings } = result.data;
        expect(readings.length).toBeGreaterThanOrEqual(1);
        expect(readings.length).toBeLessThanOrEqual(MAX_BATCH);
        // A reading refuses unknown members; the body only drops them.
        expect(Object.keys(result.data)).toEqual(["readings"]);
        for (const [i, r] of readings.entries()) {
          expect(Number.isFinite(r.value)).toBe(true);
          expect(r.metric).toMatch(METRIC);
          expect(Number.isNaN(r.time.getTime())).toBe(false);
          expect(r.time.getTime()).toBeGreaterThanOrEqual(before - MAX_AGE_MS);
          expect(r.time.getTime()).toBeLessThanOrEqual(after + MAX_AHEAD_MS);
          expect(Object.keys((input.readings as object[])[i]!).every((key) => ["metric", "time", "value", "unit"].includes(key))).toBe(true);
          if (r.unit !== undefined) expect(r.unit.length).toBeLessThanOrEqual(16);
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it("accepts a batch of 1 to 1,000 readings and refuses any other size", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: MAX_BATCH - 3, max: MAX_BATCH + 3 }), fc.integer({ min: 0, max: 1_200 })), (count) => {
        const ok = count >= 1 && count <= MAX_BATCH;
        expect(answers(IngestBody, { readings: Array.from({ length: count }, () => validReading) }).success).toBe(ok);
      }),
      { numRuns: 60 },
    );
  });

  it("accepts a reading's time, as a number or a date string, exactly when it is within the window", () => {
    const offset = fc.oneof(
      fc.integer({ min: -400 * DAY_MS, max: DAY_MS }),
      fc.integer({ min: -MAX_AGE_MS - MINUTE_MS, max: -MAX_AGE_MS + MINUTE_MS }),
      fc.integer({ min: MAX_AHEAD_MS - MINUTE_MS, max: MAX_AHEAD_MS + MINUTE_MS }),
    );
    fc.assert(
      fc.property(offset, fc.boolean(), (ms, asString) => {
        const before = Date.now();
        const t = before + ms;
        const result = answers(IngestBody, { readings: [{ ...validReading, time: asString ? new Date(t).toISOString() : t }] });
        const after = Date.now();
        // Only clear cases: the schema reads the clock between `before` and `after`.
        if (t >= after - MAX_AGE_MS && t <= before + MAX_AHEAD_MS) expect(result.success).toBe(true);
        if (t < before - MAX_AGE_MS || t > after + MAX_AHEAD_MS) expect(result.success).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe("TelemetryQuery", () => {
  const bucketSeconds = fc.oneof(fc.constantFrom(60, 300, 3_600, 86_400, 604_800), fc.integer({ min: 1, max: 700_000 }));
  /** A query's pieces: where it ends, how long it is, and its bucket, often near the 5,000-bucket limit. */
  const query = fc
    .tuple(
      fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2030, 0, 1) }).chain((ms) => fc.constantFrom(ms, ms - (ms % MINUTE_MS), ms - (ms % DAY_MS))),
      fc.option(bucketSeconds, { nil: undefined }),
      fc.oneof(
        fc.integer({ min: -DAY_MS, max: 400 * DAY_MS }),
        fc.constantFrom(0, 1, -1, MAX_AGE_MS, MAX_AGE_MS + 1),
        fc.tuple(fc.integer({ min: -2, max: 2 }), fc.double({ min: -1, max: 1, noNaN: true })),
      ),
      fc.boolean(),
    )
    .map(([to, bucket, span, bucketAsString]) => {
      const spanMs = typeof span === "number" ? span : Math.round((MAX_POINTS + span[0] + span[1]) * (bucket ?? 60) * SECOND_MS);
      return { to, from: to - spanMs, bucket, input: { from: new Date(to - spanMs).toISOString(), to: new Date(to).toISOString(), ...(bucket === undefined ? {} : { bucket: bucketAsString ? String(bucket) : bucket }) } };
    });

  it("answers any query string with success or failure, never an exception", () => {
    const value = fc.oneof(fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.integer().map(String), fc.double().map(String));
    const input = fc.dictionary(fc.oneof(fc.constantFrom("from", "to", "bucket", "metric"), fc.string()), value);
    fc.assert(fc.property(input, (q) => void answers(TelemetryQuery, q)), { numRuns: 500 });
  });

  it("accepts a range exactly when it is forward, at most 366 days and at most 5,000 buckets", () => {
    fc.assert(
      fc.property(query, ({ from, to, bucket, input }) => {
        fc.pre(bucket === undefined || (bucket >= 60 && bucket <= 7 * DAY_MS / SECOND_MS));
        const span = to - from;
        // The buckets are counted on the range widened to whole buckets, which is what is read.
        const size = (bucket ?? 0) * SECOND_MS;
        const buckets = bucket === undefined ? 0 : (Math.ceil(to / size) - Math.floor(from / size));
        const ok = span > 0 && span <= MAX_AGE_MS && buckets <= MAX_POINTS;
        expect(answers(TelemetryQuery, input).success).toBe(ok);
      }),
      { numRuns: 500 },
    );
  });

  it("gives an accepted query a forward range of whole buckets that covers the one asked for", () => {
    fc.assert(
      fc.property(query, ({ from, to, input }) => {
        const result = TelemetryQuery.safeParse(input);
        if (!result.success) return;
        const { from: start, to: end, bucketMs } = result.data;
        expect(start.getTime()).toBeLessThan(end.getTime());
        expect(bucketMs % SECOND_MS).toBe(0);
        expect(bucketMs).toBeGreaterThanOrEqual(MINUTE_MS);
        expect(bucketMs).toBeLessThanOrEqual(7 * DAY_MS);
        expect(start.getTime() % bucketMs).toBe(0);
        expect(end.getTime() % bucketMs).toBe(0);
        expect(start.getTime()).toBeLessThanOrEqual(from);
        expect(end.getTime()).toBeGreaterThanOrEqual(to);
        // The limit holds for the range as widened to whole buckets, which is what is read.
        expect((end.getTime() - start.getTime()) / bucketMs).toBeLessThanOrEqual(MAX_POINTS);
      }),
      { numRuns: 500 },
    );
  });
});

describe("DeviceCreate and DeviceUpdate", () => {
  const kinds = Object.keys(DEVICE_KINDS);
  const known = { create: ["name", "kind", "location", "enabled", "ownerId"], update: ["name", "location", "enabled"] };
  const unknownKey = (members: string[]) => fc.string({ minLength: 1 }).filter((key) => !members.includes(key));
  const creates = fc.record(
    { name: fc.oneof(fc.string({ maxLength: 90 }), fc.constant("Kitchen")), kind: fc.oneof(fc.constantFrom(...kinds), fc.string()), location: fc.string({ maxLength: 90 }), enabled: fc.oneof(fc.boolean(), fc.jsonValue()), ownerId: fc.string({ maxLength: 70 }) },
    { requiredKeys: [] },
  );
  const updates = fc.record({ name: fc.string({ maxLength: 90 }), location: fc.string({ maxLength: 90 }), enabled: fc.oneof(fc.boolean(), fc.jsonValue()) }, { requiredKeys: [] });

  it("answer any JSON value with success or failure, never an exception", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        answers(DeviceCreate, value);
        answers(DeviceUpdate, value);
      }),
      { numRuns: 500 },
    );
  });

  it("refuse a valid body with any unknown member added", () => {
    fc.assert(
      fc.property(fc.constantFrom(...kinds), unknownKey(known.create), unknownKey(known.update), fc.jsonValue(), (kind, createKey, updateKey, value) => {
        expect(answers(DeviceCreate, { name: "Kitchen", kind }).success).toBe(true);
        expect(answers(DeviceCreate, { name: "Kitchen", kind, [createKey]: value }).success).toBe(false);
        expect(answers(DeviceUpdate, { enabled: false }).success).toBe(true);
        expect(answers(DeviceUpdate, { enabled: false, [updateKey]: value }).success).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("accept only their own members, a trimmed name of 1 to 80 characters and a known kind", () => {
    fc.assert(
      fc.property(creates, updates, (create, update) => {
        const created = DeviceCreate.safeParse(create);
        if (created.success) {
          expect(Object.keys(created.data).every((key) => known.create.includes(key))).toBe(true);
          expect(created.data.name).toBe(created.data.name.trim());
          expect(created.data.name.length).toBeGreaterThanOrEqual(1);
          expect(created.data.name.length).toBeLessThanOrEqual(80);
          expect(kinds).toContain(created.data.kind);
        }
        const updated = DeviceUpdate.safeParse(update);
        if (updated.success) {
          expect(Object.keys(updated.data).length).toBeGreaterThan(0);
          expect(Object.keys(updated.data).every((key) => known.update.includes(key))).toBe(true);
          if (updated.data.name !== undefined) expect(updated.data.name.trim().length).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 500 },
    );
  });
});
