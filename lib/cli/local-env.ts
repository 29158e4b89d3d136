// Writes the git-ignored .env.local with fresh random secrets, adding only what is missing.
import crypto from "node:crypto";
import fs from "node:fs";
import { REQUIRED_SECRETS, type SecretName } from "@/lib/env-schema";

export const LOCAL_ENV_FILE = ".env.local";

function freshSecret(): string {
  return crypto.randomBytes(32).toString("base64");
}

/** Returns the names it added; an existing value is never replaced. */
export function ensureLocalEnv(file = LOCAL_ENV_FILE, defaults: Record<string, string> = {}): string[] {
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const present = new Set(current.split("\n").map((line) => line.split("=")[0]?.trim()));
  const wanted: Record<string, string> = { ...defaults };
  for (const name of Object.keys(REQUIRED_SECRETS) as SecretName[]) wanted[name] = freshSecret();
  const added = Object.keys(wanted).filter((name) => !present.has(name) && !process.env[name]);
  if (added.length === 0) return [];
  const header = current ? "" : "# Written by `npm run demo`. Local secrets: never commit this file.\n";
  const separator = current && !current.endsWith("\n") ? "\n" : "";
  const lines = added.map((name) => `${name}=${wanted[name]}`).join("\n");
  fs.writeFileSync(file, `${current}${separator}${header}${lines}\n`, { mode: 0o600 });
  return added;
}
