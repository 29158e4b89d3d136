"use client";
// A filter form that applies as it changes: a choice at once, typing once it pauses, by replacing
// the URL's query (so the view can be shared and reloaded, and typing adds no history entries for
// the back button to step through). Without JavaScript it is a plain GET form with its button.
// Its fields are uncontrolled, so a page arriving with the query just sent never overwrites what
// was typed since; a query from elsewhere (a "Clear filters" link, back or forward) remounts them
// with the values the page now shows.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Fragment, useEffect, useRef, useState, useTransition, type ReactNode } from "react";
import { announceNavigation } from "@/components/layout/route-progress";

/** How long typing must pause before the search runs. */
export const TYPING_PAUSE_MS = 300;
/** How many queries still on their way this form remembers as its own (each pause in typing sends one). */
const REMEMBERED = 50;

type Props = {
  /** The form's accessible name (it is a search landmark). */
  label: string;
  /** Values left out of the URL, where they are the page's default ("all", the default sort). */
  defaults?: Record<string, string>;
  className?: string;
  children: ReactNode;
};

/** The form's fields as a query string: empty and default values left out. */
function queryOf(form: HTMLFormElement, defaults: Record<string, string>): string {
  const query = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (typeof value === "string" && value !== "" && defaults[name] !== value) query.append(name, value);
  }
  return query.toString();
}

export function LiveFilterForm({ label, defaults = {}, className, children }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const form = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [pending, startTransition] = useTransition();
  const [sent, setSent] = useState<string[]>([]);
  // The timer's apply() may come from an earlier render: it reads what was sent through this.
  const sentNow = useRef(sent);
  useEffect(() => {
    sentNow.current = sent;
  }, [sent]);
  const [generation, setGeneration] = useState(0);
  const [seen, setSeen] = useState(search);
  if (seen !== search) {
    setSeen(search);
    const ours = sent.includes(search);
    if (!ours) setGeneration((n) => n + 1);
    // Caught up with the last query sent (or overtaken from elsewhere): a later arrival of any
    // earlier query, by a link or back and forward, is not this form's own.
    if (!ours || sent.at(-1) === search) setSent([]);
  }

  useEffect(() => () => clearTimeout(timer.current), []);

  function apply() {
    clearTimeout(timer.current);
    if (!form.current) return;
    const query = queryOf(form.current, defaults);
    // Against the last query sent, not the URL: the URL changes only once a replace lands, so "a",
    // then back to "" before "a" arrived, must still send "".
    const last = sentNow.current.at(-1) ?? new URLSearchParams(window.location.search).toString();
    if (query === last) return;
    const href = query ? `${pathname}?${query}` : pathname;
    sentNow.current = [...sentNow.current.slice(1 - REMEMBERED), query];
    setSent(sentNow.current);
    announceNavigation(href);
    startTransition(() => router.replace(href, { scroll: false }));
  }

  return (
    <form
      ref={form}
      role="search"
      aria-label={label}
      method="get"
      action={pathname}
      aria-busy={pending}
      data-pending={pending ? "" : undefined}
      className={className}
      onChange={(event) => {
        clearTimeout(timer.current);
        // A choice from a list is final; typed text waits for a pause.
        timer.current = setTimeout(apply, event.target instanceof HTMLSelectElement ? 0 : TYPING_PAUSE_MS);
      }}
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
    >
      <Fragment key={generation}>{children}</Fragment>
    </form>
  );
}
