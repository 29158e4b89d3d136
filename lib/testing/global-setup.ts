// Vitest global setup: one throwaway SQLite database, migrated, shared by every test file, plus
// random secrets for this run only. Test files create their own users, so they never collide.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { migrate } from "@/lib/cli/run";

export default function setup() {
  const dir = fs.mkdtempSync(path.join(process.cwd(), ".data", "vitest-"));
  const url = `file:${path.join(dir, "test.db")}`;
  process.env.DATABASE_URL = url;
  process.env.NEXTAUTH_SECRET = crypto.randomBytes(32).toString("base64");
  process.env.TOKEN_PEPPER = crypto.randomBytes(32).toString("base64");
  process.env.TOKEN_ENCRYPTION_KEY = crypto.randomBytes(32).toString("base64");
  // As behind one reverse proxy, so that the X-Forwarded-For handling is exercised.
  process.env.TRUSTED_PROXY_HOPS = "1";
  migrate({ ...process.env, DATABASE_URL: url });
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
