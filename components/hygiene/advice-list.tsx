// The advisor's findings, one token a row, each with its remedy: narrow to the scopes used, or
// revoke a token that used none. A token younger than the window is only described.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { ServerAction } from "@/components/ui/use-form-action";
import type { FormState } from "@/lib/form-state";
import type { Advice } from "@/lib/monitor/advisor";
import { NarrowForm } from "./narrow-form";
import { RevokeUnusedForm } from "./revoke-unused-form";

type Props = {
  advice: Advice[];
  /** On the admin home: name each token's owner, with a link to their tokens. */
  showOwner?: boolean;
  narrowAction: ServerAction<FormState>;
  revokeAction: ServerAction<FormState>;
};

const KIND = { PERSONAL: "Personal", DEVICE: "Device", DASHBOARD: "Dashboard" } as const;

const code = (scopes: string[]) => scopes.map((scope) => <code key={scope} className="mr-1 rounded bg-zinc-100 px-1 text-xs dark:bg-zinc-800">{scope}</code>);

export function AdviceList({ advice, showOwner, narrowAction, revokeAction }: Props) {
  return (
    <ul className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
      {advice.map((item) => (
        <li key={item.tokenId} className="flex flex-wrap items-start justify-between gap-3 px-4 py-3 text-sm">
          <div className="min-w-0 flex-1 basis-64">
            <p className="font-medium break-words">
              {item.name} <span className="font-normal text-zinc-600 dark:text-zinc-400">· {KIND[item.kind]}</span>
              {showOwner && (
                <>
                  {" · "}
                  <Link href={`/admin/users/${item.userId}/tokens`} prefetch={false} className="font-normal text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
                    {item.ownerName}
                  </Link>
                </>
              )}
            </p>
            {item.verdict === "too_new" ? (
              <p className="mt-1 text-zinc-600 dark:text-zinc-400">
                <Badge>too new to judge</Badge> Issued <RelativeTime time={item.createdAt} />; not used yet: {code(item.unused)}
              </p>
            ) : (
              <p className="mt-1">
                Unused in 30 days: {code(item.unused)}
                {item.used.length > 0 ? <> Used: {code(item.used)}</> : <> No scope used at all.</>}
              </p>
            )}
          </div>
          {item.verdict === "narrow" && (
            <NarrowForm action={narrowAction} tokenId={item.tokenId} tokenName={item.name} keep={item.used} drop={item.unused} />
          )}
          {item.verdict === "revoke" && <RevokeUnusedForm action={revokeAction} tokenId={item.tokenId} tokenName={item.name} />}
        </li>
      ))}
    </ul>
  );
}
