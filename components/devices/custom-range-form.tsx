"use client";
// The device page's custom chart range. The person types local times; the URL carries them as ISO
// times with the offset, so the server (which cannot know the person's time zone) reads them right.
// A range that cannot be shown is refused here, beside the fields, before anything navigates, so
// the charts on screen stay; one that arrives in a link is refused by the page in the same words.
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { BUTTON, INPUT } from "@/components/ui/styles";
import { customRangeErrors, type RangeErrors } from "@/lib/devices/chart-range";
import { MINUTE_MS } from "@/lib/time";
import { useRangeNavigation } from "./chart-range-transition";

type Props = { from: string; to: string; errors?: RangeErrors; message?: string };

const FIELDS = ["from", "to"] as const;

/** "2026-11-29T10:00" in the browser's zone, as a datetime-local input shows it. */
function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return "";
  return new Date(date.getTime() - date.getTimezoneOffset() * MINUTE_MS).toISOString().slice(0, 16);
}

/** A local time as an ISO time with its offset; what does not parse goes as typed, to be refused. */
function toIso(local: string): string {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}

export function CustomRangeForm({ from, to, errors: fromServer = {}, message }: Props) {
  const pathname = usePathname();
  const { go } = useRangeNavigation();
  const fromInput = useRef<HTMLInputElement>(null);
  const toInput = useRef<HTMLInputElement>(null);
  const [refused, setRefused] = useState<RangeErrors | null>(null);

  // Set after hydration: the server does not know the browser's time zone.
  useEffect(() => {
    if (fromInput.current) fromInput.current.value = toLocalInput(from);
    if (toInput.current) toInput.current.value = toLocalInput(to);
  }, [from, to]);

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const [start, end] = FIELDS.map((name) => String(data.get(name) ?? "").trim()).map((value) => (value ? toIso(value) : ""));
    const errors = start || end ? customRangeErrors(start!, end!) : null;
    setRefused(errors);
    if (errors) {
      (errors.from ? fromInput : toInput).current?.focus();
      return;
    }
    const query = new URLSearchParams();
    if (start) query.set("from", start);
    if (end) query.set("to", end);
    go(query.size ? `${pathname}?${query}` : pathname);
  }

  const errors = refused ?? fromServer;
  return (
    <form onSubmit={submit} method="get" aria-label="Custom range" className="flex flex-wrap items-start gap-3" noValidate>
      {FIELDS.map((name) => (
        <div key={name}>
          <label htmlFor={`range-${name}`} className="text-sm font-medium">
            {name === "from" ? "From" : "To"}
          </label>
          <input
            ref={name === "from" ? fromInput : toInput}
            id={`range-${name}`}
            name={name}
            type="datetime-local"
            aria-invalid={(errors[name]?.length ?? 0) > 0}
            aria-describedby={`range-${name}-error`}
            className={`mt-1 ${INPUT}`}
            suppressHydrationWarning
          />
          <FieldError id={`range-${name}-error`} errors={errors[name]} compact />
        </div>
      ))}
      <div className="pt-6">
        <button type="submit" className={BUTTON.secondary}>
          Show range
        </button>
      </div>
      <div className="basis-full">
        <FormMessage message={refused ? undefined : message} compact />
      </div>
    </form>
  );
}
