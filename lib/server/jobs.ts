// Background work each instance does on a timer: flushing the counters kept in memory, the
// monitor's rules and token hygiene. Every job is safe to run on several instances at once (each
// says how), and one that fails is logged and runs again at its next turn.
import "server-only";
import { logUnexpected } from "@/lib/error-log";

type Job = { name: string; everyMs: number; run: (now: number) => Promise<unknown> };

const JOBS: Job[] = [
  // jobs: one entry each, in the order they were added
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
