import { describe, expect, it } from "vitest";
import { generateToken, parseToken, PREFIXES, SECRET_LENGTH, TOKEN_KINDS, tokenHint } from "./format";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** Prefix (8) + secret (30) + checksum (6). */
const TOKEN_LENGTH = 8 + SECRET_LENGTH + 6;

/** The same token with the character at `index` swapped for a different base62 character. */
function changeAt(token: string, index: number): string {
  const current = token[index]!;
  const next = ALPHABET[(ALPHABET.indexOf(current) + 1) % ALPHABET.length]!;
  return token.slice(0, index) + next + token.slice(index + 1);
}

describe("generateToken", () => {
  it.each(TOKEN_KINDS)("makes a %s token with its prefix, fixed length and base62 body", (kind) => {
    const token = generateToken(kind);
    expect(token.startsWith(PREFIXES[kind])).toBe(true);
    expect(token).toHaveLength(TOKEN_LENGTH);
    expect(token.slice(PREFIXES[kind].length)).toMatch(/^[0-9A-Za-z]+$/);
  });

  it("uses distinct, recognisable prefixes per kind", () => {
    expect(PREFIXES).toEqual({ DASHBOARD: "gth_dsh_", PERSONAL: "gth_pat_", DEVICE: "gth_dev_" });
  });

  it("never repeats itself across 10,000 tokens", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) seen.add(generateToken("PERSONAL"));
    expect(seen.size).toBe(10_000);
  });

  it("carries at least 160 bits in its secret", () => {
    expect(SECRET_LENGTH * Math.log2(62)).toBeGreaterThanOrEqual(160);
  });

  it("uses the whole base62 alphabet in its secrets", () => {
    // A biased or truncated alphabet (say, digits only) would fail to show all 62 characters.
    const used = new Set<string>();
    for (let i = 0; i < 500; i++) for (const char of generateToken("DEVICE").slice(8, 8 + SECRET_LENGTH)) used.add(char);
    expect(used.size).toBe(62);
  });
});

describe("parseToken", () => {
  it.each(TOKEN_KINDS)("accepts a generated %s token and returns its kind", (kind) => {
    for (let i = 0; i < 50; i++) expect(parseToken(generateToken(kind))).toBe(kind);
  });

  it("refuses a token with any one character changed in its secret or checksum", () => {
    const token = generateToken("PERSONAL");
    for (let index = PREFIXES.PERSONAL.length; index < token.length; index++) {
      expect(parseToken(changeAt(token, index)), `changed at ${index}`).toBeNull();
    }
  });

  it("refuses a token whose prefix names another kind", () => {
    const token = generateToken("PERSONAL");
    // Same secret and checksum, but the checksum covers the prefix.
    expect(parseToken(PREFIXES.DASHBOARD + token.slice(PREFIXES.PERSONAL.length))).toBeNull();
    expect(parseToken(PREFIXES.DEVICE + token.slice(PREFIXES.PERSONAL.length))).toBeNull();
  });

  it("refuses a wrong or missing prefix", () => {
    const token = generateToken("PERSONAL");
    const body = token.slice(PREFIXES.PERSONAL.length);
    expect(parseToken(body)).toBeNull();
    expect(parseToken(`ghp_${body}`)).toBeNull();
    expect(parseToken(`gth_xyz_${body}`)).toBeNull();
    expect(parseToken(token.toUpperCase())).toBeNull();
    expect(parseToken(` ${token}`)).toBeNull();
  });

  it("refuses a wrong length", () => {
    const token = generateToken("DEVICE");
    expect(parseToken(token.slice(0, -1))).toBeNull();
    expect(parseToken(`${token}0`)).toBeNull();
    expect(parseToken(`${token}\n`)).toBeNull();
    expect(parseToken(PREFIXES.DEVICE)).toBeNull();
  });

  it("refuses characters outside base62", () => {
    const token = generateToken("PERSONAL");
    for (const bad of ["-", "_", "+", "/", "=", " ", "é", "\0"]) {
      const index = PREFIXES.PERSONAL.length + 3;
      expect(parseToken(token.slice(0, index) + bad + token.slice(index + 1))).toBeNull();
    }
  });

  // Timed: a failure is tried again, since other work on the machine can stall any one run.
  it("refuses the empty string and a 100 kB string quickly", { retry: 2 }, () => {
    expect(parseToken("")).toBeNull();
    const huge = PREFIXES.PERSONAL + "a".repeat(100_000);
    const started = performance.now();
    expect(parseToken(huge)).toBeNull();
    expect(performance.now() - started).toBeLessThan(100);
  });
});

describe("tokenHint", () => {
  it("shows the prefix and the last four characters only", () => {
    const token = generateToken("DASHBOARD");
    const hint = tokenHint(token);
    expect(hint).toEqual({ prefix: "gth_dsh_", last4: token.slice(-4) });
    expect(hint.last4).toHaveLength(4);
    expect(JSON.stringify(hint)).not.toContain(token.slice(8, 8 + SECRET_LENGTH));
  });

  it.each(TOKEN_KINDS)("gives the whole %s prefix", (kind) => {
    expect(tokenHint(generateToken(kind)).prefix).toBe(PREFIXES[kind]);
  });
});
