// The chain on a database of its own, so that tampering with it here cannot break the chain that
// the other test files append to: every change an attacker could make to the file is named.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/cli/run";
import { connectDatabase } from "@/lib/db-connect";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { appendAudit } from "./append";
import { chainHash, chainMac, GENESIS } from "./chain";
import { chainStatus, FULL_CHECK_MS, verifyChain } from "./verify";
import { onPostgres } from "@/lib/sql-dialect";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-chain-"));
const template = path.join(dir, "template.db");
const open: PrismaClient[] = [];

beforeAll(() => migrate({ ...process.env, DATABASE_URL: `file:${template}` }));
afterAll(async () => {
  await Promise.all(open.map((client) => client.$disconnect()));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh, migrated database with `count` records appended by the app. */
async function chainOf(count: number): Promise<{ file: string; client: PrismaClient }> {
  const file = path.join(dir, `${crypto.randomUUID()}.db`);
  fs.copyFileSync(template, file);
  const client = connectDatabase(`file:${file}`);
  open.push(client);
  for (let i = 1; i <= count; i++) {
    await client.$transaction((tx) => appendAudit({ actor: "system", action: `test.event_${i}`, detail: { i } }, tx));
  }
  return { file, client };
}

/** Tampers with the file directly, as someone with the file but not the app would, triggers dropped first. */
function tamper(file: string, sql: string, ...params: unknown[]): void {
  const raw = new Database(file);
  try {
    raw.exec('DROP TRIGGER IF EXISTS "AuditEvent_no_update"; DROP TRIGGER IF EXISTS "AuditEvent_no_delete";');
    raw.prepare(sql).run(...params);
  } finally {
    raw.close();
  }
}

// SQLite files of its own; on PostgreSQL the chain is tested through the shared database and e2e/instances.spec.ts.
describe.skipIf(onPostgres)("the audit chain", () => {
  it("links each record to the one before, and verifies whole", async () => {
    const { client } = await chainOf(5);
    const rows = await client.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(rows[0]!.prevHash).toBe(GENESIS);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    for (const row of rows) {
      expect(row.hash).toBe(chainHash(row.prevHash!, row));
      expect(row.mac).toBe(chainMac(row.hash!));
    }
    expect(await verifyChain(client)).toMatchObject({ ok: true, records: 5, head: rows[4]!.hash });
  });

  it("is append-only: the database refuses an UPDATE or a DELETE", async () => {
    const { client } = await chainOf(2);
    await expect(client.$executeRawUnsafe(`UPDATE "AuditEvent" SET "action" = 'x' WHERE "id" = 1`)).rejects.toThrow(/append-only/);
    await expect(client.$executeRawUnsafe(`UPDATE "AuditEvent" SET "hash" = 'x' WHERE "id" = 1`)).rejects.toThrow(/append-only/);
    await expect(client.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "id" = 2`)).rejects.toThrow(/append-only/);
    expect(await client.auditEvent.count()).toBe(2);
    expect((await verifyChain(client)).ok).toBe(true);
  });

  it("names a record edited in the file", async () => {
    const { file, client } = await chainOf(5);
    tamper(file, `UPDATE "AuditEvent" SET "detail" = '{"i":99}' WHERE "id" = 3`);
    expect(await verifyChain(client)).toMatchObject({ ok: false, firstBroken: { id: 3, reason: expect.stringContaining("edited") } });
  });

  it("names the record after one deleted from the file", async () => {
    const { file, client } = await chainOf(5);
    tamper(file, `DELETE FROM "AuditEvent" WHERE "id" = 3`);
    expect(await verifyChain(client)).toMatchObject({ ok: false, firstBroken: { id: 4, reason: expect.stringContaining("deleted or inserted") } });
  });

  it("names a record inserted in the middle, even with a correct hash", async () => {
    const { file, client } = await chainOf(5);
    // A gap to insert into: records 1-5 become 1-2 and 11-13.
    tamper(file, `UPDATE "AuditEvent" SET "id" = "id" + 8 WHERE "id" > 2`);
    const second = await client.auditEvent.findUniqueOrThrow({ where: { id: 2 } });
    const forged = { at: new Date(), actorType: "system", actorId: null, tokenId: null, action: "forged", targetType: null, targetId: null, ip: null, userAgent: null, outcome: "success", detail: "{}" };
    const hash = chainHash(second.hash!, forged);
    // The unique previous hash would refuse a second record after record 2: the index goes too.
    tamper(file, `DROP INDEX "AuditEvent_prevHash_key"`);
    tamper(file, `INSERT INTO "AuditEvent" ("id","at","actorType","action","outcome","detail","prevHash","hash") VALUES (5,?,?,?,?,?,?,?)`, forged.at.getTime(), "system", "forged", "success", "{}", second.hash, hash);
    expect(await verifyChain(client)).toMatchObject({ ok: false, firstBroken: { id: 5 } });
  });

  it("names a record forged at the end with a correct hash, by its mac", async () => {
    const { file, client } = await chainOf(3);
    const head = await client.auditEvent.findUniqueOrThrow({ where: { id: 3 } });
    const forged = { at: new Date(), actorType: "system", actorId: null, tokenId: null, action: "forged", targetType: null, targetId: null, ip: null, userAgent: null, outcome: "success", detail: "{}" };
    const hash = chainHash(head.hash!, forged);
    tamper(file, `INSERT INTO "AuditEvent" ("at","actorType","action","outcome","detail","prevHash","hash","mac") VALUES (?,?,?,?,?,?,?,?)`, forged.at.getTime(), "system", "forged", "success", "{}", head.hash, hash, chainMac(hash, "a guessed key"));
    expect(await verifyChain(client)).toMatchObject({ ok: false, firstBroken: { id: 4, reason: expect.stringContaining("mac") } });
  });

  it("names a record inserted without a hash, and keeps chaining past it", async () => {
    const { file, client } = await chainOf(2);
    tamper(file, `INSERT INTO "AuditEvent" ("at","actorType","action","outcome","detail") VALUES (?,?,?,?,?)`, Date.now(), "system", "sneaked", "success", "{}");
    await client.$transaction((tx) => appendAudit({ actor: "system", action: "test.after" }, tx));
    const status = await verifyChain(client);
    expect(status).toMatchObject({ ok: false, records: 3, firstBroken: { id: 3, reason: expect.stringContaining("no hash") } });
    const last = await client.auditEvent.findUniqueOrThrow({ where: { id: 4 } });
    expect(last.prevHash).toBe((await client.auditEvent.findUniqueOrThrow({ where: { id: 2 } })).hash);
  });

  it("seals records written before the chain existed, once, on the first append", async () => {
    const { file, client } = await chainOf(0);
    const raw = new Database(file);
    for (const action of ["legacy.one", "legacy.two"]) {
      raw.prepare(`INSERT INTO "AuditEvent" ("at","actorType","action","outcome","detail") VALUES (?,?,?,?,?)`).run(Date.now(), "system", action, "success", "{}");
    }
    raw.close();
    await client.$transaction((tx) => appendAudit({ actor: "system", action: "test.first" }, tx));
    const rows = await client.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.action, r.prevHash === null])).toEqual([["legacy.one", false], ["legacy.two", false], ["test.first", false]]);
    expect(await verifyChain(client)).toMatchObject({ ok: true, records: 3 });
    // Sealed means sealed: the triggers refuse a second change.
    await expect(client.$executeRawUnsafe(`UPDATE "AuditEvent" SET "hash" = NULL WHERE "id" = 1`)).rejects.toThrow(/append-only/);
  });

  it("stays one chain when many appends race", async () => {
    const { client } = await chainOf(0);
    await Promise.all(Array.from({ length: 20 }, (_, i) => client.$transaction((tx) => appendAudit({ actor: "system", action: `test.race_${i}` }, tx))));
    expect(await verifyChain(client)).toMatchObject({ ok: true, records: 20 });
  });
});

// SQLite files of its own; on PostgreSQL the chain is tested through the shared database and e2e/instances.spec.ts.
describe.skipIf(onPostgres)("chainStatus", () => {
  it("checks only what was appended since its last look, and the whole chain again after FULL_CHECK_MS", async () => {
    const first = await chainStatus();
    expect(first.ok).toBe(true);
    await appendAudit({ actor: "system", action: "test.status" });
    const second = await chainStatus();
    expect(second).toMatchObject({ ok: true, records: first.records + 1 });
    // The cached head is where the next look starts: a wrong one shows as a broken link at once.
    const cache = globalThis as unknown as { gatehouseChainCheck?: { head: string | null } };
    cache.gatehouseChainCheck!.head = GENESIS;
    await appendAudit({ actor: "system", action: "test.status" });
    expect(await chainStatus()).toMatchObject({ ok: false });
    // And a whole check, after the cache is dropped, finds the chain intact again.
    expect(await chainStatus(Date.now() + FULL_CHECK_MS)).toMatchObject({ ok: true });
  });
});
