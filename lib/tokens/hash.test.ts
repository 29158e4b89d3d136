import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateToken } from "./format";
import { hashToken } from "./hash";

const pepper = () => crypto.randomBytes(32).toString("base64");

describe("hashToken", () => {
  it("is deterministic for one pepper", () => {
    const token = generateToken("PERSONAL");
    const key = pepper();
    expect(hashToken(token, key)).toBe(hashToken(token, key));
  });

  it("uses the environment's pepper by default", () => {
    const token = generateToken("PERSONAL");
    expect(hashToken(token)).toBe(hashToken(token, process.env.TOKEN_PEPPER));
  });

  it("differs by pepper", () => {
    const token = generateToken("PERSONAL");
    expect(hashToken(token, pepper())).not.toBe(hashToken(token, pepper()));
  });

  it("differs by token", () => {
    const key = pepper();
    expect(hashToken(generateToken("PERSONAL"), key)).not.toBe(hashToken(generateToken("PERSONAL"), key));
  });

  it("is a keyed HMAC-SHA-256, not a plain digest", () => {
    const token = generateToken("DEVICE");
    const key = pepper();
    expect(hashToken(token, key)).toBe(crypto.createHmac("sha256", key).update(token).digest("base64url"));
    expect(hashToken(token, key)).not.toBe(crypto.createHash("sha256").update(token).digest("base64url"));
  });

  it("does not contain the token or its secret", () => {
    const token = generateToken("PERSONAL");
    const hash = hashToken(token, pepper());
    expect(hash).not.toContain(token);
    expect(hash).not.toContain(token.slice(8, 20));
  });

  it("is base64url of 32 bytes", () => {
    const hash = hashToken(generateToken("DASHBOARD"), pepper());
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(hash, "base64url")).toHaveLength(32);
  });
});
