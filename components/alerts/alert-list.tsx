// A page of alerts as cards (they stack on a phone, so nothing scrolls sideways): severity, title,
// what it is about, when, the rule's figures, and who acknowledged it or the button to do so.
import Link from "next/link";
import type { FormState } from "@/lib/form-state";
import type { AlertView } from "@/lib/monitor/alerts";
import { RelativeTime } from "@/components/ui/relative-time";
import type { ServerAction } from "@/components/ui/use-form-action";
import { AcknowledgeForm } from "./acknowledge-form";
import { SeverityBadge } from "./severity-badge";

/** The detail members worth showing, in this order, with their labels; the rest (ids) are left out. */
const DETAIL_LABELS: [key: string, label: string][] = [
  ["reason", "Reason"],
  ["count", "Count"],
  ["requests", "Requests"],
  ["mean", "7-day mean"],
  ["sigma", "σ"],
  ["threshold", "Threshold"],
  ["network", "Network"],
  ["previousLastSeen", "Last seen there"],
  ["address", "Address"],
  ["route", "Route"],
  ["minute", "Minute"],
  ["windowEnd", "Window ends"],
];

const SUBJECT_LABELS: Record<string, string> = { token: "Token", address: "Address", email: "Email" };

function Subject({ type, id }: { type: string; id: string }) {
  const label = SUBJECT_LABELS[type] ?? type;
  if (type === "token") {
    return (
      <Link href={`/tokens/${encodeURIComponent(id)}`} className="break-all text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
        {label} {id}
      </Link>
    );
  }
  return (
    <span className="break-all">
      {label} <code>{id === "unknown" ? "unknown (no trusted proxy)" : id}</code>
    </span>
  );
}

function shown(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

type Props = { alerts: AlertView[]; acknowledge: ServerAction<FormState> };

export function AlertList({ alerts, acknowledge }: Props) {
  return (
    <ul className="space-y-3" data-testid="alert-list">
      {alerts.map((alert) => {
        const figures = DETAIL_LABELS.flatMap(([key, label]) => {
          const value = shown(alert.detail[key]);
          return value === null ? [] : [[label, value] as const];
        });
        return (
          <li key={alert.id} className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900" data-testid="alert">
            <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
              <div className="min-w-0 space-y-1">
                <div className="flex flex-wrap items-center gap-2">
                  <SeverityBadge severity={alert.severity} />
                  <h2 className="font-medium break-words">{alert.title}</h2>
                </div>
                <p className="text-sm text-zinc-700 dark:text-zinc-300">
                  <Subject type={alert.subjectType} id={alert.subjectId} /> · <RelativeTime time={alert.createdAt} /> ·{" "}
                  <span className="text-zinc-500 dark:text-zinc-400">{alert.rule}</span>
                </p>
                {figures.length > 0 && (
                  <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
                    {figures.map(([label, value]) => (
                      <div key={label} className="flex min-w-0 gap-1">
                        <dt>{label}:</dt>
                        <dd className="break-all">{value}</dd>
                      </div>
                    ))}
                  </dl>
                )}
              </div>
              <div className="shrink-0 text-sm">
                {alert.acknowledgedAt ? (
                  <p className="text-zinc-600 dark:text-zinc-400">
                    Acknowledged by {alert.acknowledgedBy} <RelativeTime time={alert.acknowledgedAt} />
                  </p>
                ) : (
                  <AcknowledgeForm action={acknowledge} alertId={alert.id} title={alert.title} />
                )}
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
