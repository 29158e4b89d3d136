// The PostgreSQL server the tests may use: TEST_POSTGRES_URL, which .ci/run sets to a throwaway
// cluster (.ci/postgres). Without it the PostgreSQL tests are skipped, except under CI, where its
// absence is a failure: CI must run them.
import crypto from "node:crypto";
import pg from "pg";

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL || undefined;

if (!TEST_POSTGRES_URL && process.env.CI === "true") throw new Error("CI runs the PostgreSQL tests: set TEST_POSTGRES_URL (.ci/run starts a cluster with .ci/postgres)");

/** One statement's rows, on a connection of its own to the database of `url`. */
export async function querySql<T extends pg.QueryResultRow = pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Runs one statement on a database of the test server. */
export async function runSql(url: string, sql: string): Promise<void> {
  await querySql(url, sql);
}

/** A new, empty database on the test server, and how to drop it. */
export async function createPostgresDatabase(url = TEST_POSTGRES_URL!): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `gatehouse_test_${crypto.randomBytes(6).toString("hex")}`;
  await runSql(url, `CREATE DATABASE "${name}"`);
  const created = new URL(url);
  created.pathname = `/${name}`;
  return { url: created.toString(), drop: () => runSql(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
