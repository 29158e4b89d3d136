// The PostgreSQL server the tests may use: TEST_POSTGRES_URL, which .ci/run sets to a throwaway
// cluster (.ci/postgres). Without it the PostgreSQL tests are skipped, except under CI, where its
// absence is a failure: CI must run them.
import crypto from "node:crypto";
import pg from "pg";

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL || undefined;

if (!TEST_POSTGRES_URL && process.env.CI === "true") throw new Error("CI runs the PostgreSQL tests: set TEST_POSTGRES_URL (.ci/run starts a cluster with .ci/postgres)");

/** A new, empty database on the test server, and how to drop it. */
export async function createPostgresDatabase(url = TEST_POSTGRES_URL!): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `gatehouse_test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const created = new URL(url);
  created.pathname = `/${name}`;
  return {
    url: created.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Runs one statement on a database of the test server. */
export async function runSql(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
