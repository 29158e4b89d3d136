// `npm run db:backup` and `db:restore` as an operator runs them: a copy taken while the app writes,
// checked, restored in place of another database, and refused when it is damaged.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit } from "@/lib/audit/append";
import { connectDatabase } from "@/lib/db-connect";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { migrate } from "./run";
import { runBackupCli } from "@/lib/testing/backup-cli";
import { onPostgres } from "@/lib/sql-dialect";

let dir: string;
let live: { file: string; client: PrismaClient };

beforeAll(async () => {
  if (onPostgres) return;
  dir = fs.mkdtempSync(path.join(process.cwd(), ".data", "vitest-backup-"));
  const file = path.join(dir, "live.db");
  migrate({ ...process.env, DATABASE_URL: `file:${file}` });
  live = { file, client: connectDatabase(`file:${file}`) };
  for (let i = 0; i < 20; i++) await live.client.$transaction((tx) => appendAudit({ actor: "system", action: `test.backup_${i}`, detail: { i } }, tx));
});

afterAll(async () => {
  await live?.client.$disconnect();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const run = (command: "backup" | "restore", file: string, database: string) => runBackupCli(command, file, `file:${database}`);

const auditCount = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM "AuditEvent"').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

// SQLite files of its own; on PostgreSQL the chain is tested through the shared database and e2e/instances.spec.ts.
describe.skipIf(onPostgres)("npm run db:backup and db:restore", () => {
  it("copy the database while the app writes, check the copy, and restore it whole in another's place", async () => {
    const copy = path.join(dir, "copies", "one.db");
    // The app goes on appending while the copy is taken: the copy is a consistent moment of it.
    let writing = true;
    const writer = (async () => {
      let i = 0;
      for (; writing; i++) {
        await live.client.$transaction((tx) => appendAudit({ actor: "system", action: "test.during_backup", detail: { i } }, tx));
        // better-sqlite3 answers within the same turn: yield, or the child's exit is never heard.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return i;
    })();
    const backedUp = await run("backup", copy, live.file);
    writing = false;
    expect(await writer).toBeGreaterThan(0);
    expect(backedUp.status, backedUp.output).toBe(0);
    expect(backedUp.output).toMatch(/integrity ok, audit chain intact \((\d+) records\)/);
    const copied = auditCount(copy);
    expect(copied).toBeGreaterThanOrEqual(20);

    // Restored over another install's database, its stale write-ahead log included.
    const other = path.join(dir, "other.db");
    migrate({ ...process.env, DATABASE_URL: `file:${other}` });
    fs.writeFileSync(`${other}-wal`, "not a log of this copy");
    const restored = await run("restore", copy, other);
    expect(restored.status, restored.output).toBe(0);
    expect(fs.existsSync(`${other}-wal`)).toBe(false);
    expect(auditCount(other)).toBe(copied);
    const client = connectDatabase(`file:${other}`);
    try {
      expect(await client.auditEvent.count({ where: { action: { startsWith: "test.backup_" } } })).toBe(20);
    } finally {
      await client.$disconnect();
    }
  });

  it("refuse to restore a copy whose audit chain was tampered with, leaving the database as it was", async () => {
    const copy = path.join(dir, "copies", "tampered.db");
    expect((await run("backup", copy, live.file)).status).toBe(0);
    const raw = new Database(copy);
    raw.exec('DROP TRIGGER IF EXISTS "AuditEvent_no_update"');
    raw.prepare('UPDATE "AuditEvent" SET "action" = ? WHERE "id" = (SELECT MIN("id") FROM "AuditEvent")').run("test.rewritten");
    raw.close();
    const target = path.join(dir, "untouched.db");
    migrate({ ...process.env, DATABASE_URL: `file:${target}` });
    const before = fs.readFileSync(target);
    const refused = await run("restore", copy, target);
    expect(refused.status, refused.output).toBe(1);
    expect(refused.output).toMatch(/audit chain is broken at record #\d+/);
    expect(fs.readFileSync(target).equals(before)).toBe(true);
  });

  it("refuse to overwrite an existing file with a backup", async () => {
    const existing = path.join(dir, "existing.db");
    fs.writeFileSync(existing, "keep me");
    const refused = await run("backup", existing, live.file);
    expect(refused.status).toBe(2);
    expect(refused.output).toMatch(/exists already/);
    expect(fs.readFileSync(existing, "utf8")).toBe("keep me");
  });
});
