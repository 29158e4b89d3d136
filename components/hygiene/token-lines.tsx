// A short list of tokens for the admin home: name, kind, owner (linking to their tokens) and one
// time (its expiry, or its last use), with how many more there are beyond the list.
import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import type { TokenLine } from "@/lib/monitor/posture";

type Props = { tokens: TokenLine[]; count: number; time: "expires" | "last used"; empty: string };

const KIND = { PERSONAL: "Personal", DEVICE: "Device", DASHBOARD: "Dashboard" } as const;

export function TokenLines({ tokens, count, time, empty }: Props) {
  if (tokens.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">{empty}</p>;
  return (
    <>
      <ul className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white text-sm dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
        {tokens.map((token) => (
          <li key={token.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-4 py-2">
            <span className="min-w-0 break-words">
              <span className="font-medium">{token.name}</span>{" "}
              <span className="text-zinc-600 dark:text-zinc-400">· {KIND[token.kind]} · </span>
              <Link href={`/admin/users/${token.userId}/tokens`} prefetch={false} className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
                {token.ownerName}
              </Link>
            </span>
            <span className="text-zinc-600 dark:text-zinc-400">
              {time} <RelativeTime time={time === "expires" ? token.expiresAt : token.lastUsedAt} fallback="never" />
            </span>
          </li>
        ))}
      </ul>
      {count > tokens.length && <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">and {count - tokens.length} more</p>}
    </>
  );
}
