// The trail back up from a page: its parents, nearest last, each a link.
import Link from "next/link";
import { Fragment } from "react";

export type Crumb = { href: string; label: string };

export function Breadcrumb({ trail }: { trail: Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-2 flex flex-wrap gap-1 text-sm">
      {trail.map((crumb, index) => (
        <Fragment key={crumb.href}>
          {index > 0 && <span aria-hidden="true">/</span>}
          <Link href={crumb.href} className="text-sky-700 hover:underline dark:text-sky-400">
            {crumb.label}
          </Link>
        </Fragment>
      ))}
    </nav>
  );
}
