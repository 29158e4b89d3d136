// The audit log for admins: the hash chain's state, a filter kept in the URL, a page of records
// (newest first, paged by id), and the filtered set's export as CSV or NDJSON.
import type { Metadata } from "next";
import { Suspense } from "react";
import { z } from "zod";
import { AuditFilters } from "@/components/audit/audit-filters";
import { auditHref, FILTER_KEYS, type FilterValues } from "@/components/audit/audit-links";
import { AuditPager } from "@/components/audit/audit-pager";
import { AuditRecords } from "@/components/audit/audit-records";
import { ChainStatusBanner, ChainStatusPending } from "@/components/audit/chain-status";
import { FormMessage } from "@/components/ui/field-error";
import { PageHeader } from "@/components/ui/page-header";
import { BUTTON } from "@/components/ui/styles";
import type { Person } from "@/lib/access/caller";
import { auditChainStatus, auditFilterFields, auditPageFields, checkRange, listAudit, queryInput } from "@/lib/audit/query";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Audit log" };

/** The page's query: the filter, and which page (`cursor` for older, `after` for newer). */
const PageQuery = z
  .object({ ...auditFilterFields, ...auditPageFields, after: z.coerce.number().int().positive().optional() })
  .superRefine(checkRange);

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** A time as a datetime-local field shows it: UTC, to the second, without the zone. */
const inputTime = (time: Date | undefined, raw: string | undefined) => (time ? time.toISOString().slice(0, 19) : raw);

export default async function AuditPage({ searchParams }: Props) {
  const admin = await requireAdmin();
  const input = queryInput(await searchParams);
  const values: FilterValues = Object.fromEntries([...FILTER_KEYS, "limit"].filter((key) => input[key]).map((key) => [key, input[key]]));
  const parsed = PageQuery.safeParse(input);
  const errors: Record<string, string[] | undefined> = parsed.success ? {} : z.flattenError(parsed.error).fieldErrors;
  const formValues = { ...values, from: inputTime(parsed.data?.from, values.from), to: inputTime(parsed.data?.to, values.to) };
  const pageError = errors.cursor || errors.after || errors.limit;

  return (
    <>
      <PageHeader title="Audit log" description="Every security event Gatehouse records, newest first. Times are UTC.">
        {parsed.success && (
          <div className="flex flex-wrap gap-2">
            <a href={auditHref("/admin/audit/export", values, { format: "csv" })} download className={BUTTON.secondary}>
              Export CSV
            </a>
            <a href={auditHref("/admin/audit/export", values, { format: "ndjson" })} download className={BUTTON.secondary}>
              Export NDJSON
            </a>
          </div>
        )}
      </PageHeader>
      <Suspense fallback={<ChainStatusPending />}>
        <Chain admin={admin} />
      </Suspense>
      <AuditFilters values={formValues} errors={errors} />
      {parsed.success ? (
        <Records admin={admin} query={parsed.data} values={values} />
      ) : (
        <FormMessage message={pageError ? "This page's link is not valid: start again from the newest records." : "Correct the filter to see records."} />
      )}
    </>
  );
}

async function Chain({ admin }: { admin: Person }) {
  return <ChainStatusBanner status={await auditChainStatus(admin)} />;
}

async function Records({ admin, query, values }: { admin: Person; query: z.output<typeof PageQuery>; values: FilterValues }) {
  const { cursor, after, limit, ...filter } = query;
  const page = await listAudit(admin, filter, { cursor, after, limit });
  return (
    <>
      <p aria-live="polite" className="mb-3 text-sm text-zinc-600 dark:text-zinc-400" data-testid="record-count">
        {page.items.length === 1 ? "1 record" : `${page.items.length} records`} on this page
      </p>
      <AuditRecords items={page.items} />
      <AuditPager values={values} onFirstPage={cursor === undefined && after === undefined} newerCursor={page.newerCursor} nextCursor={page.nextCursor} />
    </>
  );
}
