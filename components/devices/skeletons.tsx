// Placeholders in the shape of the homepage's sections, shown while their data streams in.
const block = "animate-pulse rounded-xl border border-zinc-200 bg-zinc-100 dark:border-zinc-800 dark:bg-zinc-900";

export function FleetSkeleton() {
  return (
    <div className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-5" aria-hidden="true" data-testid="fleet-skeleton">
      {Array.from({ length: 5 }, (_, i) => (
        <div key={i} className={`${block} h-[76px]`} />
      ))}
    </div>
  );
}

export function TilesSkeleton({ count = 8 }: { count?: number }) {
  return (
    <div role="status" aria-label="Loading devices" data-testid="tiles-skeleton">
      <div className={`${block} mb-4 h-16`} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
        {Array.from({ length: count }, (_, i) => (
          <div key={i} className={`${block} h-56`} />
        ))}
      </div>
    </div>
  );
}

export function ChartsSkeleton({ count }: { count: number }) {
  return (
    <div role="status" aria-label="Loading charts" data-testid="charts-skeleton">
      <div className={`${block} mb-4 h-10 w-72`} />
      <div className="grid gap-4 lg:grid-cols-2">
        {Array.from({ length: Math.max(1, count) }, (_, i) => (
          <div key={i} className={`${block} h-72`} />
        ))}
      </div>
    </div>
  );
}
