// Reading tokens for the management pages: admins see anyone's, people their own, in views by
// status; what a new token for a user may be (scopes, lifetime, devices), from that user's role
// policy; and the admin API's list of everyone's tokens.
import "server-only";
import type { Caller } from "@/lib/access/caller";
import { assertManages, assertScope } from "@/lib/access/checks";
import { parseScopes, type Scope } from "@/lib/access/scopes";
import { visibleTo } from "@/lib/access/visible";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Prisma, TokenKind } from "@/lib/generated/prisma/client";
import { listTokensBy, type StatusFilter, type TokenListing } from "./listing";
import { getPolicy } from "./policy";
import { tokenSelect, tokenStatus, toTokenView, tokenViewSelect, type TokenView } from "./views";

/** The most a page of the admin API holds, as for devices. */
const MAX_PAGE_SIZE = 100;

/** The owner filter for token reads; throws for someone else's tokens rather than answer an empty list. */
function ownedBy(caller: Caller, userId: string): { userId: string } {
  assertManages(caller, userId, { message: "You cannot see these tokens" });
  return { userId };
}

/** A user's tokens, newest first, as views: never a hash, a ciphertext or a secret. */
export async function listTokens(caller: Caller, userId: string): Promise<TokenView[]> {
  const rows = await db.apiToken.findMany({
    where: ownedBy(caller, userId),
    select: tokenViewSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const now = Date.now();
  return rows.map((row) => toTokenView(row, now));
}

/**
 * A user's tokens for a page's view (lib/tokens/listing.ts), with every view's count; `keep` names
 * tokens the caller has just changed, which stay in view.
 */
export async function listTokenPage(caller: Caller, userId: string, filter: StatusFilter, keep?: ReadonlySet<string>): Promise<TokenListing> {
  const rows = await db.apiToken.findMany({
    where: ownedBy(caller, userId),
    select: { ...tokenViewSelect, createdById: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const now = Date.now();
  return listTokensBy(
    rows.map((row) => ({ view: toTokenView(row, now), createdById: row.createdById })),
    filter,
    now,
    keep,
  );
}

/**
 * Why a used token shows no address: Gatehouse records one only from a proxy it trusts
 * (lib/client-ip.ts), since a client can write X-Forwarded-For itself.
 */
export function missingAddressReason(hops = env.TRUSTED_PROXY_HOPS): string {
  return hops === 0 ? "address not recorded: not behind a trusted proxy" : "address not recorded: the proxy sent none";
}

type IssueOptions = {
  /** The scopes the owner's role allows a personal token. */
  scopes: Scope[];
  maxLifetimeDays: number;
  gracePeriodHours: number;
  /** The owner's own devices, for a device token. */
  devices: { id: string; name: string }[];
};

/** What the issue form may offer for a user's new token, or null when there is no such user. */
export async function issueOptions(caller: Caller, userId: string): Promise<IssueOptions | null> {
  const { userId: ownerId } = ownedBy(caller, userId);
  const owner = await db.user.findUnique({ where: { id: ownerId }, select: { role: true } });
  if (!owner) return null;
  const [policy, devices] = await Promise.all([
    getPolicy(owner.role),
    db.device.findMany({ where: { AND: [visibleTo(caller), { ownerId }] }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
  ]);
  return { scopes: policy.scopes, maxLifetimeDays: policy.maxLifetimeDays, gracePeriodHours: policy.gracePeriodHours, devices };
}

type AdminTokenFilter = { userId?: string; kind?: TokenKind; status?: "active" | "revoked" | "expired" };

/** The status filter as a where clause; a token in its rotation grace is still active. */
function statusWhere(status: AdminTokenFilter["status"], now: Date): Prisma.ApiTokenWhereInput {
  if (status === "revoked") return { revokedAt: { not: null } };
  if (status === "expired") return { revokedAt: null, OR: [{ expiresAt: { lte: now } }, { graceEndsAt: { lte: now } }] };
  if (status === "active") return { revokedAt: null, expiresAt: { gt: now }, OR: [{ graceEndsAt: null }, { graceEndsAt: { gt: now } }] };
  return {};
}

/** Everyone's tokens for the admin API, by id a page at a time (as GET /devices), filtered. */
export async function listAllTokens(caller: Caller, page: { limit: number; cursor?: string } & AdminTokenFilter) {
  assertScope(caller, "tokens:admin");
  assertManages(caller, page.userId ?? "", { adminOnly: true, message: "Only admins can list everyone's tokens" });
  const limit = Math.min(Math.max(1, page.limit), MAX_PAGE_SIZE);
  const now = new Date();
  const rows = await db.apiToken.findMany({
    where: {
      AND: [
        page.cursor ? { id: { gt: page.cursor } } : {},
        page.userId ? { userId: page.userId } : {},
        page.kind ? { kind: page.kind } : {},
        statusWhere(page.status, now),
      ],
    },
    select: tokenSelect,
    orderBy: { id: "asc" },
    take: limit + 1,
  });
  // Times as ISO text, as the API sends them: in-process callers take this value as it is.
  const iso = (time: Date | null) => time?.toISOString() ?? null;
  const data = rows.slice(0, limit).map(({ graceEndsAt, ...row }) => ({
    ...row,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: iso(row.revokedAt),
    lastUsedAt: iso(row.lastUsedAt),
    scopes: parseScopes(row.scopes),
    status: tokenStatus({ ...row, graceEndsAt }, now.getTime()),
  }));
  return { data, nextCursor: rows.length > limit ? data.at(-1)!.id : null };
}
