// The environment's schema and the message that says what is missing and how to make it.
// Kept apart from lib/env.ts so that the command-line tools and instrumentation can use it too.
import fs from "node:fs";
import { z } from "zod";
import { resolveDatabaseUrl } from "./sqlite";

const base64Key = /^[A-Za-z0-9_\-+/]{43}=?$/;

/** Secrets the server cannot run without, with what each is for and how to make one. */
export const REQUIRED_SECRETS = {
  NEXTAUTH_SECRET: {
    purpose: "signs and encrypts session cookies",
    make: "openssl rand -base64 32",
  },
  TOKEN_PEPPER: {
    purpose: "keys the HMAC under which API tokens are looked up",
    make: "openssl rand -base64 32",
  },
  TOKEN_ENCRYPTION_KEY: {
    purpose: "encrypts the server-held dashboard tokens (32 bytes, base64)",
    make: "openssl rand -base64 32",
  },
} as const;

export type SecretName = keyof typeof REQUIRED_SECRETS;

const secret = z.string().min(32, "must be at least 32 characters");
const key = z.string().regex(base64Key, "must be 32 bytes in base64 (openssl rand -base64 32)");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().optional().transform((url) => resolveDatabaseUrl(url)),
  // PostgreSQL: the connections each instance keeps open (docs/deploy.md, "Scaling out").
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  NEXTAUTH_URL: z.url().default("http://localhost:3000"),
  // Set to 1 to run a production server on a plain-http public URL that is not loopback (behind a
  // proxy that terminates TLS on the same host, say). Without it such a start is refused.
  ALLOW_HTTP_PUBLIC_URL: z.enum(["0", "1"]).default("0"),
  NEXTAUTH_SECRET: secret,
  TOKEN_PEPPER: secret,
  TOKEN_ENCRYPTION_KEY: key,
  TOKEN_ENCRYPTION_KEY_PREVIOUS: z
    .string()
    .optional()
    .transform((list) => (list ? list.split(",").map((k) => k.trim()).filter(Boolean) : []))
    .pipe(z.array(key)),
  DEVICE_API_URL: z.url().optional().refine((url) => !url || isHttps(url) || isLoopback(url), "must be https unless it is on this machine (loopback): the dashboard's token travels to it"),
  API_RATE_LIMIT_PER_TOKEN: z.coerce.number().int().min(1).default(600),
  API_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(1200),
  // Page loads a minute one person's dashboard may make: its token is counted a page load at a time.
  API_RATE_LIMIT_PER_DASHBOARD: z.coerce.number().int().min(1).default(300),
  // How many reverse proxies in front of the app append to X-Forwarded-For. 0: trust none of it.
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  // How often the homepage and device pages fetch new readings while they are in view.
  LIVE_REFRESH_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  // How long the homepage's light read of the whole fleet serves again (lib/devices/fleet.ts); 0: never.
  FLEET_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  // Optional: where each new alert is POSTed, signed with the secret (lib/monitor/webhook.ts).
  ALERT_WEBHOOK_URL: z
    .url()
    .optional()
    .refine((url) => !url || ["http:", "https:"].includes(new URL(url).protocol), "must be an http or https URL")
    .refine((url) => !url || (!new URL(url).username && !new URL(url).password), "must not hold a user name or password: put a credential in the path or query"),
  ALERT_WEBHOOK_SECRET: secret.optional(),
});

type Env = z.infer<typeof schema>;

function isHttps(url: string): boolean {
  return new URL(url).protocol === "https:";
}

