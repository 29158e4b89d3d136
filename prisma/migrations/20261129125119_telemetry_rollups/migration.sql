-- CreateTable
CREATE TABLE "TelemetryRollup" (
    "metricId" INTEGER NOT NULL,
    "resolution" INTEGER NOT NULL,
    "time" DATETIME NOT NULL,
    "min" REAL NOT NULL,
    "max" REAL NOT NULL,
    "sum" REAL NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("metricId", "resolution", "time"),
    CONSTRAINT "TelemetryRollup_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "Metric" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Backfill: hours from the readings already stored, then days from those hours.
INSERT INTO "TelemetryRollup" ("metricId", "resolution", "time", "min", "max", "sum", "count")
SELECT "metricId", 3600000, CAST("time" / 3600000 AS INTEGER) * 3600000, MIN("value"), MAX("value"), SUM("value"), COUNT(*)
FROM "Telemetry" WHERE true
GROUP BY "metricId", CAST("time" / 3600000 AS INTEGER);

INSERT INTO "TelemetryRollup" ("metricId", "resolution", "time", "min", "max", "sum", "count")
SELECT "metricId", 86400000, CAST("time" / 86400000 AS INTEGER) * 86400000, MIN("min"), MAX("max"), SUM("sum"), SUM("count")
FROM "TelemetryRollup" WHERE "resolution" = 3600000
GROUP BY "metricId", CAST("time" / 86400000 AS INTEGER);
