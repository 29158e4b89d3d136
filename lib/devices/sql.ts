// The hand-written statements of lib/devices, each with its reason, for SQLite and PostgreSQL
// (lib/sql-dialect.ts; times are passed in as milliseconds). Prisma's JS engine spends more on each
// model query, and on mapping many driver rows, than SQLite spends on the reads, so the hot reads
// return one JSON value.
import { Prisma } from "@/lib/generated/prisma/client";
import { at, intDiv, jsonAgg, jsonArray, jsonResult, msOf, nestedJson, onPostgres, stringAgg, timeOfMs } from "@/lib/sql-dialect";
import { HOUR_MS } from "@/lib/time";

/**
 * Devices the caller may see (`visible`, on "Device" d), from after `cursor` or only `id`, in id
 * order, as one JSON array: each [id, name, kind, location, enabled, lastSeenAt, createdAt,
 * ownerId, ownerName, [[key, unit], …]]. The API's GET /devices and GET /devices/{id}: one
 * statement and one value back instead of a row per device and per metric, which the driver maps
 * one by one. Keyset paging, as the overview's.
 */
export function devicePageSql(page: { visible: Prisma.Sql; cursor?: string; id?: string; limit: number }): Prisma.Sql {
  const { visible, cursor, id, limit } = page;
  const after = cursor ? Prisma.sql` AND d."id" > ${cursor}` : Prisma.empty;
  const only = id ? Prisma.sql` AND d."id" = ${id}` : Prisma.empty;
  return Prisma.sql`
    WITH "shown" AS (
      SELECT d."id", d."name", d."kind", d."location", d."enabled", d."lastSeenAt", d."createdAt", d."ownerId"
      FROM "Device" d WHERE ${visible}${after}${only} ORDER BY d."id" LIMIT ${limit}
    )
    SELECT ${jsonResult(jsonAgg(deviceJson(Prisma.sql`SELECT ${jsonAgg(jsonArray([Prisma.sql`m."key"`, Prisma.sql`m."unit"`]), Prisma.sql`m."id"`)} FROM "Metric" m WHERE m."deviceId" = s."id"`), Prisma.sql`s."id"`))} AS "page"
    FROM "shown" s JOIN "User" u ON u."id" = s."ownerId"`;
}

/** A device of "shown" s with its owner u, as StoredDevice (lib/devices/devices.ts), its metrics from the subquery `metrics`. */
function deviceJson(metrics: Prisma.Sql): Prisma.Sql {
  const fields = ["id", "name", "kind", "location", "enabled"].map((name) => Prisma.raw(`s."${name}"`));
  return jsonArray([...fields, msOf(Prisma.sql`s."lastSeenAt"`), msOf(Prisma.sql`s."createdAt"`), Prisma.sql`u."id"`, Prisma.sql`u."name"`, nestedJson(Prisma.sql`(${metrics})`)]);
}

/**
 * Every device the caller may see, light: what the homepage's search, filter, sort and fleet
 * summary need, and nothing a tile shows. Each device as [id, name, location, kind, enabled,
 * lastSeenAt, metrics], where metrics (the newest value of each metric whose key is in `alertKeys`,
 * for its alerts) are read only for a device online at `now`: no other alert depends on readings.
 */
export function fleetDevicesSql(visible: Prisma.Sql, now: number, onlineWindowMs: number, alertKeys: string[]): Prisma.Sql {
  const judged = alertKeys.length > 0 ? Prisma.sql`m."key" IN (${Prisma.join(alertKeys)})` : Prisma.sql`FALSE`;
  const newest = Prisma.sql`(SELECT t."value" FROM "Telemetry" t WHERE t."metricId" = m."id" ORDER BY t."time" DESC LIMIT 1)`;
  const metrics = Prisma.sql`(SELECT ${jsonAgg(jsonArray([Prisma.sql`m."key"`, Prisma.sql`m."unit"`, newest]))} FROM "Metric" m WHERE m."deviceId" = d."id" AND ${judged})`;
  return Prisma.sql`
    SELECT ${jsonResult(
      jsonAgg(
        jsonArray([
          ...["id", "name", "location", "kind", "enabled"].map((name) => Prisma.raw(`d."${name}"`)),
          msOf(Prisma.sql`d."lastSeenAt"`),
          Prisma.sql`CASE WHEN d."enabled" AND d."lastSeenAt" >= ${at(now - onlineWindowMs)} THEN ${nestedJson(metrics)} END`,
        ]),
      ),
    )} AS "devices"
    FROM "Device" d WHERE ${visible}`;
}

/**
 * The readings of the last hour over the caller's fleet, counted a metric at a time on the
 * (metricId, time) key: as a join, SQLite's planner scanned every reading (1.7 s on a month of 100
 * devices, against 3 ms). It reads every reading of the hour, so it is the summary's largest cost.
 */
