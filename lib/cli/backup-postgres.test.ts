// `npm run db:backup` and `db:restore` on PostgreSQL, as an operator runs them: a dump taken while
// the app writes, restored into a new database with its audit chain checked, a tampered chain
// reported, and a database that is not empty refused.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit } from "@/lib/audit/append";
import { connectDatabase } from "@/lib/db-connect";
import { migratePostgres } from "@/lib/postgres/migrate";
import { TEST_POSTGRES_URL, createPostgresDatabase, querySql, runSql } from "@/lib/testing/postgres";
import { runBackupCli } from "@/lib/testing/backup-cli";

type Database = Awaited<ReturnType<typeof createPostgresDatabase>>;
const made: Database[] = [];
let dir: string;
let live: Database;

async function fresh(): Promise<Database> {
  const database = await createPostgresDatabase();
  made.push(database);
  return database;
}

const run = runBackupCli;

async function auditCount(url: string): Promise<number> {
  const [row] = await querySql<{ n: string }>(url, 'SELECT COUNT(*) AS n FROM "AuditEvent"');
  return Number(row!.n);
}

describe.skipIf(!TEST_POSTGRES_URL)("npm run db:backup and db:restore on PostgreSQL", () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-pg-backup-"));
    live = await fresh();
    await migratePostgres(live.url);
    const client = connectDatabase(live.url);
    try {
      for (let i = 0; i < 20; i++) await client.$transaction((tx) => appendAudit({ actor: "system", action: `test.backup_${i}`, detail: { i } }, tx));
    } finally {
      await client.$disconnect();
    }
  });

  afterAll(async () => {
    for (const database of made) await database.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("dump while the app writes, and restore into a new database with the audit chain checked", async () => {
    const client = connectDatabase(live.url);
    let writing = true;
    const writer = (async () => {
      let i = 0;
      for (; writing; i++) await client.$transaction((tx) => appendAudit({ actor: "system", action: "test.during_backup", detail: { i } }, tx));
      return i;
    })();
    const copy = path.join(dir, "one.dump");
    const backedUp = await run("backup", copy, live.url);
    writing = false;
    expect(await writer).toBeGreaterThan(0);
    await client.$disconnect();
    expect(backedUp.status, backedUp.output).toBe(0);

    const target = await fresh();
    const restored = await run("restore", copy, target.url);
    expect(restored.status, restored.output).toBe(0);
    const records = Number(/audit chain intact \((\d+) records\)/.exec(restored.output)?.[1]);
    expect(records).toBeGreaterThanOrEqual(20);
    expect(await auditCount(target.url)).toBe(records);
    // A second backup to the same file is refused, and the first is left as it was.
    const size = fs.statSync(copy).size;
    expect((await run("backup", copy, live.url)).status).toBe(2);
    expect(fs.statSync(copy).size).toBe(size);
  });

  it("reports a restored copy whose audit chain was tampered with", async () => {
    const tampered = await fresh();
    await migratePostgres(tampered.url);
    const client = connectDatabase(tampered.url);
    try {
      for (let i = 0; i < 3; i++) await client.$transaction((tx) => appendAudit({ actor: "system", action: `test.tamper_${i}`, detail: { i } }, tx));
    } finally {
      await client.$disconnect();
    }
    await runSql(tampered.url, 'ALTER TABLE "AuditEvent" DISABLE TRIGGER USER');
    await runSql(tampered.url, `UPDATE "AuditEvent" SET "action" = 'test.rewritten' WHERE "id" = (SELECT MIN("id") FROM "AuditEvent")`);
    await runSql(tampered.url, 'ALTER TABLE "AuditEvent" ENABLE TRIGGER USER');
    const copy = path.join(dir, "tampered.dump");
    expect((await run("backup", copy, tampered.url)).status).toBe(0);
    const restored = await run("restore", copy, (await fresh()).url);
    expect(restored.status, restored.output).toBe(1);
    expect(restored.output).toMatch(/audit chain is broken at record #\d+/);
  });

  it("refuses to restore into a database that is not empty, changing nothing", async () => {
    const copy = path.join(dir, "for-refusal.dump");
    expect((await run("backup", copy, live.url)).status).toBe(0);
    const before = await auditCount(live.url);
    const refused = await run("restore", copy, live.url);
    expect(refused.status).toBe(2);
    expect(refused.output).toMatch(/not empty/);
    expect(await auditCount(live.url)).toBe(before);
  });
});
