import crypto from "node:crypto";
import { decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import { decryptToken, encryptToken, keyring } from "./encryption";
import { generateToken } from "./format";

const newKey = () => crypto.randomBytes(32).toString("base64");

/** The same compact JWE with one base64url character of `part` (0-4) changed. */
function tamper(jwe: string, part: number): string {
  const parts = jwe.split(".");
  const segment = parts[part]!;
  const index = Math.floor(segment.length / 2);
  parts[part] = segment.slice(0, index) + (segment[index] === "A" ? "B" : "A") + segment.slice(index + 1);
  return parts.join(".");
}

describe("encryptToken and decryptToken", () => {
  it("round-trip a token under one keyring", async () => {
    const keys = keyring(newKey(), []);
    const token = generateToken("DASHBOARD");
    expect(await decryptToken(await encryptToken(token, keys), keys)).toEqual({ token, stale: false });
  });

  it("round-trip under the environment's key by default", async () => {
    const token = generateToken("DASHBOARD");
    const jwe = await encryptToken(token);
    expect(await decryptToken(jwe)).toEqual({ token, stale: false });
    expect(await decryptToken(jwe, keyring(process.env.TOKEN_ENCRYPTION_KEY, []))).toEqual({ token, stale: false });
  });

  it("write a compact JWE with alg dir, enc A256GCM and the key's id", async () => {
    const keys = keyring(newKey(), []);
    const jwe = await encryptToken(generateToken("DASHBOARD"), keys);
    expect(jwe.split(".")).toHaveLength(5);
    // dir: no encrypted key segment.
    expect(jwe.split(".")[1]).toBe("");
    const header = decodeProtectedHeader(jwe);
    expect(header).toMatchObject({ alg: "dir", enc: "A256GCM", kid: keys.current.kid });
    expect(header.kid).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it("name different keys by different ids", () => {
    expect(keyring(newKey(), []).current.kid).not.toBe(keyring(newKey(), []).current.kid);
  });

  it("do not leak the token into the ciphertext", async () => {
    const token = generateToken("DASHBOARD");
    const jwe = await encryptToken(token, keyring(newKey(), []));
    expect(jwe).not.toContain(token);
    expect(jwe).not.toContain(token.slice(8, 38));
    expect(jwe).not.toContain(Buffer.from(token).toString("base64url").slice(0, 20));
  });

  it("use a fresh IV for every encryption", async () => {
    const keys = keyring(newKey(), []);
    const token = generateToken("DASHBOARD");
    expect(await encryptToken(token, keys)).not.toBe(await encryptToken(token, keys));
  });

  it("decrypt an old ciphertext after a key change, marked stale, and re-encrypt it fresh", async () => {
    const oldKey = newKey();
    const key = newKey();
    const token = generateToken("DASHBOARD");
    const oldJwe = await encryptToken(token, keyring(oldKey, []));

    const rotated = keyring(key, [oldKey]);
    expect(await decryptToken(oldJwe, rotated)).toEqual({ token, stale: true });

    const again = await encryptToken(token, rotated);
    expect(decodeProtectedHeader(again).kid).toBe(rotated.current.kid);
    expect(await decryptToken(again, rotated)).toEqual({ token, stale: false });
    // The new ciphertext no longer needs the old key.
    expect(await decryptToken(again, keyring(key, []))).toEqual({ token, stale: false });
  });

  it("refuse a ciphertext under a key the keyring does not hold", async () => {
    const jwe = await encryptToken(generateToken("DASHBOARD"), keyring(newKey(), []));
    await expect(decryptToken(jwe, keyring(newKey(), [newKey()]))).rejects.toThrow(/no longer has/);
  });

  it("refuse a ciphertext whose kid names the key but whose key differs", async () => {
    const keys = keyring(newKey(), []);
    const other = keyring(newKey(), []);
    const jwe = await encryptToken(generateToken("DASHBOARD"), other);
    // Re-label the foreign ciphertext with our kid: authentication must still fail.
    const [, ...rest] = jwe.split(".");
    const header = Buffer.from(JSON.stringify({ alg: "dir", enc: "A256GCM", kid: keys.current.kid })).toString("base64url");
    await expect(decryptToken([header, ...rest].join("."), keys)).rejects.toThrow();
  });

  it.each([
    [0, "protected header"],
    [2, "IV"],
    [3, "ciphertext"],
    [4, "tag"],
  ])("refuse a ciphertext with a tampered %s (%s)", async (part) => {
    const keys = keyring(newKey(), []);
    const jwe = await encryptToken(generateToken("DASHBOARD"), keys);
    await expect(decryptToken(tamper(jwe, part), keys)).rejects.toThrow();
  });

  it("refuse garbage", async () => {
    const keys = keyring(newKey(), []);
    await expect(decryptToken("", keys)).rejects.toThrow();
    await expect(decryptToken("not.a.jwe", keys)).rejects.toThrow();
  });

  it("refuse a key that is not 32 bytes", () => {
    expect(() => keyring(crypto.randomBytes(16).toString("base64"), [])).toThrow(/32 bytes/);
    expect(() => keyring(newKey(), [crypto.randomBytes(31).toString("base64")])).toThrow(/32 bytes/);
  });
});
