// A labelled block of code that wraps its long lines, so that a narrow screen never scrolls sideways.
export function CodeBlock({ label, children }: { label: string; children: string }) {
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">{label}</figcaption>
      <pre className="rounded-lg bg-zinc-950 p-3 text-xs leading-relaxed break-words whitespace-pre-wrap text-zinc-100 [overflow-wrap:anywhere] ring-1 ring-zinc-800">
        <code>{children}</code>
      </pre>
    </figure>
  );
}
