// Tokens are looked up by an HMAC-SHA-256 under a server pepper: a stolen table alone cannot be
// used to test guesses, and the hash can sit in a unique index.
import "server-only";
import crypto from "node:crypto";
import { env } from "@/lib/env";

export function hashToken(token: string, pepper = env.TOKEN_PEPPER): string {
  return crypto.createHmac("sha256", pepper).update(token).digest("base64url");
}
