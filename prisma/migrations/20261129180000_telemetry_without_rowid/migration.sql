-- Readings and their rollups as WITHOUT ROWID tables, stored in their (metricId, time) key order.
-- A rowid table kept each row twice, once in the table and once in its primary key's index, so
-- that every read of a value went from the index to the table and every reading was written to
-- two B-trees. Clustered on the key, the readings take half the space (a month of minute data for
-- 100 devices: 616 MB to 298 MB), a range of a metric is one contiguous walk, and ingest writes one
-- B-tree. Nothing refers to these tables, so they can be rebuilt in place; the columns, key and
-- foreign keys are as before, and schema.prisma is unchanged (Prisma has no word for this).

CREATE TABLE "new_Telemetry" (
    "metricId" INTEGER NOT NULL,
    "time" DATETIME NOT NULL,
    "value" REAL NOT NULL,

    PRIMARY KEY ("metricId", "time"),
    CONSTRAINT "Telemetry_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "Metric" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
INSERT INTO "new_Telemetry" ("metricId", "time", "value") SELECT "metricId", "time", "value" FROM "Telemetry" ORDER BY "metricId", "time";
DROP TABLE "Telemetry";
ALTER TABLE "new_Telemetry" RENAME TO "Telemetry";

CREATE TABLE "new_TelemetryRollup" (
    "metricId" INTEGER NOT NULL,
    "resolution" INTEGER NOT NULL,
    "time" DATETIME NOT NULL,
    "min" REAL NOT NULL,
    "max" REAL NOT NULL,
    "sum" REAL NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("metricId", "resolution", "time"),
    CONSTRAINT "TelemetryRollup_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "Metric" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
INSERT INTO "new_TelemetryRollup" ("metricId", "resolution", "time", "min", "max", "sum", "count")
SELECT "metricId", "resolution", "time", "min", "max", "sum", "count" FROM "TelemetryRollup" ORDER BY "metricId", "resolution", "time";
DROP TABLE "TelemetryRollup";
ALTER TABLE "new_TelemetryRollup" RENAME TO "TelemetryRollup";

-- Gives the rowid tables' pages back to the file system rather than keep them for reuse.
VACUUM;
