// The scopes a token may hold, and what each role allows (DESIGN.md "Roles, scopes, policies").
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
