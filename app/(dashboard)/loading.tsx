// What a dashboard page shows while the server starts on it; the homepage's sections then stream
// in behind skeletons of their own shape.
export default function Loading() {
  return (
    <div role="status" aria-label="Loading" className="animate-pulse">
      <div className="mb-6 h-14 w-64 rounded-xl bg-zinc-100 dark:bg-zinc-900" />
      <div className="h-64 rounded-xl bg-zinc-100 dark:bg-zinc-900" />
    </div>
  );
}
