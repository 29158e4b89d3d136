"use client";
// A change of chart range as a transition: the charts on screen stay, dimmed and marked busy, until
// the new range's data has arrived, instead of giving way to a skeleton (or freezing with no sign).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { createContext, useContext, useTransition } from "react";
import { announceNavigation } from "@/components/layout/route-progress";

type RangeNavigation = { pending: boolean; go: (href: string) => void };

const Navigation = createContext<RangeNavigation>({ pending: false, go: () => {} });

export function useRangeNavigation(): RangeNavigation {
  return useContext(Navigation);
}

export function ChartRangeTransition({ children }: { children: React.ReactNode }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // Where the person is on the page stays: only the charts change. Announced, so that the top bar
  // shows and the live refresh holds off (navigationPending): a refresh every few seconds while a slow
  // range loads would start the load over each time, and the new range would never arrive.
  const go = (href: string) => {
    announceNavigation(href);
    startTransition(() => router.push(href, { scroll: false }));
  };
  return <Navigation value={{ pending, go }}>{children}</Navigation>;
}

/** "Loading…" while a new range loads; kept outside the busy region, whose changes a screen reader holds back. */
export function ChartsStatus() {
  const { pending } = useRangeNavigation();
  return (
    <p role="status" className="text-sm font-medium text-sky-800 dark:text-sky-300" data-testid="charts-status">
      {pending ? "Loading…" : ""}
    </p>
  );
}

/** The charts, dimmed and busy while a new range loads. */
export function ChartsBusy({ children }: { children: React.ReactNode }) {
  const { pending } = useRangeNavigation();
  return (
    <div aria-busy={pending} data-testid="charts-body" className={`transition-opacity ${pending ? "pointer-events-none opacity-50" : ""}`}>
      {children}
    </div>
  );
}

/** A range link: a real link without JavaScript or with a modifier key, a transition otherwise. */
export function RangeLink({ href, current, children }: { href: string; current: boolean; children: React.ReactNode }) {
  const { go } = useRangeNavigation();
  return (
    <Link
      href={href}
      scroll={false}
      aria-current={current ? "page" : undefined}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        go(href);
      }}
      className="block rounded-md px-3 py-1 text-sm font-medium text-zinc-700 hover:bg-zinc-100 aria-[current=page]:bg-sky-700 aria-[current=page]:text-white dark:text-zinc-300 dark:hover:bg-zinc-800"
    >
      {children}
    </Link>
  );
}
