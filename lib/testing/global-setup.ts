// Vitest global setup: one throwaway database, migrated, shared by every test file, plus random
// secrets for this run only. Test files create their own users, so they never collide. SQLite
// by default; with TEST_DATABASE=postgres, a new database on TEST_POSTGRES_URL's server.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { migrate } from "@/lib/cli/run";
import { createPostgresDatabase, runSql } from "./postgres";
import { REFUSE_FUNCTION_SQL } from "./refuse-inserts";

export default async function setup() {
  let url: string;
  let cleanup: () => Promise<void> | void;
  if (process.env.TEST_DATABASE === "postgres") {
    const database = await createPostgresDatabase();
    url = database.url;
    cleanup = database.drop;
  } else {
    const dir = fs.mkdtempSync(path.join(process.cwd(), ".data", "vitest-"));
    url = `file:${path.join(dir, "test.db")}`;
    cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  }
  process.env.DATABASE_URL = url;
  process.env.NEXTAUTH_SECRET = crypto.randomBytes(32).toString("base64");
  process.env.TOKEN_PEPPER = crypto.randomBytes(32).toString("base64");
  process.env.TOKEN_ENCRYPTION_KEY = crypto.randomBytes(32).toString("base64");
  // As behind one reverse proxy, so that the X-Forwarded-For handling is exercised.
  process.env.TRUSTED_PROXY_HOPS = "1";
  migrate({ ...process.env, DATABASE_URL: url });
  if (process.env.TEST_DATABASE === "postgres") await runSql(url, REFUSE_FUNCTION_SQL);
  return cleanup;
}
