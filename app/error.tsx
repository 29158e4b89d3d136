"use client";
// Unexpected failures: a generic message and the reference id from the server log, nothing else.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-3 px-4 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
      <p className="text-zinc-600 dark:text-zinc-400">The error has been logged. Please try again.</p>
      {error.digest && <p className="font-mono text-xs text-zinc-600 dark:text-zinc-400">Reference: {error.digest}</p>}
      <button type="button" onClick={reset} className="mt-2 rounded-md bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800">
        Try again
      </button>
    </main>
  );
}
