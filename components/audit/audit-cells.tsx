// The parts of one audit record, shared by the table (wide screens) and the cards (phones).
import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { AuditItem } from "@/lib/audit/query";

const OUTCOME_TONES: Record<string, BadgeTone> = { success: "green", failure: "amber", denied: "red" };

const link = "text-sky-700 underline-offset-2 hover:underline dark:text-sky-400";

export function TimeCell({ at }: { at: string }) {
  return (
    <span className="flex flex-col">
      <time dateTime={at} className="whitespace-nowrap tabular-nums">{at.replace("T", " ").slice(0, 19)} UTC</time>
      <span className="text-xs text-zinc-600 dark:text-zinc-400"><RelativeTime time={at} /></span>
    </span>
  );
}

/** Who: the person's email (or id), "system" or "anonymous", and the token they used, linked. */
export function ActorCell({ item }: { item: AuditItem }) {
  const who = item.actorType === "system" || item.actorType === "anonymous" ? item.actorType : (item.actorEmail ?? item.actorId ?? "unknown");
  return (
    <span className="flex min-w-0 flex-col">
      <span className={`[overflow-wrap:anywhere] ${item.actorEmail ? "" : "text-zinc-600 dark:text-zinc-400"}`}>{who}</span>
      {item.tokenId && (
        <span className="text-xs">
          token{" "}
          <Link href={`/tokens/${encodeURIComponent(item.tokenId)}`} prefetch={false} className={`${link} break-all font-mono`}>
            {item.tokenId}
          </Link>
        </span>
      )}
    </span>
  );
}

export function TargetCell({ item }: { item: AuditItem }) {
  if (!item.targetType && !item.targetId) return <span className="text-zinc-600 dark:text-zinc-400">—</span>;
  return (
    <span className="flex min-w-0 flex-col">
      {item.targetType && <span className="text-xs text-zinc-600 dark:text-zinc-400">{item.targetType}</span>}
      {item.targetId && <span className="break-all font-mono text-xs">{item.targetId}</span>}
    </span>
  );
}

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return <Badge tone={OUTCOME_TONES[outcome] ?? "zinc"}>{outcome}</Badge>;
}

/** A client's user agent is long and theirs to choose: one line, the rest in its tooltip. */
export function AgentCell({ userAgent }: { userAgent: string | null }) {
  if (!userAgent) return <span className="text-zinc-600 dark:text-zinc-400">—</span>;
  return (
    <span title={userAgent} className="block max-w-56 truncate">
      {userAgent}
    </span>
  );
}

/** The detail and the record's hash, folded away. */
export function DetailCell({ item }: { item: AuditItem }) {
  const hasDetail = Object.keys(item.detail).length > 0;
  return (
    <details className="min-w-0">
      <summary className={`cursor-pointer ${link}`}>{hasDetail ? "Details" : "Record"}</summary>
      {hasDetail && <pre className="mt-1 max-w-full whitespace-pre-wrap break-all rounded bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-800">{JSON.stringify(item.detail, null, 2)}</pre>}
      <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
        #{item.id}, hash <code className="break-all font-mono">{item.hash ?? "none (written before the chain)"}</code>
      </p>
    </details>
  );
}
