// Newest / Newer / Older links for the audit page, each keeping the filter.
import Link from "next/link";
import { BUTTON } from "@/components/ui/styles";
import { auditHref, type FilterValues } from "./audit-links";

type Props = { values: FilterValues; onFirstPage: boolean; newerCursor: string | null; nextCursor: string | null };

export function AuditPager({ values, onFirstPage, newerCursor, nextCursor }: Props) {
  if (onFirstPage && !nextCursor) return null;
  return (
    <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center gap-2">
      {!onFirstPage && (
        <Link href={auditHref("/admin/audit", values)} className={BUTTON.secondary}>
          Newest
        </Link>
      )}
      {newerCursor && (
        <Link href={auditHref("/admin/audit", values, { after: newerCursor })} rel="prev" className={BUTTON.secondary}>
          ← Newer
        </Link>
      )}
      {nextCursor && (
        <Link href={auditHref("/admin/audit", values, { cursor: nextCursor })} rel="next" className={BUTTON.secondary}>
          Older →
        </Link>
      )}
    </nav>
  );
}
