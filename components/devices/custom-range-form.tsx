"use client";
// The device page's custom chart range. The person types local times; the URL carries them as ISO
// times with the offset, so the server (which cannot know the person's time zone) reads them right.
// What the device API refuses comes back as `errors` and shows beside the fields.
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { BUTTON, INPUT } from "@/components/ui/styles";
import { MINUTE_MS } from "@/lib/time";

type Props = { from: string; to: string; errors?: Record<string, string[]>; message?: string };

/** "2026-11-29T10:00" in the browser's zone, as a datetime-local input shows it. */
function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return "";
  return new Date(date.getTime() - date.getTimezoneOffset() * MINUTE_MS).toISOString().slice(0, 16);
}

/** A local time as an ISO time with its offset; what does not parse goes as typed, for the API to refuse. */
function toIso(local: string): string {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}

export function CustomRangeForm({ from, to, errors = {}, message }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const fromInput = useRef<HTMLInputElement>(null);
  const toInput = useRef<HTMLInputElement>(null);

  // Set after hydration: the server does not know the browser's time zone.
  useEffect(() => {
    if (fromInput.current) fromInput.current.value = toLocalInput(from);
    if (toInput.current) toInput.current.value = toLocalInput(to);
  }, [from, to]);

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const query = new URLSearchParams();
    for (const name of ["from", "to"] as const) {
      const value = String(data.get(name) ?? "").trim();
      if (value) query.set(name, toIso(value));
    }
    router.push(query.size ? `${pathname}?${query}` : pathname);
  }

  const fieldErrors = { from: [...(errors.from ?? []), ...(errors.bucket ?? [])], to: errors.to ?? [] };
  return (
    <form onSubmit={submit} method="get" aria-label="Custom range" className="flex flex-wrap items-start gap-3" noValidate>
      {(["from", "to"] as const).map((name) => (
        <div key={name}>
          <label htmlFor={`range-${name}`} className="text-sm font-medium">
            {name === "from" ? "From" : "To"}
          </label>
          <input
            ref={name === "from" ? fromInput : toInput}
            id={`range-${name}`}
            name={name}
            type="datetime-local"
            aria-invalid={fieldErrors[name].length > 0}
            aria-describedby={`range-${name}-error`}
            className={`mt-1 ${INPUT}`}
            suppressHydrationWarning
          />
          <FieldError id={`range-${name}-error`} errors={fieldErrors[name]} compact />
        </div>
      ))}
      <div className="pt-6">
        <button type="submit" className={BUTTON.secondary}>
          Show range
        </button>
      </div>
      <div className="basis-full">
        <FormMessage message={message} compact />
      </div>
    </form>
  );
}
