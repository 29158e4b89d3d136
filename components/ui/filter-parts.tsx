// The parts a list's filter form shares (the homepage's devices, the users page): its controls'
// look, its Apply and Clear buttons, and what a list says when nothing matches.
import Link from "next/link";
import { BUTTON } from "./styles";

export const FILTER_CONTROL = "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";
export const FILTER_LABEL = "text-sm font-medium";

/** Apply, for a page whose script has not loaded (the filters apply as they change), and Clear filters where any is set. */
export function FilterButtons({ clearHref }: { clearHref?: string }) {
  return (
    <div className="flex gap-2">
      <button type="submit" className={BUTTON.secondary}>
        Apply
      </button>
      {clearHref && (
        <Link href={clearHref} className={BUTTON.secondary}>
          Clear filters
        </Link>
      )}
    </div>
  );
}

/** Where a search or filter matches nothing: say so, and offer the way back to everything. */
export function NoMatch({ what, clearHref }: { what: string; clearHref: string }) {
  return (
    <div className="rounded-xl border border-dashed border-zinc-300 p-6 text-center text-sm dark:border-zinc-700" data-testid="no-match">
      <p>No {what} match this search.</p>
      <p className="mt-2">
        <Link href={clearHref} className="font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
          Clear filters
        </Link>
      </p>
    </div>
  );
}

type SelectProps = { id: string; name: string; label: string; value: string; options: Record<string, string> };

/** A labelled choice of the form; `options` maps each value to its text, in order. */
export function FilterSelect({ id, name, label, value, options }: SelectProps) {
  return (
    <div>
      <label htmlFor={id} className={FILTER_LABEL}>
        {label}
      </label>
      <select id={id} name={name} defaultValue={value} className={FILTER_CONTROL}>
        {Object.entries(options).map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
