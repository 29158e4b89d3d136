// Where a token's holder learns what to send with it: the device API's reference, on both token pages.
import Link from "next/link";

export function ApiDocsLink() {
  return (
    <Link href="/docs/api" className="text-sm text-sky-700 underline underline-offset-2 hover:no-underline dark:text-sky-400">
      How to use a token: API docs
    </Link>
  );
}
