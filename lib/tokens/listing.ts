// How the token pages sort a user's tokens into views: active, expiring (inside the reminder
// window, or rotated and in its grace), revoked and expired, with a count for each, and which
// tokens something renews on its own so that their short life is no warning.
import { firstParam } from "@/lib/paging";
import { REMINDER_WINDOW_MS } from "./reminder-window";
import type { TokenView } from "./views";

export const STATUS_FILTERS = ["current", "active", "expiring", "revoked", "expired", "all"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export type TokenPhase = "active" | "expiring" | "revoked" | "expired";

/**
 * Who renews a token without its owner doing anything: Gatehouse rotates every dashboard token
 * before it expires (lib/tokens/dashboard.ts), and a device token issued by no person was issued by
 * a script of Gatehouse's own (the simulator issues fresh ones each time it starts).
 */
export type RenewedBy = "gatehouse" | "script" | null;

export type TokenListItem = TokenView & { phase: TokenPhase; renewedBy: RenewedBy };

/** What the listing needs beyond the view: who issued a token. */
export type ListedToken = { view: TokenView; createdById: string | null };

export type TokenListing = { filter: StatusFilter; tokens: TokenListItem[]; counts: Record<StatusFilter, number> };

/** The `?status=` value as a filter; anything unknown is the default view. */
export function parseStatusFilter(value: string | string[] | undefined): StatusFilter {
  const first = firstParam(value);
  return STATUS_FILTERS.find((filter) => filter === first) ?? "current";
}

export function renewedBy(token: Pick<TokenView, "kind">, createdById: string | null): RenewedBy {
  if (token.kind === "DASHBOARD") return "gatehouse";
  return token.kind === "DEVICE" && createdById === null ? "script" : null;
}

export function tokenPhase(token: Pick<TokenView, "status" | "expiresAt">, renewed: RenewedBy, now: number): TokenPhase {
  if (token.status === "revoked" || token.status === "expired") return token.status;
  if (token.status === "grace") return "expiring";
  // A token something renews on its own is not the owner's to worry about, however short its life.
  return renewed === null && token.expiresAt.getTime() - now <= REMINDER_WINDOW_MS ? "expiring" : "active";
}

function inFilter(filter: StatusFilter, phase: TokenPhase): boolean {
  if (filter === "all") return true;
  if (filter === "current") return phase === "active" || phase === "expiring";
  return filter === phase;
}

/**
 * Sorts the tokens (newest first, as given) into the filter's view, and counts every view. The
 * tokens in `keep`, ones the person has just revoked or rotated, stay in a live view they would
 * leave, so that the row keeps the answer to the change (and a rotation's shown-once successor)
 * in front of them.
 */
export function listTokensBy(listed: ListedToken[], filter: StatusFilter, now: number, keep: ReadonlySet<string> = new Set()): TokenListing {
  const counts = Object.fromEntries(STATUS_FILTERS.map((f) => [f, 0])) as Record<StatusFilter, number>;
  const live = filter === "current" || filter === "active" || filter === "expiring";
  const tokens: TokenListItem[] = [];
  for (const { view, createdById } of listed) {
    const renewed = renewedBy(view, createdById);
    const phase = tokenPhase(view, renewed, now);
    for (const f of STATUS_FILTERS) if (inFilter(f, phase)) counts[f]++;
    if (inFilter(filter, phase) || (live && keep.has(view.id))) tokens.push({ ...view, phase, renewedBy: renewed });
  }
  return { filter, tokens, counts };
}