export function fleetLastHourSql(visible: Prisma.Sql, now: number): Prisma.Sql {
  return Prisma.sql`
    SELECT SUM((SELECT COUNT(*) FROM "Telemetry" t WHERE t."metricId" = m."id" AND t."time" >= ${at(now - HOUR_MS)})) AS "count"
    FROM "Device" d JOIN "Metric" m ON m."deviceId" = d."id" WHERE ${visible}`;
}

/**
 * A page of the homepage's overview as one JSON array: each device the caller may see (`visible`,
 * on "Device" d) with its owner, and each of its metrics with its newest reading, its count in the
 * last hour, and its `hours` hourly averages from `firstHour`. The hours come as a flat JSON array
 * of slot and average in thousandths (SQLite writes integers far faster than doubles), as text:
 * whether JSON made in a subquery stays JSON depends on the query plan, so json() makes sure of it
 * where JSON is wanted, and the hours are parsed in JS, which is faster at it. Keyset paging, one
 * row more than the page to know whether another follows: a deleted cursor device cannot end it early.
 * With `ids` instead of a cursor: those devices (a page that fleetDevicesSql's list chose), still only the visible ones.
 */
export function overviewPageSql(page: { visible: Prisma.Sql; cursor?: string; ids?: string[]; limit: number; now: number; firstHour: number; hours: number }): Prisma.Sql {
  const { visible, cursor, ids, limit, now, firstHour, hours } = page;
  const after = cursor ? Prisma.sql` AND d."id" > ${cursor}` : ids ? Prisma.sql` AND d."id" IN (${ids.length > 0 ? Prisma.join(ids) : Prisma.sql`NULL`})` : Prisma.empty;
  return Prisma.sql`
    WITH "shown" AS (
      SELECT d."id", d."name", d."kind", d."location", d."enabled", d."lastSeenAt", d."createdAt", d."ownerId"
      FROM "Device" d WHERE ${visible}${after} ORDER BY d."id" LIMIT ${limit + 1}
    )
    SELECT ${jsonResult(jsonAgg(deviceJson(overviewMetricsSql(now, firstHour, hours)), Prisma.sql`s."id"`))} AS "page"
    FROM "shown" s JOIN "User" u ON u."id" = s."ownerId"`;
}

/** Each metric of "shown" s with its newest reading, its count in the last hour and its hourly averages (overviewPageSql). */
function overviewMetricsSql(now: number, firstHour: number, hours: number): Prisma.Sql {
  const newest = Prisma.sql`(SELECT ${jsonArray([msOf(Prisma.sql`t."time"`), Prisma.sql`t."value"`])} FROM "Telemetry" t WHERE t."metricId" = m."id" ORDER BY t."time" DESC LIMIT 1)`;
  const slot = intDiv(Prisma.sql`${msOf(Prisma.sql`r."time"`)} - ${firstHour}`, Prisma.sql`${HOUR_MS}`);
  const pairs = stringAgg(Prisma.sql`${slot} || ',' || CAST(round(r."sum" * 1000 / r."count") AS BIGINT)`, ",");
  return Prisma.sql`
      SELECT ${jsonAgg(
        jsonArray([
          Prisma.sql`m."key"`,
          Prisma.sql`m."unit"`,
          nestedJson(newest),
          Prisma.sql`(SELECT COUNT(*) FROM "Telemetry" t WHERE t."metricId" = m."id" AND t."time" >= ${at(now - HOUR_MS)})`,
          Prisma.sql`(SELECT '[' || ${pairs} || ']'
         FROM "TelemetryRollup" r WHERE r."metricId" = m."id" AND r."resolution" = ${HOUR_MS}
           AND r."time" >= ${at(firstHour)} AND r."time" < ${at(firstHour + hours * HOUR_MS)})`,
        ]),
        Prisma.sql`m."id"`,
      )} FROM "Metric" m WHERE m."deviceId" = s."id"`;
}

