// The 404 page: says nothing about whether the thing exists for someone else.
import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-3 px-4 text-center">
      <p className="text-sm font-medium text-sky-700 dark:text-sky-400">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">Not found</h1>
      <p className="text-zinc-600 dark:text-zinc-400">There is nothing here, or it is not yours to see.</p>
      <Link href="/" className="mt-2 text-sm font-medium text-sky-700 hover:underline dark:text-sky-400">Back to your devices</Link>
    </main>
  );
}
