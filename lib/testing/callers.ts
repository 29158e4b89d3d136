// Callers for tests that call lib/ directly: a person with their role's default scopes (as the
// migration's policies give them), or a token caller as verification would make one.
import type { Person, TokenCaller } from "@/lib/access/caller";
import type { Scope } from "@/lib/access/scopes";
import type { Role, TokenKind } from "@/lib/generated/prisma/client";

export const STANDARD_SCOPES: Scope[] = ["devices:read", "devices:write", "telemetry:read", "telemetry:write"];
export const ADMIN_SCOPES: Scope[] = [...STANDARD_SCOPES, "users:admin", "tokens:admin", "audit:read"];

type User = { id: string; role: Role; email?: string; name?: string };

export function personOf(user: User, ip: string | null = "198.51.100.4"): Person {
  const scopes = new Set(user.role === "ADMIN" ? ADMIN_SCOPES : STANDARD_SCOPES);
  return { type: "person", userId: user.id, role: user.role, email: user.email ?? "", name: user.name ?? "", scopes, ip };
}

/** A token caller of the user's, by default a personal token with every scope its role allows. */
export function tokenCallerOf(user: User, options: { deviceId?: string; scopes?: Scope[]; kind?: TokenKind } = {}): TokenCaller {
  const scopes = new Set(options.scopes ?? (user.role === "ADMIN" ? ADMIN_SCOPES : STANDARD_SCOPES));
  const kind = options.kind ?? (options.deviceId ? "DEVICE" : "PERSONAL");
  return { type: "token", userId: user.id, role: user.role, scopes, ip: null, tokenId: "test-token", kind, deviceId: options.deviceId ?? null, lastUsedAt: null };
}
