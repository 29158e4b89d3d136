// Class names shared by every form (tokens, users, devices), so that every control looks and focuses alike.
// Busy buttons use aria-disabled rather than disabled: a disabled button drops the keyboard focus,
// and the dialogs return focus to the button that opened them.
export const BUTTON = {
  primary:
    "inline-flex items-center justify-center rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60 aria-disabled:opacity-60",
  secondary:
    "inline-flex items-center justify-center rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 disabled:opacity-60 aria-disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800",
  danger:
    "inline-flex items-center justify-center rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60 aria-disabled:opacity-60 dark:border-red-800 dark:bg-zinc-900 dark:text-red-300 dark:hover:bg-red-950",
  dangerSolid:
    "inline-flex items-center justify-center rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60 aria-disabled:opacity-60 dark:bg-red-600 dark:hover:bg-red-700",
} as const;

export const INPUT =
  "block w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm shadow-sm aria-[invalid=true]:border-red-600 dark:border-zinc-700 dark:bg-zinc-900 dark:aria-[invalid=true]:border-red-500";

export const SELECT =
  "rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm aria-[invalid=true]:border-red-600 dark:border-zinc-700 dark:bg-zinc-900 dark:aria-[invalid=true]:border-red-500";

/** A native <dialog> opened with showModal(): the browser traps focus, closes on Escape and restores focus. */
export const DIALOG =
  "m-auto w-[min(32rem,calc(100vw-2rem))] rounded-xl border border-zinc-200 bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-zinc-950/60 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";
