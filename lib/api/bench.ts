// The benchmark's baseline: the same device query and JSON as GET /api/v1/devices, with no token
// check. Off (404) unless BENCH_BARE_ROUTE=1, which only `npm run bench` sets.
import "server-only";
import { listDevices } from "@/lib/devices/devices";
import { env } from "@/lib/env";
import { ApiProblem } from "./problem";
import { PageQuery } from "./schemas";

export async function handleBareDevices(request: Request): Promise<Response> {
  if (env.BENCH_BARE_ROUTE !== "1") return new ApiProblem("not_found", "No such endpoint").toResponse();
  const url = new URL(request.url);
  const userId = url.searchParams.get("userId") ?? "";
  const role = url.searchParams.get("role") === "ADMIN" ? "ADMIN" : "STANDARD";
  const page = PageQuery.parse({ limit: url.searchParams.get("limit") ?? undefined });
  const body = await listDevices({ id: userId, role }, page);
  return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json", "cache-control": "no-store" } });
}
