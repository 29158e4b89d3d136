// Whether a device has reported yet. While it has not, the page refreshes itself live (the
// dashboard's own mechanism) so that it turns to "connected" as its first reading arrives.
import Link from "next/link";
import { LiveUpdates } from "@/components/layout/live-updates";

type Props = { firstReadingAt: string | null; renderedAt: number; everyMs: number; devicePath: string; enabled: boolean };

const TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

export function ConnectStatus({ firstReadingAt, renderedAt, everyMs, devicePath, enabled }: Props) {
  if (firstReadingAt) {
    return (
      <section
        aria-label="Connection status"
        data-testid="connect-status"
        data-state="connected"
        className="rounded-xl border border-emerald-300 bg-emerald-50 p-4 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100"
      >
        <p role="status" className="flex items-center gap-2 font-medium">
          <span aria-hidden="true" className="size-2.5 rounded-full bg-emerald-600" />
          <span>
            Connected — first reading at <time dateTime={firstReadingAt}>{TIME.format(new Date(firstReadingAt))} UTC</time>
          </span>
        </p>
        <p className="mt-1 text-sm">
          <Link href={devicePath} className="underline">
            See its readings
          </Link>
        </p>
      </section>
    );
  }
  return (
    <section
      aria-label="Connection status"
      data-testid="connect-status"
      data-state="waiting"
      className="rounded-xl border border-zinc-300 bg-zinc-50 p-4 dark:border-zinc-700 dark:bg-zinc-900"
    >
      <p role="status" className="flex items-center gap-2 font-medium">
        <span aria-hidden="true" className="size-2.5 animate-pulse rounded-full bg-amber-500 motion-reduce:animate-none" />
        <span>Waiting for the first reading…</span>
      </p>
      {!enabled && (
        <p className="mt-1 text-sm text-red-800 dark:text-red-300">This device is disabled: its readings are refused until it is enabled on its page.</p>
      )}
      <div className="mt-2">
        <LiveUpdates renderedAt={renderedAt} everyMs={everyMs} />
      </div>
    </section>
  );
}
