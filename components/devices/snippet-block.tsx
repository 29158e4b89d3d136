// One copyable snippet: its language, the code in a block that scrolls by itself (never the page,
// on a phone), and a copy button.
import type { Snippet } from "@/lib/devices/connect-snippets";
import { CopyButton } from "@/components/ui/copy-button";

export function SnippetBlock({ snippet }: { snippet: Snippet }) {
  const id = `snippet-${snippet.language}`;
  return (
    <figure className="min-w-0">
      <div className="mb-1 flex flex-wrap items-center justify-between gap-2">
        <figcaption id={`${id}-label`} className="text-sm font-medium">
          {snippet.label}
        </figcaption>
        <CopyButton text={snippet.code} label={`Copy ${snippet.label}`} />
      </div>
      {/* Focusable, so that a keyboard can scroll a long line into view. */}
      <pre
        tabIndex={0}
        aria-labelledby={`${id}-label`}
        data-testid={id}
        className="overflow-x-auto rounded-md bg-zinc-100 p-3 font-mono text-xs leading-relaxed text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100"
      >
        <code>{snippet.code}</code>
      </pre>
    </figure>
  );
}
