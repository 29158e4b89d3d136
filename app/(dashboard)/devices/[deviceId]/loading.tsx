// What a device page shows while the server starts on it.
import { ChartsSkeleton } from "@/components/devices/skeletons";

export default function Loading() {
  return (
    <>
      <div className="mb-6 h-14 w-64 animate-pulse rounded-xl bg-zinc-100 dark:bg-zinc-900" aria-hidden="true" />
      <ChartsSkeleton count={3} />
    </>
  );
}
