// Background work each instance does on a timer: flushing the counters kept in memory, the
// monitor's rules and token hygiene. Every job is safe to run on several instances at once (each
// says how), and one that fails is logged and runs again at its next turn.
import "server-only";
import { flushAuditSummaries } from "@/lib/audit/summary";
import { logUnexpected } from "@/lib/error-log";
import { flushRateLimits } from "@/lib/rate-limit";
import { runHygiene } from "@/lib/monitor/hygiene";
import { runMonitor } from "@/lib/monitor/monitor";
import { deliverAlerts } from "@/lib/monitor/webhook";
import { flushUsage } from "@/lib/usage/counter";

type Job = { name: string; everyMs: number; run: (now: number) => Promise<unknown> };

const JOBS: Job[] = [
  // jobs: one entry each, in the order they were added
  { name: "audit-summaries", everyMs: 5_000, run: flushAuditSummaries },
  // Shares this instance's rate-limit counts and reads the others' back (requests also start it).
  { name: "rate-limits", everyMs: 1_000, run: flushRateLimits },
  // Each instance writes its own counts; the upsert adds them, so two instances never overwrite each other.
  { name: "usage-flush", everyMs: 5_000, run: flushUsage },
  // Once-only by conditional updates and notifications' unique keys (lib/monitor/hygiene.ts).
  { name: "hygiene", everyMs: 60_000, run: runHygiene },
  // Alerts are keyed (one per rule, subject and hour), the audit cursor moves only from where it was read, and a minute's volume check is claimed once.
  { name: "monitor", everyMs: 10_000, run: runMonitor },
  // Each attempt is claimed by a conditional update before it is sent: at least once, never twice at once.
  { name: "alert-webhook", everyMs: 10_000, run: (now) => deliverAlerts(now) },
];

const started = globalThis as unknown as { gatehouseJobs?: boolean };

/** Starts every job's timer once per process; the timers never keep a process alive. */
export function startJobs(jobs: Job[] = JOBS): void {
  if (started.gatehouseJobs) return;
  started.gatehouseJobs = true;
  for (const job of jobs) {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      job
        .run(Date.now())
        .catch((error: unknown) => logUnexpected(`background job ${job.name}`, error))
        .finally(() => (running = false));
    }, job.everyMs);
    timer.unref();
  }
}
