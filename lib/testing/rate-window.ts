// The rate limiter's fixed one-minute windows (lib/rate-limit.ts), for tests that count requests
// against a limit: a run that crosses into the next window gets a fresh limit there. Free of the
// app's modules, so that the e2e specs can use it too.
import { MINUTE_MS, SECOND_MS } from "@/lib/time";

export const WINDOW_MS = MINUTE_MS;

/** The start of the current rate-limit window, as lib/rate-limit.ts computes it. */
export function currentWindow(now = Date.now()): number {
  return Math.floor(now / WINDOW_MS) * WINDOW_MS;
}

/** Waits for the next window when fewer than `headroomMs` remain, so a test stays within one window. */
export async function withinOneWindow(headroomMs = 5 * SECOND_MS): Promise<number> {
  const left = currentWindow() + WINDOW_MS - Date.now();
  if (left < headroomMs) await new Promise((resolve) => setTimeout(resolve, left + 20));
  return currentWindow();
}
