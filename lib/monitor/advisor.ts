// The least-privilege advisor: for each token, the scopes it holds but has not used in 30 days,
// read from its usage (TokenUsage). Which scopes a route needs is the API's to say, and lib/monitor
// may not import lib/api, so the caller passes that as `scopesOfRoute` (lib/server/route-scopes.ts).
import "server-only";
import type { Person } from "@/lib/access/caller";
import { assertAdmin, assertManages } from "@/lib/access/checks";
import { parseScopes, type Scope } from "@/lib/access/scopes";
import { db } from "@/lib/db";
import type { TokenKind } from "@/lib/generated/prisma/client";
import { DAY_MS } from "@/lib/time";
import { liveOwnedTokens } from "./live";

export const ADVICE_WINDOW_DAYS = 30;

/** The scopes a request to a route ("GET /devices/{deviceId}") needs; none for a route it does not know. */
export type ScopesOfRoute = (route: string) => readonly Scope[];

/** narrow: to the scopes used; revoke: none was used; too_new: younger than the window, so unused proves little. */
export type Verdict = "narrow" | "revoke" | "too_new";

export type Judgement = { used: Scope[]; unused: Scope[]; verdict: Verdict };

export type Advice = Judgement & {
  tokenId: string;
  name: string;
  kind: TokenKind;
  userId: string;
  ownerName: string;
  createdAt: Date;
  granted: Scope[];
};

/** The advice for one token, or null when it used every scope it holds. */
export function judgeToken(
  token: { createdAt: Date; scopes: readonly Scope[] },
  routesUsed: Iterable<string>,
  scopesOfRoute: ScopesOfRoute,
  now: number,
): Judgement | null {
  const needed = new Set<Scope>();
  for (const route of routesUsed) for (const scope of scopesOfRoute(route)) needed.add(scope);
  const used = token.scopes.filter((scope) => needed.has(scope));
  const unused = token.scopes.filter((scope) => !needed.has(scope));
  if (unused.length === 0) return null;
  if (now - token.createdAt.getTime() < ADVICE_WINDOW_DAYS * DAY_MS) return { used, unused, verdict: "too_new" };
  return { used, unused, verdict: used.length === 0 ? "revoke" : "narrow" };
}

/**
 * Advice for the live personal and device tokens of one user (their own, or any for an admin), or
 * with no userId every user's (admins only). Tokens that use everything they hold are left out.
 */
export async function tokenAdvice(caller: Person, scopesOfRoute: ScopesOfRoute, options: { userId?: string }, now = Date.now()): Promise<Advice[]> {
  if (options.userId === undefined) assertAdmin(caller, "see every token's advice");
  else assertManages(caller, options.userId, { message: "You cannot see these tokens" });
  const owner = options.userId === undefined ? {} : { userId: options.userId };
  const tokens = await db.apiToken.findMany({
    where: { ...liveOwnedTokens(now), ...owner },
    select: { id: true, name: true, kind: true, userId: true, scopes: true, createdAt: true, user: { select: { name: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  if (tokens.length === 0) return [];
  const usage = await db.tokenUsage.groupBy({
    by: ["tokenId", "route"],
    where: { ...owner, tokenId: { in: tokens.map((t) => t.id) }, minute: { gte: new Date(now - ADVICE_WINDOW_DAYS * DAY_MS) } },
  });
  const routes = new Map<string, string[]>();
  for (const { tokenId, route } of usage) routes.set(tokenId, [...(routes.get(tokenId) ?? []), route]);

  return tokens.flatMap(({ user, scopes, ...token }) => {
    const granted = parseScopes(scopes);
    const judgement = judgeToken({ createdAt: token.createdAt, scopes: granted }, routes.get(token.id) ?? [], scopesOfRoute, now);
    if (!judgement) return [];
    return [{ tokenId: token.id, name: token.name, kind: token.kind, userId: token.userId, ownerName: user.name, createdAt: token.createdAt, granted, ...judgement }];
  });
}
