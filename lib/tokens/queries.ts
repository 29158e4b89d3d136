// Reading tokens for the management pages: admins see anyone's, people their own; and what a
// new token for a user may be (scopes, lifetime, devices), from that user's role policy.
import "server-only";
import type { Caller } from "@/lib/access/caller";
import { assertManages } from "@/lib/access/checks";
import type { Scope } from "@/lib/access/scopes";
import { visibleTo } from "@/lib/access/visible";
import { db } from "@/lib/db";
import { getPolicy } from "./policy";
import { toTokenView, tokenViewSelect, type TokenView } from "./views";

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
