"use client";
// A navigation link that marks the current section with aria-current, with an optional count, and
// a dot while the page it opens is loading.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { LinkPendingHint } from "./route-progress-hint";

type NavLinkProps = {
  href: string;
  children: React.ReactNode;
  /** Current only on this very path, not below it (an index page among its own sections). */
  exact?: boolean;
  /** A count beside the label, with what it counts for screen readers; nothing when zero. */
  count?: { value: number; label: string };
};

export function NavLink({ href, children, exact = false, count }: NavLinkProps) {
  const pathname = usePathname();
  const current = exact ? pathname === href : href === "/" ? pathname === "/" || pathname.startsWith("/devices") : pathname.startsWith(href);
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className="inline-flex shrink-0 items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap text-zinc-700 hover:bg-zinc-200/60 aria-[current=page]:bg-zinc-900 aria-[current=page]:text-white dark:text-zinc-300 dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-zinc-100 dark:aria-[current=page]:text-zinc-900"
    >
      {children}
      <LinkPendingHint />
      {count && count.value > 0 && (
        <span className="rounded-full bg-red-600 px-1.5 text-xs leading-5 font-semibold text-white" data-testid={`nav-count-${href}`}>
          {count.value > 99 ? "99+" : count.value}
          <span className="sr-only"> {count.label}</span>
        </span>
      )}
    </Link>
  );
}
