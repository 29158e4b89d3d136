// Crash safety: a process running Gatehouse's write paths concurrently (ingest with its rollups,
// token issue and revoke with their audit records) is killed with SIGKILL at a random moment, over
// many rounds, and after each the database must pass SQLite's integrity check, hold every write
// that was acknowledged, and show nothing half-done.
import { spawn } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { databaseFile } from "@/lib/sqlite";
import { createDevice, createUser } from "@/lib/testing/factories";
import { HOUR_MS, MINUTE_MS, SECOND_MS } from "@/lib/time";
import { onPostgres } from "@/lib/sql-dialect";

const ROUNDS = 12;

type Acks = { readings: number[]; issued: string[]; revoked: string[] };

/** Starts the worker, kills it with SIGKILL a random while after its first acknowledged write, and returns what it acknowledged. */
function crashRound(round: number, userId: string, deviceId: string): Promise<Acks> {
  // A process group of its own: tsx runs the worker in a child Node process, and killing tsx alone
  // would leave that child writing to the shared test database, holding its lock from other files.
  const worker = spawn(path.join("node_modules", ".bin", "tsx"), ["--conditions=react-server", "lib/testing/crash-worker.ts", String(round), userId, deviceId], {
    env: process.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const kill = () => {
    try {
      process.kill(-worker.pid!, "SIGKILL");
    } catch {
      // The group has gone already.
    }
  };
  const acks: Acks = { readings: [], issued: [], revoked: [] };
  let errors = "";
  let buffered = "";
  worker.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) => {
    worker.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) {
        const [kind, value] = line.split(" ");
        if (kind !== "READY" && acks.readings.length + acks.issued.length === 0) setTimeout(kill, Math.random() * SECOND_MS);
        if (kind === "R") acks.readings.push(Number(value));
        else if (kind === "T") acks.issued.push(value!);
        else if (kind === "V") acks.revoked.push(value!);
      }
    });
    worker.on("exit", (code, signal) => {
      if (signal === "SIGKILL") resolve(acks);
      else reject(new Error(`the worker ended by itself (${code}): ${errors.slice(0, 3000)}`));
    });
  });
}

// SQLite's file under a killed writer. PostgreSQL's server outlives a killed client and rolls back
// its open transactions; all-or-nothing batches there are lib/db-write.test.ts's.
describe.skipIf(onPostgres)("a crash during concurrent writes", () => {
  it(`loses no acknowledged write and leaves nothing half-done, over ${ROUNDS} kills`, async () => {
    const user = await createUser();
    const device = await createDevice(user.id);
    const file = databaseFile(process.env.DATABASE_URL!)!;
    const all: Acks = { readings: [], issued: [], revoked: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const acks = await crashRound(round, user.id, device.id);
      all.readings.push(...acks.readings);
      all.issued.push(...acks.issued);
      all.revoked.push(...acks.revoked);

      const db = new Database(file, { readonly: true });
      try {
        expect(db.pragma("integrity_check", { simple: true }), `round ${round}`).toBe("ok");
        // Every acknowledged batch: all fifty readings.
        const batch = db.prepare(
          'SELECT COUNT(*) AS n FROM "Telemetry" t JOIN "Metric" m ON m."id" = t."metricId" WHERE m."deviceId" = ? AND t."time" >= ? AND t."time" < ? AND (t."time" - ?) % ? = 0',
        );
        for (const start of all.readings) expect((batch.get(device.id, start, start + 50 * MINUTE_MS, start, MINUTE_MS) as { n: number }).n, `batch ${start}`).toBe(50);
        // Every hour's rollup is exactly its readings: a batch's readings and rollups commit together.
        const drift = db
          .prepare(
            `SELECT COUNT(*) AS n FROM "TelemetryRollup" r JOIN "Metric" m ON m."id" = r."metricId"
             LEFT JOIN (SELECT "metricId", CAST("time" / @hour AS INTEGER) * @hour AS h, COUNT(*) AS c, SUM("value") AS s FROM "Telemetry" GROUP BY "metricId", h) t
               ON t."metricId" = r."metricId" AND t.h = r."time"
             WHERE m."deviceId" = @device AND r."resolution" = @hour AND (t.c IS NULL OR t.c <> r."count" OR abs(t.s - r."sum") > 1e-6)`,
          )
          .get({ device: device.id, hour: HOUR_MS }) as { n: number };
        expect(drift.n, `round ${round}: hourly rollups that differ from their readings`).toBe(0);
        // Every acknowledged token is there, revoked when that was acknowledged; every token has its audit record.
        const tokens = new Map((db.prepare('SELECT "id", "revokedAt" FROM "ApiToken" WHERE "userId" = ?').all(user.id) as { id: string; revokedAt: number | null }[]).map((t) => [t.id, t]));
        for (const id of all.issued) expect(tokens.has(id), `token ${id}`).toBe(true);
        for (const id of all.revoked) expect(tokens.get(id)?.revokedAt, `revoked ${id}`).not.toBeNull();
        const audited = (action: string) => new Set((db.prepare('SELECT "targetId" FROM "AuditEvent" WHERE "action" = ?').all(action) as { targetId: string }[]).map((a) => a.targetId));
        const [issuedAudit, revokedAudit] = [audited("token.issued"), audited("token.revoked")];
        for (const [id, token] of tokens) {
          expect(issuedAudit.has(id), `token ${id} without its issue record`).toBe(true);
          if (token.revokedAt !== null) expect(revokedAudit.has(id), `token ${id} revoked without its record`).toBe(true);
        }
      } finally {
        db.close();
      }
    }
    expect(all.readings.length + all.issued.length).toBeGreaterThanOrEqual(ROUNDS);
  }, 3 * MINUTE_MS);
});
