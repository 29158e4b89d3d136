"use client";
// Inside a link: a small pulsing dot while the router fetches the page the link goes to (Next's
// useLinkStatus), so that the very thing clicked shows that it was. Always rendered, so that it
// never shifts the layout; it shows only after 100 ms, so a fast navigation does not flash it.
// The top bar (route-progress.tsx) is what assistive technology hears; this one is decoration.
import { useLinkStatus } from "next/link";

export function LinkPendingHint({ className = "" }: { className?: string }) {
  const { pending } = useLinkStatus();
  return (
    <span
      aria-hidden
      data-link-pending={pending ? "" : undefined}
      className={`inline-block size-2 shrink-0 rounded-full bg-current align-middle opacity-0 transition-opacity delay-100 data-link-pending:animate-pulse data-link-pending:opacity-70 motion-reduce:transition-none motion-reduce:data-link-pending:animate-none ${className}`}
    />
  );
}
