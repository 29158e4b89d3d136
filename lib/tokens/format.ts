// The token format: a prefix naming the product and kind, a base62 secret of 178 random bits and a
// CRC32 checksum, as GitHub's tokens have. A typo or a foreign string is refused before any I/O.
import crypto from "node:crypto";
import { crc32 } from "node:zlib";

export const TOKEN_KINDS = ["DASHBOARD", "PERSONAL", "DEVICE"] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

export const PREFIXES: Record<TokenKind, string> = {
  DASHBOARD: "gth_dsh_",
  PERSONAL: "gth_pat_",
  DEVICE: "gth_dev_",
};

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** 30 base62 characters carry log2(62) * 30 ≈ 178.6 bits. */
export const SECRET_LENGTH = 30;
const CHECKSUM_LENGTH = 6;
const BODY = new RegExp(`^[0-9A-Za-z]{${SECRET_LENGTH + CHECKSUM_LENGTH}}$`);

function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of crypto.randomBytes(length * 2)) {
      // 248 = 4 * 62: rejecting the bytes above it keeps every character equally likely.
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

function base62(value: number, width: number): string {
  let out = "";
  for (let rest = value; rest > 0; rest = Math.floor(rest / 62)) out = ALPHABET[rest % 62] + out;
  return out.padStart(width, "0");
}

function checksum(prefix: string, secret: string): string {
  return base62(crc32(prefix + secret), CHECKSUM_LENGTH);
}

export function generateToken(kind: TokenKind): string {
  const prefix = PREFIXES[kind];
  const secret = randomBase62(SECRET_LENGTH);
  return prefix + secret + checksum(prefix, secret);
}

/** The kind of a well-formed token with a valid checksum, or null for anything else. */
export function parseToken(token: string): TokenKind | null {
  const kind = TOKEN_KINDS.find((k) => token.startsWith(PREFIXES[k]));
  if (!kind) return null;
  const prefix = PREFIXES[kind];
  const body = token.slice(prefix.length);
  if (!BODY.test(body)) return null;
  const secret = body.slice(0, SECRET_LENGTH);
  return body.slice(SECRET_LENGTH) === checksum(prefix, secret) ? kind : null;
}

/** What may be shown of a token after it is issued: its prefix and its last four characters. */
export function tokenHint(token: string): { prefix: string; last4: string } {
  return { prefix: token.slice(0, PREFIXES.DASHBOARD.length), last4: token.slice(-4) };
}
