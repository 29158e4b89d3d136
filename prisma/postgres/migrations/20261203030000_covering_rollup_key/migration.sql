-- PostgreSQL only: the rollups' primary key carries the values the chart reads, so that the device
-- page's 30-day chart is an index-only scan. Without it, the chart visited a heap page for most of
-- its rows (a live fleet writes every metric's rollups interleaved in time): 25% slower at p50 in
-- bench/postgres-layout.ts, with no measurable cost to ingest. SQLite keeps the table in key order
-- already (WITHOUT ROWID), and Prisma's schema cannot say INCLUDE, so this is PostgreSQL's alone;
-- the schemas' drift test compares key columns, which are unchanged.
ALTER TABLE "TelemetryRollup"
  DROP CONSTRAINT "TelemetryRollup_pkey",
  ADD CONSTRAINT "TelemetryRollup_pkey" PRIMARY KEY ("metricId", "resolution", "time") INCLUDE ("min", "max", "sum", "count");
