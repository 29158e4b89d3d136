import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { databaseUrl, EnvError, readEnv } from "./env-schema";

const SECRETS = ["NEXTAUTH_SECRET", "TOKEN_PEPPER", "TOKEN_ENCRYPTION_KEY"] as const;
const HOW_TO_MAKE = "openssl rand -base64 32";

function newKey(): string {
  return crypto.randomBytes(32).toString("base64");
}

function completeEnv(): Record<string, string | undefined> {
  return {
    NODE_ENV: "production",
    DATABASE_URL: "file:/var/lib/gatehouse/gatehouse.db",
    NEXTAUTH_URL: "https://gatehouse.example",
    NEXTAUTH_SECRET: newKey(),
    TOKEN_PEPPER: newKey(),
    TOKEN_ENCRYPTION_KEY: newKey(),
  };
}

/** The EnvError message readEnv throws for `source`; fails the test if it parses or throws anything else. */
function envErrorFor(source: Record<string, string | undefined>): string {
  try {
    readEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).message;
  }
  throw new Error("readEnv accepted an environment it should have refused");
}

describe("readEnv", () => {
  it("parses a complete environment", () => {
    const source = completeEnv();
    const env = readEnv(source);
    expect(env.NODE_ENV).toBe("production");
    expect(env.NEXTAUTH_URL).toBe("https://gatehouse.example");
    expect(env.NEXTAUTH_SECRET).toBe(source.NEXTAUTH_SECRET);
    expect(env.TOKEN_PEPPER).toBe(source.TOKEN_PEPPER);
    expect(env.TOKEN_ENCRYPTION_KEY).toBe(source.TOKEN_ENCRYPTION_KEY);
    expect(env.TOKEN_ENCRYPTION_KEY_PREVIOUS).toEqual([]);
  });

  it.each(SECRETS)("names a missing %s and how to make one", (name) => {
    const message = envErrorFor({ ...completeEnv(), [name]: undefined });
    expect(message).toContain(`${name} is missing`);
    expect(message).toContain(HOW_TO_MAKE);
    for (const other of SECRETS.filter((secret) => secret !== name)) expect(message).not.toContain(other);
  });

  it("names every missing secret in one message", () => {
    const source = completeEnv();
    for (const name of SECRETS) delete source[name];
    const message = envErrorFor(source);
    for (const name of SECRETS) expect(message).toContain(`${name} is missing`);
  });

  it.each(SECRETS)("treats an empty %s as missing", (name) => {
    const message = envErrorFor({ ...completeEnv(), [name]: "" });
    expect(message).toContain(`${name} is missing`);
    expect(message).toContain(HOW_TO_MAKE);
  });

  it("refuses a secret that is too short, naming it", () => {
    const message = envErrorFor({ ...completeEnv(), TOKEN_PEPPER: "short" });
    expect(message).toMatch(/TOKEN_PEPPER .*at least 32 characters/);
    expect(message).not.toContain("NEXTAUTH_SECRET");
  });

  it.each([
    ["too short", newKey().slice(0, 40)],
    ["not base64", "!".repeat(43) + "="],
    ["too long", newKey() + "AAAA"],
  ])("refuses an encryption key that is %s, naming it", (_, value) => {
    const message = envErrorFor({ ...completeEnv(), TOKEN_ENCRYPTION_KEY: value });
    expect(message).toMatch(/TOKEN_ENCRYPTION_KEY .*32 bytes in base64/);
  });

  it("parses without secrets while `next build` runs", () => {
    const env = readEnv({ NEXT_PHASE: "phase-production-build", NODE_ENV: "production" });
    expect(env.NODE_ENV).toBe("production");
    // Placeholders exist only so the schema holds; a real value still wins over them.
    expect(readEnv({ NEXT_PHASE: "phase-production-build", TOKEN_PEPPER: "p".repeat(32) }).TOKEN_PEPPER).toBe("p".repeat(32));
  });

  it("still reports a malformed value at build time with a readable message", () => {
    expect(() => readEnv({ NEXT_PHASE: "phase-production-build", NEXTAUTH_URL: "not a url" })).toThrow(/NEXTAUTH_URL/);
    expect(() => readEnv({ NEXT_PHASE: "phase-production-build", NEXTAUTH_URL: "not a url" })).toThrow(EnvError);
  });

  it("demands the secrets in any other phase", () => {
    expect(() => readEnv({ NEXT_PHASE: "phase-production-server" })).toThrow(EnvError);
  });

  it("reads previous encryption keys from a comma-separated list", () => {
    const [first, second] = [newKey(), newKey()];
    const env = readEnv({ ...completeEnv(), TOKEN_ENCRYPTION_KEY_PREVIOUS: ` ${first} ,${second},` });
    expect(env.TOKEN_ENCRYPTION_KEY_PREVIOUS).toEqual([first, second]);
  });

  it("refuses a malformed previous encryption key, naming the variable", () => {
    const message = envErrorFor({ ...completeEnv(), TOKEN_ENCRYPTION_KEY_PREVIOUS: `${newKey()},not-a-key` });
    expect(message).toMatch(/TOKEN_ENCRYPTION_KEY_PREVIOUS .*32 bytes in base64/);
  });

  it("resolves DATABASE_URL to an absolute file: URL", () => {
    const relative = readEnv({ ...completeEnv(), DATABASE_URL: "file:./some/dir/app.db" });
    expect(relative.DATABASE_URL).toBe(`file:${path.resolve(process.cwd(), "some/dir/app.db")}`);
    const unset = readEnv({ ...completeEnv(), DATABASE_URL: undefined });
    expect(unset.DATABASE_URL).toBe(`file:${path.resolve(process.cwd(), ".data/gatehouse.db")}`);
    for (const env of [relative, unset]) expect(path.isAbsolute(env.DATABASE_URL.slice("file:".length))).toBe(true);
  });

  it("refuses a production server on a plain-http public URL, unless it is loopback or explicitly allowed", () => {
    for (const url of ["http://gatehouse.example", "http://192.168.1.20:3000", "http://10.0.0.5", "http://127.0.0.1.example.com"]) {
      expect(envErrorFor({ ...completeEnv(), NEXTAUTH_URL: url }), url).toMatch(/NEXTAUTH_URL must be https/);
    }
    for (const url of ["https://gatehouse.example", "http://localhost:3000", "http://127.0.0.1:3100", "http://[::1]:3000", "http://app.localhost"]) {
      expect(readEnv({ ...completeEnv(), NEXTAUTH_URL: url }).NEXTAUTH_URL, url).toBe(url);
    }
    expect(readEnv({ ...completeEnv(), NEXTAUTH_URL: "http://gatehouse.example", ALLOW_HTTP_PUBLIC_URL: "1" }).NEXTAUTH_URL).toBe("http://gatehouse.example");
    // Development may use any URL.
    expect(readEnv({ ...completeEnv(), NODE_ENV: "development", NEXTAUTH_URL: "http://gatehouse.example" }).NODE_ENV).toBe("development");
  });

  it("refuses a DEVICE_API_URL that is not https, unless it is loopback, in any environment", () => {
    for (const NODE_ENV of ["production", "development"]) {
      expect(envErrorFor({ ...completeEnv(), NODE_ENV, DEVICE_API_URL: "http://api.gatehouse.example" })).toMatch(/DEVICE_API_URL must be https/);
      expect(readEnv({ ...completeEnv(), NODE_ENV, DEVICE_API_URL: "https://api.gatehouse.example" }).DEVICE_API_URL).toBe("https://api.gatehouse.example");
      expect(readEnv({ ...completeEnv(), NODE_ENV, DEVICE_API_URL: "http://127.0.0.1:4000" }).DEVICE_API_URL).toBe("http://127.0.0.1:4000");
    }
  });

  it("takes an optional alert webhook: an http(s) URL without credentials, and a secret of 32 characters or more", () => {
    const secret = "s".repeat(32);
    expect(readEnv(completeEnv()).ALERT_WEBHOOK_URL).toBeUndefined();
    const env = readEnv({ ...completeEnv(), ALERT_WEBHOOK_URL: "https://hooks.example/gatehouse?k=1", ALERT_WEBHOOK_SECRET: secret });
    expect([env.ALERT_WEBHOOK_URL, env.ALERT_WEBHOOK_SECRET]).toEqual(["https://hooks.example/gatehouse?k=1", secret]);
    expect(envErrorFor({ ...completeEnv(), ALERT_WEBHOOK_URL: "ftp://hooks.example/x", ALERT_WEBHOOK_SECRET: secret })).toMatch(/ALERT_WEBHOOK_URL must be an http or https URL/);
    expect(envErrorFor({ ...completeEnv(), ALERT_WEBHOOK_URL: "https://user:pw@hooks.example/", ALERT_WEBHOOK_SECRET: secret })).toMatch(/ALERT_WEBHOOK_URL must not hold a user name/);
    expect(envErrorFor({ ...completeEnv(), ALERT_WEBHOOK_URL: "https://hooks.example/" })).toMatch(/ALERT_WEBHOOK_SECRET is required when ALERT_WEBHOOK_URL is set/);
    expect(envErrorFor({ ...completeEnv(), ALERT_WEBHOOK_URL: "https://hooks.example/", ALERT_WEBHOOK_SECRET: "short" })).toMatch(/ALERT_WEBHOOK_SECRET must be at least 32 characters/);
  });
});