/** localhost, 127.0.0.0/8 or ::1: traffic that never leaves the machine. */
function isLoopback(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** A production server's public URL must be https, so that its cookies can be Secure, unless it is loopback or explicitly allowed. */
const production = schema.superRefine((env, ctx) => {
  if (env.NODE_ENV !== "production" || isHttps(env.NEXTAUTH_URL) || isLoopback(env.NEXTAUTH_URL) || env.ALLOW_HTTP_PUBLIC_URL === "1") return;
  ctx.addIssue({ code: "custom", path: ["NEXTAUTH_URL"], message: "must be https in production (or set ALLOW_HTTP_PUBLIC_URL=1 behind a TLS proxy on this host): session cookies would travel in the clear" });
});

/** A webhook without its secret would send alerts that no receiver can tell from a forgery. */
const checked = production.superRefine((env, ctx) => {
  if (!env.ALERT_WEBHOOK_URL || env.ALERT_WEBHOOK_SECRET) return;
  ctx.addIssue({ code: "custom", path: ["ALERT_WEBHOOK_SECRET"], message: "is required when ALERT_WEBHOOK_URL is set: it signs each alert sent there. Make one with: openssl rand -hex 32" });
});

export class EnvError extends Error {
  override name = "EnvError";
}

type Source = Record<string, string | undefined>;

/**
 * The variables that may instead come from a file named by `<NAME>_FILE`, the Docker and
 * Kubernetes secrets convention: the secrets, and the database URL (it may hold a password).
 */
export const FILE_VARIABLES = ["DATABASE_URL", "NEXTAUTH_SECRET", "TOKEN_PEPPER", "TOKEN_ENCRYPTION_KEY", "TOKEN_ENCRYPTION_KEY_PREVIOUS", "ALERT_WEBHOOK_SECRET"] as const;

/**
 * The source with each FILE_VARIABLES value that `<NAME>_FILE` names read from its file, without
 * the whitespace at either end (a trailing newline, most often). Throws an EnvError for a file that
 * cannot be read or is empty, and for a variable set both ways; it never quotes a file's contents.
 */
export function withSecretFiles(source: Source): Source {
  const resolved: Source = { ...source };
  const problems: string[] = [];
  for (const name of FILE_VARIABLES) {
    const file = source[`${name}_FILE`];
    if (!file) continue;
    if (source[name]) {
      problems.push(`  ${name} and ${name}_FILE are both set: keep one`);
      continue;
    }
    try {
      const value = fs.readFileSync(file, "utf8").trim();
      if (value === "") problems.push(`  ${name}_FILE names an empty file (${file})`);
      else resolved[name] = value;
    } catch (error) {
      problems.push(`  ${name}_FILE names a file that cannot be read (${file}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"})`);
    }
  }
  if (problems.length > 0) throw new EnvError(["Gatehouse cannot start: a secret file is wrong.", ...problems].join("\n"));
  return resolved;
}

/** DATABASE_URL, or the file DATABASE_URL_FILE names, as one absolute SQLite file or another engine's URL: for the command-line tools. */
export function databaseUrl(source: Source = process.env): string {
  return resolveDatabaseUrl(withSecretFiles(source).DATABASE_URL);
}

/** Parses the environment. Throws an EnvError that names every missing or malformed variable. */
export function readEnv(source: Source): Env {
  source = withSecretFiles(source);
  // `next build` imports route modules without running them; secrets are checked at start instead.
  if (source.NEXT_PHASE === "phase-production-build") {
    source = { ...placeholders(), ...emptyAsMissing(source) };
  }
  const result = checked.safeParse(emptyAsMissing(source));
  if (result.success) return result.data;
  throw new EnvError(describe(result.error));
}

function describe(error: z.ZodError): string {
  const lines = error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const known = REQUIRED_SECRETS[name as SecretName];
    if (issue.code === "invalid_type" && known) {
      return `  ${name} is missing: it ${known.purpose}. Make one with: ${known.make}`;
    }
    return `  ${name} ${issue.message}`;
  });
  return [
    "Gatehouse cannot start: the environment is incomplete.",
    ...lines,
    "Set them in the process environment, in a file named by <NAME>_FILE, or in .env.local (`npm run demo` writes one). See .env.example.",
  ].join("\n");
}

function emptyAsMissing(source: Source): Source {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
}

function placeholders(): Source {
  return {
    NEXTAUTH_SECRET: "build-time-placeholder-never-used-at-runtime",
    TOKEN_PEPPER: "build-time-placeholder-never-used-at-runtime",
    TOKEN_ENCRYPTION_KEY: "A".repeat(43) + "=",
  };
}
