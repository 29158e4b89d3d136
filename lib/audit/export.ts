// The audit export: every record that matches a filter, as CSV or NDJSON, streamed a page of a
// thousand at a time so that memory stays flat however large the log is.
import "server-only";
import { z } from "zod";
import type { Person, TokenCaller } from "@/lib/access/caller";
import { appendAudit } from "./append";
import { allAuditPages, auditFilterFields, checkRange, type AuditFilter, type AuditItem } from "./query";

export const EXPORT_FORMATS = ["csv", "ndjson"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The export's query: a format and the page's filter. */
export const ExportQuery = z.object({ format: z.enum(EXPORT_FORMATS, { error: "csv or ndjson" }), ...auditFilterFields }).superRefine(checkRange);

const EXPORT_PAGE = 1000;

/** The CSV's columns, in order: every member of a record. */
export const CSV_COLUMNS = [
  "id",
  "at",
  "actorType",
  "actorId",
  "actorEmail",
  "tokenId",
  "action",
  "targetType",
  "targetId",
  "ip",
  "userAgent",
  "outcome",
  "detail",
  "hash",
] as const satisfies readonly (keyof AuditItem)[];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  ndjson: "application/x-ndjson; charset=utf-8",
};

/**
 * One CSV cell (RFC 4180). A spreadsheet runs a cell that starts with = + - @ (or a tab or CR
 * before them) as a formula, and a user agent, an email or a detail is the client's to choose:
 * such a cell gets a leading single quote, which makes it text.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

function lineOf(format: ExportFormat, item: AuditItem): string {
  return format === "csv" ? csvRow(CSV_COLUMNS.map((column) => item[column])) : `${JSON.stringify(item)}\n`;
}

/** "gatehouse-audit-20261202T063917Z.csv": the time of the export, in UTC. */
export function exportFileName(format: ExportFormat, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return `gatehouse-audit-${stamp}.${format}`;
}

/**
 * Records the export (before any record is read: a failed audit write exports nothing), then
 * streams every matching record, newest first. Records appended after the first page is read are
 * not in it: paging by id, each page reads strictly older ones.
 */
export async function exportAudit(caller: Person | TokenCaller, filter: AuditFilter, format: ExportFormat): Promise<ReadableStream<Uint8Array>> {
  const pages = allAuditPages(caller, filter, EXPORT_PAGE);
  await appendAudit({ actor: caller, action: "audit.exported", detail: { format, filter } });
  const encoder = new TextEncoder();
  let header = format === "csv" ? csvRow(CSV_COLUMNS) : "";
  return new ReadableStream<Uint8Array>({
    // One page a pull: the stream asks for the next only when the client has taken the last.
    async pull(controller) {
      const next = await pages.next();
      const text = header + (next.done ? "" : next.value.map((item) => lineOf(format, item)).join(""));
      header = "";
      if (text) controller.enqueue(encoder.encode(text));
      if (next.done) controller.close();
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}