describe("secrets from files (<NAME>_FILE)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-secrets-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  /** A file holding `text`, as a secret store mounts one (mode 0400). */
  const secretFile = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text, { mode: 0o400 });
    return file;
  };

  it("reads each secret from the file its _FILE variable names, without the trailing newline", () => {
    const [secret, pepper, key, previous] = [newKey(), newKey(), newKey(), newKey()];
    const source = {
      ...completeEnv(),
      NEXTAUTH_SECRET: undefined,
      TOKEN_PEPPER: undefined,
      TOKEN_ENCRYPTION_KEY: undefined,
      NEXTAUTH_SECRET_FILE: secretFile("nextauth", `${secret}\n`),
      TOKEN_PEPPER_FILE: secretFile("pepper", `${pepper}\r\n`),
      TOKEN_ENCRYPTION_KEY_FILE: secretFile("key", key),
      TOKEN_ENCRYPTION_KEY_PREVIOUS_FILE: secretFile("previous", `${previous}\n`),
      ALERT_WEBHOOK_URL: "https://hooks.example/",
      ALERT_WEBHOOK_SECRET_FILE: secretFile("webhook", `${"w".repeat(40)}\n`),
    };
    const env = readEnv(source);
    expect([env.NEXTAUTH_SECRET, env.TOKEN_PEPPER, env.TOKEN_ENCRYPTION_KEY, env.TOKEN_ENCRYPTION_KEY_PREVIOUS]).toEqual([secret, pepper, key, [previous]]);
    expect(env.ALERT_WEBHOOK_SECRET).toBe("w".repeat(40));
  });

  it("reads the database URL from a file too, for the server and the command-line tools", () => {
    const file = secretFile("database", "postgresql://gatehouse:s3cret@db.internal:5432/gatehouse\n");
    const source = { ...completeEnv(), DATABASE_URL: undefined, DATABASE_URL_FILE: file };
    expect(readEnv(source).DATABASE_URL).toBe("postgresql://gatehouse:s3cret@db.internal:5432/gatehouse");
    expect(databaseUrl(source)).toBe("postgresql://gatehouse:s3cret@db.internal:5432/gatehouse");
  });

  it("refuses a variable set both ways, a file it cannot read and an empty file, naming each and quoting no contents", () => {
    const key = newKey();
    const message = envErrorFor({
      ...completeEnv(),
      TOKEN_PEPPER_FILE: secretFile("both", `${key}\n`),
      NEXTAUTH_SECRET: undefined,
      NEXTAUTH_SECRET_FILE: path.join(dir, "no-such-file"),
      TOKEN_ENCRYPTION_KEY: undefined,
      TOKEN_ENCRYPTION_KEY_FILE: secretFile("empty", "\n"),
    });
    expect(message).toMatch(/TOKEN_PEPPER and TOKEN_PEPPER_FILE are both set/);
    expect(message).toMatch(/NEXTAUTH_SECRET_FILE names a file that cannot be read \(.*no-such-file: ENOENT\)/);
    expect(message).toMatch(/TOKEN_ENCRYPTION_KEY_FILE names an empty file/);
    expect(message).not.toContain(key);
  });

  it("validates what a file holds as it would the variable", () => {
    const source = { ...completeEnv(), TOKEN_ENCRYPTION_KEY: undefined, TOKEN_ENCRYPTION_KEY_FILE: secretFile("short-key", "c2hvcnQ=\n") };
    expect(envErrorFor(source)).toMatch(/TOKEN_ENCRYPTION_KEY must be 32 bytes in base64/);
  });
});
