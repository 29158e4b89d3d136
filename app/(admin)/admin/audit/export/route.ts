// GET /admin/audit/export?format=csv|ndjson&<the page's filter>: the filtered audit log as a file,
// streamed. Admins only; anyone else, signed in or not, gets a 404 problem that names nothing.
import { z } from "zod";
import { ApiProblem, problemOf } from "@/lib/api/problem";
import { AuditUnavailable } from "@/lib/audit/append";
import { withRequestContext } from "@/lib/audit/context";
import { CONTENT_TYPES, exportAudit, exportFileName, ExportQuery } from "@/lib/audit/export";
import { queryInput } from "@/lib/audit/query";
import { getCurrentUser } from "@/lib/auth/session";
import { Refusal } from "@/lib/refusal";

export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const user = await getCurrentUser();
  // Not a redirect to the sign-in page: a script or a download must not get a 200 HTML page.
  if (user?.role !== "ADMIN") return new ApiProblem("not_found", "No such page").toResponse(url.pathname);
  const parsed = ExportQuery.safeParse(queryInput(url.searchParams));
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
    return new ApiProblem("invalid_request", "The export's filter is not valid", { errors }).toResponse(url.pathname);
  }
  const { format, ...filter } = parsed.data;
  try {
    const body = await withRequestContext({ ip: user.ip, userAgent: request.headers.get("user-agent") }, () => exportAudit(user, filter, format));
    return new Response(body, {
      headers: {
        "content-type": CONTENT_TYPES[format],
        "content-disposition": `attachment; filename="${exportFileName(format)}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof Refusal) return problemOf(error).toResponse(url.pathname);
    // The export is recorded before it starts: when that record cannot be written, nothing is exported.
    if (error instanceof AuditUnavailable) {
      return new ApiProblem("unavailable", "The audit log could not be written, so nothing was exported; try again shortly", { headers: { "retry-after": "5" } }).toResponse(url.pathname);
    }
    throw error;
  }
}
