// The one shape in which a token leaves lib/tokens: never its hash, ciphertext or secret.
import type { Prisma, TokenKind } from "@/lib/generated/prisma/client";
import { parseScopes, type Scope } from "@/lib/access/scopes";

export type TokenStatus = "active" | "grace" | "expired" | "revoked";

export type TokenView = {
  id: string;
  userId: string;
  kind: TokenKind;
  name: string;
  scopes: Scope[];
  deviceId: string | null;
  deviceName: string | null;
  hint: string;
  createdAt: Date;
  expiresAt: Date;
  graceEndsAt: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  status: TokenStatus;
};

/** What any reader of a token may be told of it: never its hash, ciphertext or secret. */
export const tokenSelect = {
  id: true,
  userId: true,
  kind: true,
  name: true,
  scopes: true,
  deviceId: true,
  prefix: true,
  last4: true,
  createdAt: true,
  expiresAt: true,
  graceEndsAt: true,
  revokedAt: true,
  lastUsedAt: true,
} as const;

/** And what the management pages add: the device's name, why it was revoked, where it was last used. */
export const tokenViewSelect = { ...tokenSelect, device: { select: { name: true } }, revokedReason: true, lastUsedIp: true } as const;

type TokenRow = Prisma.ApiTokenGetPayload<{ select: typeof tokenViewSelect }>;

export function tokenStatus(token: { revokedAt: Date | null; expiresAt: Date; graceEndsAt: Date | null }, now = Date.now()): TokenStatus {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt.getTime() <= now) return "expired";
  if (token.graceEndsAt) return token.graceEndsAt.getTime() <= now ? "expired" : "grace";
  return "active";
}

export function toTokenView(row: TokenRow, now = Date.now()): TokenView {
  return {
    id: row.id,
    userId: row.userId,
    kind: row.kind,
    name: row.name,
    scopes: parseScopes(row.scopes),
    deviceId: row.deviceId,
    deviceName: row.device?.name ?? null,
    hint: `${row.prefix}…${row.last4}`,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    graceEndsAt: row.graceEndsAt,
    revokedAt: row.revokedAt,
    revokedReason: row.revokedReason,
    lastUsedAt: row.lastUsedAt,
    lastUsedIp: row.lastUsedIp,
    status: tokenStatus(row, now),
  };
}
