// Text from the OpenAPI document, where `backticks` mark code as in Markdown; nothing else is read as markup.
export function InlineCode({ text }: { text: string }) {
  return text.split("`").map((part, i) => (i % 2 === 1 ? <code key={i} className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">{part}</code> : part));
}
