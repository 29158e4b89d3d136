import { spawnSync } from "node:child_process";
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOUR_MS, MINUTE_MS } from "@/lib/time";

// prisma.config.ts gives the CLI a better-sqlite3 adapter with a shadow database, so the diff runs
// offline; DATABASE_URL only has to name a file it may create.
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-migrations-"));
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Exit status of `prisma migrate diff --exit-code`: 0 when equal, 2 when they differ, 1 on error. */
function diffMigrationsAgainst(schema: string) {
  const result = spawnSync(
    path.join(process.cwd(), "node_modules", ".bin", "prisma"),
    ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", schema, "--exit-code"],
    { env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "diff.db")}` }, encoding: "utf8", timeout: MINUTE_MS },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("the committed migrations", () => {
  it("produce exactly the schema in prisma/schema.prisma", () => {
    const { status, output } = diffMigrationsAgainst("prisma/schema.prisma");
    expect(status, output).toBe(0);
  });

  it("are found to differ from a schema with one more field", () => {
    const schema = fs.readFileSync("prisma/schema.prisma", "utf8");
    const changed = schema.replace(/^(model User \{\n)/m, "$1  nickname String?\n");
    expect(changed).not.toBe(schema);
    const file = path.join(dir, "schema.prisma");
    fs.writeFileSync(file, changed);

    const { status, output } = diffMigrationsAgainst(file);
    expect(status, output).toBe(2);
    expect(output).toContain("nickname");
  });
});

describe("the two-hour rollups' backfill", () => {
  it("sums each pair of stored hours, a lone hour as itself, and leaves the other resolutions alone", () => {
    const db = new Database(":memory:");
    db.exec('CREATE TABLE "TelemetryRollup" ("metricId" INTEGER, "resolution" INTEGER, "time" INTEGER, "min" REAL, "max" REAL, "sum" REAL, "count" INTEGER, PRIMARY KEY ("metricId", "resolution", "time"))');
    const insert = db.prepare('INSERT INTO "TelemetryRollup" VALUES (?, ?, ?, ?, ?, ?, ?)');
    const t = 1_000 * 2 * HOUR_MS;
    insert.run(1, HOUR_MS, t, 1, 5, 30, 10);
    insert.run(1, HOUR_MS, t + HOUR_MS, -2, 3, 12, 6);
    insert.run(1, HOUR_MS, t + 3 * HOUR_MS, 7, 7, 7, 1);
    insert.run(2, HOUR_MS, t, 4, 4, 8, 2);
    insert.run(1, 24 * HOUR_MS, t, 0, 0, 0, 0);
    db.exec(fs.readFileSync("prisma/migrations/20261202200000_two_hour_rollups/migration.sql", "utf8"));
    const rows = db.prepare('SELECT "metricId", "time", "min", "max", "sum", "count" FROM "TelemetryRollup" WHERE "resolution" = ? ORDER BY 1, 2').all(2 * HOUR_MS);
    expect(rows).toEqual([
      { metricId: 1, time: t, min: -2, max: 5, sum: 42, count: 16 },
      { metricId: 1, time: t + 2 * HOUR_MS, min: 7, max: 7, sum: 7, count: 1 },
      { metricId: 2, time: t, min: 4, max: 4, sum: 8, count: 2 },
    ]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM "TelemetryRollup" WHERE "resolution" <> ?').get(2 * HOUR_MS)).toEqual({ n: 5 });
    db.close();
  });
});
