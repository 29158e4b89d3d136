// The audit log's routes (audit:read).
import "server-only";
import type { Route } from "./route";

export const auditRoutes: Route[] = [];
