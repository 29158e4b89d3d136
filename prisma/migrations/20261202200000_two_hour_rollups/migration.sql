-- Two-hour rollups, the month chart's bucket (lib/devices/rollups.ts): backfilled from the hourly
-- rollups already stored; ingest keeps them from here on.
INSERT INTO "TelemetryRollup" ("metricId", "resolution", "time", "min", "max", "sum", "count")
SELECT "metricId", 7200000, CAST("time" / 7200000 AS INTEGER) * 7200000, MIN("min"), MAX("max"), SUM("sum"), SUM("count")
FROM "TelemetryRollup" WHERE "resolution" = 3600000
GROUP BY "metricId", CAST("time" / 7200000 AS INTEGER);
