// Callers for tests that call lib/ directly: a person with their role's scopes, as a session
// gives them, or a token caller as verification would make one.
import { personFor, type Person, type TokenCaller } from "@/lib/access/caller";
import { ROLE_SCOPES, type Scope } from "@/lib/access/scopes";
import type { Role, TokenKind } from "@/lib/generated/prisma/client";

export const STANDARD_SCOPES: Scope[] = [...ROLE_SCOPES.STANDARD];

type User = { id: string; role: Role; email?: string; name?: string };

export function personOf(user: User, ip: string | null = "198.51.100.4"): Person {
  return personFor({ email: "", name: "", ...user }, ip);
}

/** A token caller of the user's, by default a personal token with every scope its role allows. */
export function tokenCallerOf(user: User, options: { deviceId?: string; scopes?: Scope[]; kind?: TokenKind } = {}): TokenCaller {
  const scopes = new Set(options.scopes ?? ROLE_SCOPES[user.role]);
  const kind = options.kind ?? (options.deviceId ? "DEVICE" : "PERSONAL");
  return { type: "token", userId: user.id, role: user.role, scopes, ip: null, tokenId: "test-token", kind, deviceId: options.deviceId ?? null, lastUsedAt: null };
}
