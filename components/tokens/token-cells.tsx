// How a token's kind, status and last use read in the table. Colour never carries meaning alone:
// each status and warning is also said in words, and each says it once.
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { TokenListItem } from "@/lib/tokens/listing";
import type { TokenView } from "@/lib/tokens/views";

const KIND_LABEL = { PERSONAL: "Personal", DEVICE: "Device", DASHBOARD: "Dashboard" } as const;

/** Why something other than the owner keeps the token fresh, instead of a warning about its expiry. */
const RENEWAL_NOTE = {
  gatehouse: "Rotated automatically before it expires",
  script: "Renewed by its script",
} as const;

const ABSOLUTE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

export function KindCell({ token }: { token: TokenView }) {
  return (
    <>
      {KIND_LABEL[token.kind]}
      {token.deviceName && <span className="block text-xs text-zinc-600 dark:text-zinc-400">{token.deviceName}</span>}
    </>
  );
}

/** A moment to plan around ("3 Dec, 14:05 UTC"): a grace period's end is hours away, where "in 1 hr" says too little. */
function Moment({ time }: { time: Date }) {
  return <time dateTime={time.toISOString()}>{ABSOLUTE.format(time)} UTC</time>;
}

/** When an expired token stopped working: its expiry, or the end of its grace after a rotation. */
export function endedAt(token: Pick<TokenView, "expiresAt" | "graceEndsAt">): Date {
  return token.graceEndsAt && token.graceEndsAt < token.expiresAt ? token.graceEndsAt : token.expiresAt;
}

/**
 * "Active · Expires in 3 mo.", "Valid until 3 Dec, 14:05 UTC (rotated)", "Expired 2 days ago",
 * "Revoked 5 min ago": the badge is the status word, the text after it the when.
 */
export function StatusCell({ token }: { token: TokenListItem }) {
  switch (token.status) {
    case "active":
      return (
        <span data-status="active">
          <Badge tone="green">Active</Badge> <span className="whitespace-nowrap">Expires <RelativeTime time={token.expiresAt} /></span>
          {token.phase === "expiring" && (
            <span className="font-medium text-amber-800 dark:text-amber-300" data-expiry="soon">
              {" "}
              <Badge tone="amber">soon</Badge>
            </span>
          )}
          {token.renewedBy && <span className="block text-xs text-zinc-600 dark:text-zinc-400" data-renewal={token.renewedBy}>{RENEWAL_NOTE[token.renewedBy]}</span>}
        </span>
      );
    case "grace":
      return (
        <span data-status="grace">
          <Badge tone="amber">Grace</Badge> Valid until <Moment time={endedAt(token)} /> (rotated)
        </span>
      );
    case "expired":
      return (
        <span data-status="expired">
          <Badge tone="zinc">Expired</Badge> <RelativeTime time={endedAt(token)} />
        </span>
      );
    case "revoked":
      return (
        <span data-status="revoked">
          <Badge tone="red">Revoked</Badge> <RelativeTime time={token.revokedAt} />
          {/* "revoked" is the status already said; any other reason (idle, role changed) adds to it. */}
          {token.revokedReason && token.revokedReason !== "revoked" && (
            <span className="block text-xs text-zinc-600 dark:text-zinc-400">Reason: {token.revokedReason}</span>
          )}
        </span>
      );
  }
}

/** When and where a token was last used; where the address is unknown, why. */
export function LastUsedCell({ token, missingAddress }: { token: TokenView; missingAddress: string }) {
  return (
    <>
      <RelativeTime time={token.lastUsedAt} />
      {token.lastUsedIp ? (
        <span className="block font-mono text-xs break-all text-zinc-600 dark:text-zinc-400">from {token.lastUsedIp}</span>
      ) : (
        token.lastUsedAt && <span className="block text-xs text-zinc-600 dark:text-zinc-400">{missingAddress}</span>
      )}
    </>
  );
}
