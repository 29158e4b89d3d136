// The audit log's routes (audit:read): the records, filtered and paged as on /admin/audit, and
// whether the hash chain holds.
import "server-only";
import { auditChainStatus, listAudit } from "@/lib/audit/query";
import { route, type Route } from "./route";
import * as s from "./schemas-audit";

export const auditRoutes: Route[] = [
  route({
    method: "GET",
    path: "/audit",
    operationId: "listAudit",
    summary: "Audit records, newest first, filtered by time, actor, action, target and outcome, a page at a time",
    scope: "audit:read",
    query: s.AuditQuery,
    response: s.AuditPage,
    async handle({ caller, query }) {
      const { cursor, limit, ...filter } = query;
      const page = await listAudit(caller, filter, { cursor, limit });
      return { items: page.items, nextCursor: page.nextCursor };
    },
  }),
  route({
    method: "GET",
    path: "/audit/verify",
    operationId: "verifyAudit",
    summary: "Whether the audit log's hash chain holds, and the first record that breaks it",
    scope: "audit:read",
    response: s.AuditChainStatus,
    handle: ({ caller }) => auditChainStatus(caller),
  }),
];
