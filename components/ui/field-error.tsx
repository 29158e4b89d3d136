// A field's error text in a live region, for aria-describedby to point at (STYLE.md 5).
export function FieldError({ id, errors, compact }: { id: string; errors?: string[]; compact?: boolean }) {
  return (
    <p id={id} aria-live="polite" className={`${compact ? "mt-1 text-xs empty:mt-0" : "min-h-5 text-sm"} text-red-700 dark:text-red-400`}>
      {errors?.join(" ")}
    </p>
  );
}

/** The form's own message: errors in red, successes in green, announced politely either way. */
export function FormMessage({ id, message, ok, compact }: { id?: string; message?: string; ok?: boolean; compact?: boolean }) {
  return (
    <p id={id} aria-live="polite" className={`${compact ? "mt-1 text-xs empty:mt-0" : "min-h-5 text-sm"} ${ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}`}>
      {message}
    </p>
  );
}
