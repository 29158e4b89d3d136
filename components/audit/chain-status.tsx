// The audit chain's state, at the top of the audit page: intact (with its head), or where it breaks.
import type { ChainStatus } from "@/lib/audit/verify";

export function ChainStatusBanner({ status }: { status: ChainStatus }) {
  if (status.ok) {
    return (
      <p role="status" data-testid="chain-status" className="mb-4 rounded-lg border border-emerald-300 bg-emerald-50 px-4 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100">
        <strong className="font-medium">Chain intact:</strong> {status.records.toLocaleString("en")} {status.records === 1 ? "record" : "records"}
        {status.head && (
          <>
            , head <code className="font-mono" title={status.head}>{status.head.slice(0, 8)}…</code>
          </>
        )}
      </p>
    );
  }
  return (
    <p role="alert" data-testid="chain-status" className="mb-4 rounded-lg border border-red-300 bg-red-50 px-4 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
      <strong className="font-medium">Chain broken at record #{status.firstBroken.id}:</strong> {status.firstBroken.reason}. Records from it on
      cannot be trusted; run <code className="font-mono">npm run audit:verify</code> and restore from a verified copy.
    </p>
  );
}

export function ChainStatusPending() {
  return (
    <p role="status" data-testid="chain-status" className="mb-4 rounded-lg border border-zinc-200 px-4 py-2 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
      Checking the chain…
    </p>
  );
}