/** A value rounded to thousandths as JS's Math.round(x * 1000) does, as an integer: SQLite writes integers faster than doubles, and JS parses them faster. */
function thousandths(value: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CAST(floor(${value} * 1000 + 0.5) AS BIGINT)`;
}

/** One metric's (m."id") buckets: from the rollup of their own size as stored, from a finer rollup grouped, or from the readings grouped. */
function bucketRowsSql(from: number, to: number, size: number, resolution: number | null): Prisma.Sql {
  const bucket = Prisma.sql`${intDiv(msOf(Prisma.sql`"time"`), Prisma.sql`${size}`)} AS bucket`;
  const range = Prisma.sql`"metricId" = m."id" AND "time" >= ${at(from)} AND "time" < ${at(to)}`;
  // Stored at the bucket's own size: read as they are, in the key's order, with no grouping (most of a grouped read's cost).
  if (resolution === size) {
    return Prisma.sql`
        SELECT ${bucket}, ${thousandths(Prisma.sql`"min"`)} AS min, ${thousandths(Prisma.sql`"max"`)} AS max, ${thousandths(Prisma.sql`"sum" / "count"`)} AS avg, "count" AS count
        FROM "TelemetryRollup" WHERE "resolution" = ${resolution} AND ${range} ORDER BY "time"`;
  }
  if (resolution) {
    return Prisma.sql`
        SELECT ${bucket}, ${thousandths(Prisma.sql`MIN("min")`)} AS min, ${thousandths(Prisma.sql`MAX("max")`)} AS max, ${thousandths(Prisma.sql`SUM("sum") / SUM("count")`)} AS avg, SUM("count") AS count
        FROM "TelemetryRollup" WHERE "resolution" = ${resolution} AND ${range} GROUP BY bucket ORDER BY bucket`;
  }
  return Prisma.sql`
        SELECT ${bucket}, ${thousandths(Prisma.sql`MIN("value")`)} AS min, ${thousandths(Prisma.sql`MAX("value")`)} AS max, ${thousandths(Prisma.sql`AVG("value")`)} AS avg, COUNT(*) AS count
        FROM "Telemetry" WHERE ${range} GROUP BY bucket ORDER BY bucket`;
}

/**
 * A device's readings in [from, to) in buckets of `size` ms, a row a metric with its buckets as one
 * JSON value of five arrays: bucket numbers, mins, maxes and averages in thousandths, and counts.
 * Thousandths, integers, because SQLite writes a double as text about a fifth slower, over a
 * thousand buckets a chart: a chart's values are to the nearest 0.001 (the readings keep theirs).
 * Columns rather than a small array a bucket: SQLite builds and JS parses a few flat arrays of
 * numbers faster than a thousand nested ones. A bucket is its number, an integer that SQLite writes
 * and JS parses faster than its time. Each metric's buckets come from a subquery on its own key
 * range, which grouped a fifth faster than one grouping over all the device's metrics. The
 * visibility rule sits in the query's own where. `resolution` reads that rollup instead of the raw
 * readings. No row: not the caller's device; one row without a key: a device without metrics.
 */
export function bucketsSql(query: { visible: Prisma.Sql; deviceId: string; metric?: string; from: number; to: number; size: number; resolution: number | null }): Prisma.Sql {
  const { deviceId, metric, from, to, size, resolution } = query;
  const keyIs = metric ? Prisma.sql` AND m."key" = ${metric}` : Prisma.empty;
  const buckets = bucketRowsSql(from, to, size, resolution);
  return Prisma.sql`
    SELECT m."key", m."unit", (
      SELECT ${jsonResult(jsonArray(["bucket", "min", "max", "avg", "count"].map((column) => jsonAgg(Prisma.raw(column)))))}
      FROM (${buckets}) b
    ) AS "buckets"
    FROM "Device" d
    LEFT JOIN "Metric" m ON m."deviceId" = d."id"${keyIs}
    WHERE d."id" = ${deviceId} AND ${query.visible}
    ORDER BY m."id"`;
}

/** A device's kind, whether it is enabled, and its metrics for ingest, in one query (a model query cost twice as much): no row when not the caller's. */
export function ingestTargetSql(visible: Prisma.Sql, deviceId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT d."kind", d."enabled", m."id", m."key" FROM "Device" d LEFT JOIN "Metric" m ON m."deviceId" = d."id"
    WHERE d."id" = ${deviceId} AND ${visible}`;
}

/**
 * A batch of readings, [metricId, time, value] each, as one JSON parameter: Prisma's cost grows
 * with every bound value (three a reading), SQLite's json_each does not, and it reads numbers back
 * exactly (ingest.test.ts). A repeated (metric, time) replaces the value, so a device may resend.
 */
