// Shown when the person's dashboard is over its rate limit: what was read a moment ago with a
// notice, or, with nothing to show, a plain request to slow down. Never an error page.
export function SlowDown({ retryAfter }: { retryAfter: number }) {
  return (
    <div role="status" className="rounded-xl border border-amber-300 bg-amber-50 p-6 dark:border-amber-800 dark:bg-amber-950" data-testid="slow-down">
      <h2 className="font-semibold text-amber-900 dark:text-amber-100">Too many page loads</h2>
      <p className="mt-1 text-sm text-amber-900 dark:text-amber-200">
        Your dashboard has loaded pages faster than its limit allows in the last minute. Try again in {retryAfter} s.
      </p>
    </div>
  );
}

export function StaleNotice({ retryAfter }: { retryAfter: number }) {
  return (
    <p role="status" className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200" data-testid="stale-notice">
      Too many page loads in the last minute: this shows what was read earlier. Fresh data again in {retryAfter} s.
    </p>
  );
}
