"use client";
// A select of system, light and dark: a native control, so keyboards and screen readers know it.
import { useSyncExternalStore } from "react";
import { useTheme } from "next-themes";

const noop = () => () => {};

export function ThemeToggle() {
  const { theme, setTheme } = useTheme();
  // The stored choice is only known in the browser; render the neutral value until hydrated, and
  // the control disabled, since a choice made before then would change nothing.
  const hydrated = useSyncExternalStore(noop, () => true, () => false);
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only">Theme</span>
      <select
        value={hydrated ? (theme ?? "system") : "system"}
        aria-label="Theme"
        disabled={!hydrated}
        onChange={(event) => setTheme(event.target.value)}
        className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        data-testid="theme-select"
      >
        <option value="system">System theme</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