export function insertReadingsSql(rows: readonly (readonly [number, number, number])[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "Telemetry" ("metricId", "time", "value")
    ${readingsOf(JSON.stringify(rows))}
    ON CONFLICT ("metricId", "time") DO UPDATE SET "value" = excluded."value"`;
}

/** The readings of insertReadingsSql's JSON parameter as rows. */
function readingsOf(json: string): Prisma.Sql {
  if (!onPostgres) return Prisma.sql`SELECT "value" ->> 0, "value" ->> 1, "value" ->> 2 FROM json_each(${json}) WHERE true`;
  return Prisma.sql`SELECT CAST(r ->> 0 AS INTEGER), ${timeOfMs(Prisma.sql`CAST(r ->> 1 AS BIGINT)`)}, CAST(r ->> 2 AS DOUBLE PRECISION) FROM json_array_elements(CAST(${json} AS JSON)) r`;
}

/** Moves a device's last seen time forward: conditional, so that two batches at once never move it back; updatedAt as Prisma's update would. */
export function touchLastSeenSql(deviceId: string, newest: number, now: number): Prisma.Sql {
  return Prisma.sql`
    UPDATE "Device" SET "lastSeenAt" = ${at(newest)}, "updatedAt" = ${at(now)}
    WHERE "id" = ${deviceId} AND ("lastSeenAt" IS NULL OR "lastSeenAt" < ${at(newest)})`;
}

/**
 * Recomputes the hour buckets that [hourStart, hourEnd) covers from the raw readings, and the
 * coarser buckets that hold them (two hours, a day: each `from`-`to` the whole buckets those hours
 * touch), in one statement: the fresh hours, computed once, are both stored and summed into each
 * coarser bucket with its other, stored hours (a statement each cost about 0.3 ms more a batch).
 * Recomputing rather than adding keeps a replaced reading correct.
 */
export function refreshRollupsSql(metricIds: number[], hours: [number, number], coarser: { resolution: number; from: number; to: number }[]): Prisma.Sql {
  const ids = Prisma.join(metricIds);
  const [hourStart, hourEnd] = hours;
  // Bucketed in a subquery and grouped by its name: PostgreSQL sees the same expression twice with
  // its parameters numbered apart as two expressions.
  const levels = coarser.map(
    ({ resolution, from, to }) => Prisma.sql`
    SELECT "metricId", CAST(${resolution} AS INTEGER), ${timeOfMs(Prisma.sql`"bucket" * ${resolution}`)}, MIN("min"), MAX("max"), SUM("sum"), SUM("count")
    FROM (
      SELECT "metricId", ${intDiv(Prisma.sql`"ms"`, Prisma.sql`${resolution}`)} AS "bucket", "min", "max", "sum", "count" FROM (
        SELECT "metricId", "time" AS "ms", "min", "max", "sum", "count" FROM "hours"
        UNION ALL
        SELECT "metricId", ${msOf(Prisma.sql`"time"`)}, "min", "max", "sum", "count" FROM "TelemetryRollup"
        WHERE "metricId" IN (${ids}) AND "resolution" = ${HOUR_MS} AND "time" >= ${at(from)} AND "time" < ${at(to)}
          AND ("time" < ${at(hourStart)} OR "time" >= ${at(hourEnd)})
      ) "stored"
    ) "level"
    GROUP BY "metricId", "bucket"`,
  );
  return Prisma.sql`
    WITH "hours" AS MATERIALIZED (
      SELECT "metricId", "bucket" * ${HOUR_MS} AS "time", MIN("value") AS "min", MAX("value") AS "max", SUM("value") AS "sum", COUNT(*) AS "count"
      FROM (
        SELECT "metricId", ${intDiv(msOf(Prisma.sql`"time"`), Prisma.sql`${HOUR_MS}`)} AS "bucket", "value" FROM "Telemetry"
        WHERE "metricId" IN (${ids}) AND "time" >= ${at(hourStart)} AND "time" < ${at(hourEnd)}
      ) "readings"
      GROUP BY "metricId", "bucket"
    )
    INSERT INTO "TelemetryRollup" ("metricId", "resolution", "time", "min", "max", "sum", "count")
    SELECT "metricId", CAST(${HOUR_MS} AS INTEGER), ${timeOfMs(Prisma.sql`"time"`)}, "min", "max", "sum", "count" FROM "hours"
    ${Prisma.join(
      levels.map((level) => Prisma.sql`UNION ALL ${level}`),
      "\n",
      "",
    )}
    ON CONFLICT ("metricId", "resolution", "time") DO UPDATE SET
      "min" = excluded."min", "max" = excluded."max", "sum" = excluded."sum", "count" = excluded."count"`;
}

/** The newest reading of each metric, walking the (metricId, time) key rather than a metric's whole history, as one JSON array. */
export function latestValuesSql(metricIds: number[]): Prisma.Sql {
  return Prisma.sql`
    SELECT ${jsonResult(jsonAgg(jsonArray([Prisma.sql`m."id"`, msOf(Prisma.sql`t."time"`), Prisma.sql`t."value"`])))} AS "latest"
    FROM "Metric" m
    JOIN "Telemetry" t ON t."metricId" = m."id"
      AND t."time" = (SELECT MAX(x."time") FROM "Telemetry" x WHERE x."metricId" = m."id")
    WHERE m."id" IN (${Prisma.join(metricIds)})`;
}
