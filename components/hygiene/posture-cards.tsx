// The admin home's row of counts, each a link to its detail: the lists below, or the alerts page.
// Not prefetched: the alerts page is dynamic, and the other cards are anchors on this page.
import Link from "next/link";

export type PostureCard = { label: string; count: number; href: string; hint: string; warn: boolean };

export function PostureCards({ cards }: { cards: PostureCard[] }) {
  return (
    <ul aria-label="Security posture" className="mb-8 grid grid-cols-1 gap-3 min-[390px]:grid-cols-2 lg:grid-cols-5">
      {cards.map((card) => (
        <li key={card.label}>
          <Link
            href={card.href}
            prefetch={false}
            className={`block h-full rounded-xl border bg-white p-4 hover:bg-zinc-50 dark:bg-zinc-900 dark:hover:bg-zinc-800 ${
              card.warn ? "border-amber-400 dark:border-amber-700" : "border-zinc-200 dark:border-zinc-800"
            }`}
          >
            <span className="block text-3xl font-semibold tabular-nums">{card.count}</span>
            <span className="block text-sm font-medium">{card.label}</span>
            <span className="mt-1 block text-xs text-zinc-600 dark:text-zinc-400">{card.hint}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
