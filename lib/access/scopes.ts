// The scopes a caller may hold, and what each role allows (DESIGN.md "Roles, scopes, policies").
import type { Role } from "@/lib/generated/prisma/client";

export const SCOPES = [
  "devices:read",
  "devices:write",
  "telemetry:read",
  "telemetry:write",
  "users:admin",
  "tokens:admin",
  "audit:read",
] as const;

export type Scope = (typeof SCOPES)[number];

/**
 * What a person signed in with a session may do, by role. Role policies (lib/tokens/policy.ts)
 * are data that bound what a token may hold; a person's own rights come from the role alone, so
 * that editing a policy can never lock the admins out of the admin pages.
 */
export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  STANDARD: ["devices:read", "devices:write", "telemetry:read", "telemetry:write"],
  ADMIN: SCOPES,
};

function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

export function parseScopes(value: string): Scope[] {
  return value.split(/\s+/).filter(isScope);
}

export function formatScopes(scopes: Iterable<Scope>): string {
  const set = new Set(scopes);
  return SCOPES.filter((scope) => set.has(scope)).join(" ");
}

/** The dashboard's server-held token needs only what the pages use. */
export const DASHBOARD_SCOPES: Scope[] = ["devices:read", "devices:write", "telemetry:read"];

/** A device token can push readings for its one device, and nothing else. */
export const DEVICE_SCOPES: Scope[] = ["telemetry:write"];
