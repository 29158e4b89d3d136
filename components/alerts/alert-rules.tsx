// The rules that raise alerts, in plain words, from lib/monitor/rules.ts.
import { RULES } from "@/lib/monitor/rules";
import { SeverityBadge } from "./severity-badge";

export function AlertRules() {
  return (
    <section aria-labelledby="alert-rules" className="mt-8 rounded-xl border border-zinc-200 p-4 text-sm dark:border-zinc-800">
      <h2 id="alert-rules" className="font-medium">
        How alerts are raised
      </h2>
      <p className="mt-1 text-zinc-600 dark:text-zinc-400">
        The monitor checks every few seconds. Each rule raises at most one alert an hour for the same token, address or email.
      </p>
      <ul className="mt-3 space-y-2">
        {RULES.map((rule) => (
          <li key={rule.id} className="flex flex-col gap-1 sm:flex-row sm:items-baseline sm:gap-2">
            <span className="shrink-0">
              <SeverityBadge severity={rule.severity} />
            </span>
            <span>
              {rule.statement} <span className="text-zinc-500 dark:text-zinc-400">({rule.id})</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
