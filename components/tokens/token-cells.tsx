// How a token's kind, expiry and status read in the table. Colour never carries meaning alone:
// each warning also says it in words.
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { TokenView } from "@/lib/tokens/views";
import { DAY_MS } from "@/lib/time";

/** Under this, an expiry is shown as a warning, so that a rotation can be planned. */
const EXPIRY_WARNING_DAYS = 14;

const KIND_LABEL = { PERSONAL: "Personal", DEVICE: "Device", DASHBOARD: "Dashboard" } as const;

export function KindCell({ token }: { token: TokenView }) {
  return (
    <>
      {KIND_LABEL[token.kind]}
      {token.deviceName && <span className="block text-xs text-zinc-600 dark:text-zinc-400">{token.deviceName}</span>}
    </>
  );
}

export function expiryState(expiresAt: Date, now = Date.now()): "expired" | "soon" | "ok" {
  const left = expiresAt.getTime() - now;
  if (left <= 0) return "expired";
  return left < EXPIRY_WARNING_DAYS * DAY_MS ? "soon" : "ok";
}

export function ExpiryCell({ token }: { token: TokenView }) {
  const state = expiryState(token.expiresAt);
  // A revoked token's expiry no longer matters: no warning for it.
  if (state === "expired" || token.status === "revoked") {
    return (
      <span className={state === "expired" ? "text-zinc-500 line-through dark:text-zinc-400" : "text-zinc-600 dark:text-zinc-400"}>
        <RelativeTime time={token.expiresAt} />
        {state === "expired" && <span className="sr-only"> (expired)</span>}
      </span>
    );
  }
  if (state === "soon") {
    return (
      <span className="font-medium text-amber-800 dark:text-amber-300" data-expiry="soon">
        <RelativeTime time={token.expiresAt} /> <Badge tone="amber">soon</Badge>
      </span>
    );
  }
  return <RelativeTime time={token.expiresAt} />;
}

export function LastUsedCell({ token }: { token: TokenView }) {
  return (
    <>
      <RelativeTime time={token.lastUsedAt} />
      {token.lastUsedIp && <span className="block font-mono text-xs text-zinc-600 dark:text-zinc-400">{token.lastUsedIp}</span>}
    </>
  );
}

export function StatusCell({ token }: { token: TokenView }) {
  switch (token.status) {
    case "active":
      return <Badge tone="green">Active</Badge>;
    case "grace":
      return (
        <span className="text-xs">
          <Badge tone="amber">Grace</Badge> <span className="whitespace-nowrap">until <RelativeTime time={token.graceEndsAt} /></span>
        </span>
      );
    case "expired":
      return <Badge tone="zinc">Expired</Badge>;
    case "revoked":
      return (
        <span className="text-xs">
          <Badge tone="red">Revoked</Badge>
          {token.revokedReason && <span className="block text-zinc-600 dark:text-zinc-400">{token.revokedReason}</span>}
        </span>
      );
  }
}
