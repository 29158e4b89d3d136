// Writes on the hot path: a domain's hand-written statements (Prisma.Sql from its sql.ts) run as one
// transaction on the driver itself, with each prepared statement kept for the next call. Through
// Prisma's batch $transaction the same statements cost its client pipeline and a fresh `prepare`
// each, about a quarter of an ingest batch's server time.
//
// SQLite: on the very connection Prisma's adapter writes on (lib/db.ts keeps it), so that writes
// stay one writer a process. The batch runs synchronously from BEGIN IMMEDIATE to COMMIT, so no
// other JavaScript runs in between; while a Prisma interactive transaction is open on the
// connection (it awaits between its statements), the batch waits for it to end rather than join
// it (outsideTransaction in lib/sqlite.ts). Before Prisma has opened its connection, and on
// another database, it goes through Prisma.
import "server-only";
import type Database from "better-sqlite3";
import { db, runAgainOnLostRace, writerConnection } from "./db";
import { keptStatement, sqliteValue, type Kept } from "./db-read";
import type { Prisma } from "./generated/prisma/client";
import { outsideTransaction } from "./sqlite";

type Batch = Database.Transaction<(queries: Prisma.Sql[]) => void>;

/** A batch runner a connection, with its kept statements: Prisma opens a new connection after a disconnect. */
const batches = new WeakMap<Database.Database, Batch>();

function batchOn(connection: Database.Database): Batch {
  let batch = batches.get(connection);
  if (!batch) {
    const kept: Kept = { connection, statements: new Map() };
    batch = connection.transaction((queries: Prisma.Sql[]) => {
      for (const query of queries) keptStatement(kept, query.sql).run(...query.values.map(sqliteValue));
    });
    batches.set(connection, batch);
  }
  return batch;
}

/** An object, so that a test can watch which way a batch went (vi.spyOn). */
export const sqlWriter = {
  /**
   * Runs the statements as one transaction: all of them or, when one fails, none. A busy database
   * throws SQLITE_BUSY after the busy timeout, as through Prisma (isBusy in lib/db.ts knows both).
   * Not for a caller inside a transaction: it would wait for itself.
   */
  async run(queries: Prisma.Sql[]): Promise<void> {
    const connection = writerConnection();
    if (!connection) {
      // PostgreSQL: a batch that lost a race (a deadlock with another batch on the same rows) is run again.
      await runAgainOnLostRace(() => db.$transaction(queries.map((query) => db.$executeRaw(query))));
      return;
    }
    // IMMEDIATE takes the write lock first: a transaction that read before it wrote could fail
    // with SQLITE_BUSY_SNAPSHOT when another connection committed in between.
    await outsideTransaction(connection, () => batchOn(connection).immediate(queries));
  },
};
