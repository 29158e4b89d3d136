// A page of audit records: a table on wider screens, and stacked cards on a phone so that nothing
// scrolls sideways. Only one of the two is displayed (the other is display:none, so it is also out
// of the accessibility tree).
import Link from "next/link";
import type { AuditItem } from "@/lib/audit/query";
import { ActorCell, AgentCell, DetailCell, OutcomeBadge, TargetCell, TimeCell } from "./audit-cells";

const COLUMNS = ["Time", "Actor", "Action", "Target", "Outcome", "IP", "User agent", "Details"];

export function AuditRecords({ items }: { items: AuditItem[] }) {
  if (items.length === 0) {
    return (
      <p data-testid="no-records" className="rounded-xl border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
        No records match this filter.{" "}
        <Link href="/admin/audit" className="font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
          Clear filters
        </Link>
      </p>
    );
  }
  return (
    <>
      <div role="region" aria-label="Audit records" tabIndex={0} className="relative hidden overflow-x-auto rounded-xl border border-zinc-200 bg-white md:block dark:border-zinc-800 dark:bg-zinc-900">
        <table className="w-full min-w-[64rem] text-left text-sm">
          <caption className="sr-only">Audit records, newest first</caption>
          <thead className="text-zinc-600 dark:text-zinc-400">
            <tr>
              {COLUMNS.map((column) => (
                <th key={column} scope="col" className="px-3 py-2 font-medium">{column}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} data-record-id={item.id} className="border-t border-zinc-100 align-top dark:border-zinc-800">
                <td className="px-3 py-2"><TimeCell at={item.at} /></td>
                <td className="max-w-64 px-3 py-2"><ActorCell item={item} /></td>
                <th scope="row" className="px-3 py-2 font-mono text-xs font-medium">{item.action}</th>
                <td className="max-w-56 px-3 py-2"><TargetCell item={item} /></td>
                <td className="px-3 py-2"><OutcomeBadge outcome={item.outcome} /></td>
                <td className="px-3 py-2 font-mono text-xs">{item.ip ?? "—"}</td>
                <td className="px-3 py-2"><AgentCell userAgent={item.userAgent} /></td>
                <td className="max-w-80 px-3 py-2"><DetailCell item={item} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ol aria-label="Audit records" className="space-y-3 md:hidden">
        {items.map((item) => (
          <li key={item.id} data-record-id={item.id} className="min-w-0 rounded-xl border border-zinc-200 bg-white p-3 text-sm dark:border-zinc-800 dark:bg-zinc-900">
            <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
              <span className="break-all font-mono text-xs font-medium">{item.action}</span>
              <OutcomeBadge outcome={item.outcome} />
            </div>
            <dl className="grid grid-cols-[5.5rem_minmax(0,1fr)] gap-x-2 gap-y-1">
              <dt className="text-zinc-600 dark:text-zinc-400">Time</dt>
              <dd><TimeCell at={item.at} /></dd>
              <dt className="text-zinc-600 dark:text-zinc-400">Actor</dt>
              <dd className="min-w-0"><ActorCell item={item} /></dd>
              <dt className="text-zinc-600 dark:text-zinc-400">Target</dt>
              <dd className="min-w-0"><TargetCell item={item} /></dd>
              <dt className="text-zinc-600 dark:text-zinc-400">IP</dt>
              <dd className="break-all font-mono text-xs">{item.ip ?? "—"}</dd>
              <dt className="text-zinc-600 dark:text-zinc-400">User agent</dt>
              <dd className="min-w-0"><AgentCell userAgent={item.userAgent} /></dd>
            </dl>
            <div className="mt-2"><DetailCell item={item} /></div>
          </li>
        ))}
      </ol>
    </>
  );
}
