// Server-held tokens are kept as JWE (dir + A256GCM). The key id names the key by its fingerprint,
// so that after a key change old ciphertexts still decrypt under TOKEN_ENCRYPTION_KEY_PREVIOUS.
import "server-only";
import crypto from "node:crypto";
import { compactDecrypt, CompactEncrypt, decodeProtectedHeader } from "jose";
import { env } from "@/lib/env";

type Key = { kid: string; secret: Uint8Array };

function toKey(base64: string): Key {
  const secret = new Uint8Array(Buffer.from(base64, "base64"));
  if (secret.length !== 32) throw new Error("An encryption key must be 32 bytes");
  const kid = crypto.createHash("sha256").update(secret).digest("base64url").slice(0, 16);
  return { kid, secret };
}

type Keyring = { current: Key; previous: Key[] };

export function keyring(current = env.TOKEN_ENCRYPTION_KEY, previous = env.TOKEN_ENCRYPTION_KEY_PREVIOUS): Keyring {
  return { current: toKey(current), previous: previous.map(toKey) };
}

let cached: Keyring | undefined;
function defaultKeyring(): Keyring {
  cached ??= keyring();
  return cached;
}

export async function encryptToken(token: string, keys = defaultKeyring()): Promise<string> {
  return new CompactEncrypt(new TextEncoder().encode(token))
    .setProtectedHeader({ alg: "dir", enc: "A256GCM", kid: keys.current.kid })
    .encrypt(keys.current.secret);
}

/** The token, and whether it was written under an older key and should be encrypted again. */
export async function decryptToken(jwe: string, keys = defaultKeyring()): Promise<{ token: string; stale: boolean }> {
  const { kid } = decodeProtectedHeader(jwe);
  const key = [keys.current, ...keys.previous].find((k) => k.kid === kid);
  if (!key) throw new Error("The token was encrypted under a key this server no longer has");
  const { plaintext } = await compactDecrypt(jwe, key.secret, { keyManagementAlgorithms: ["dir"], contentEncryptionAlgorithms: ["A256GCM"] });
  return { token: new TextDecoder().decode(plaintext), stale: key.kid !== keys.current.kid };
}
