"use client";
// Keeps a server-rendered page live: refreshes its server components every few seconds while the
// tab is in view (a transition, so nothing flickers and no state is lost), stops while the tab is
// hidden or the person pauses it, and says how old the data on screen is.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { SECOND_MS } from "@/lib/time";
import { navigationPending } from "./route-progress";

type Props = {
  /** When the server rendered the data on screen (ms since the epoch). */
  renderedAt: number;
  everyMs: number;
};

export function LiveUpdates({ renderedAt, everyMs }: Props) {
  const router = useRouter();
  const [now, setNow] = useState(renderedAt);
  const [paused, setPaused] = useState(false);
  const [refreshing, startTransition] = useTransition();
  const latest = useRef(renderedAt);

  useEffect(() => {
    latest.current = renderedAt;
  }, [renderedAt]);

  useEffect(() => {
    if (paused) return;
    const refreshIfStale = () => {
      // Not while another page loads: the refresh would send the router to fetch it again (route-progress.tsx).
      if (document.visibilityState !== "visible" || navigationPending()) return;
      setNow(Date.now());
      // A refresh that failed leaves the data stale, so the next tick simply tries again.
      if (Date.now() - latest.current >= everyMs) startTransition(() => router.refresh());
    };
    refreshIfStale();
    const timer = setInterval(refreshIfStale, SECOND_MS);
    document.addEventListener("visibilitychange", refreshIfStale);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", refreshIfStale);
    };
  }, [paused, everyMs, router]);

  const age = Math.max(0, Math.round((now - renderedAt) / SECOND_MS));
  return (
    <div className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400" data-testid="live-updates">
      <span aria-hidden="true" className={`size-2 rounded-full ${paused ? "bg-zinc-400" : "bg-emerald-500"} ${refreshing ? "animate-pulse" : ""}`} />
      <span>
        {paused ? "Paused · " : ""}Updated <time dateTime={new Date(renderedAt).toISOString()}>{age < 2 ? "just now" : `${formatAge(age)} ago`}</time>
      </span>
      <button
        type="button"
        onClick={() => setPaused(!paused)}
        className="rounded-md border border-zinc-300 px-2 py-0.5 text-xs font-medium text-zinc-800 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-800"
      >
        {paused ? "Resume" : "Pause"} live updates
      </button>
    </div>
  );
}

function formatAge(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h`;
}
