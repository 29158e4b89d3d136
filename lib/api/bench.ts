// The benchmark's baseline: the same device query and JSON as GET /api/v1/devices, with no token
// check. Only app/api/bench/devices/route.bench.ts calls it, and that file is a route only in the
// build `npm run bench` makes for its own throwaway database (see next.config.ts).
import "server-only";
import type { Person } from "@/lib/access/caller";
import { listDevices } from "@/lib/devices/devices";
import { ApiProblem } from "./problem";
import { PageQuery } from "./schemas";

export async function handleBareDevices(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const page = PageQuery.safeParse({ limit: url.searchParams.get("limit") ?? undefined });
  if (!page.success) return new ApiProblem("invalid_request", "The query is not valid").toResponse();
  // A stand-in for what a verified token would bring: the baseline measures the query, not the check.
  const caller: Person = {
    type: "person",
    userId: url.searchParams.get("userId") ?? "",
    role: url.searchParams.get("role") === "ADMIN" ? "ADMIN" : "STANDARD",
    email: "",
    name: "",
    scopes: new Set(["devices:read"]),
    ip: null,
  };
  const body = await listDevices(caller, page.data);
  return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json", "cache-control": "no-store" } });
}
