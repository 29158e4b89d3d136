// The benchmark's baseline: the same device query and JSON as GET /api/v1/devices, with no token
// check. Off (404) unless BENCH_BARE_ROUTE_KEY is set, which only `npm run bench` does with a fresh
// random key, and then only for requests that present that key.
import "server-only";
import crypto from "node:crypto";
import { listDevices } from "@/lib/devices/devices";
import { env } from "@/lib/env";
import { ApiProblem } from "./problem";
import { PageQuery } from "./schemas";

function keyMatches(presented: string | null): boolean {
  const expected = env.BENCH_BARE_ROUTE_KEY;
  if (!expected || !presented) return false;
  const [a, b] = [Buffer.from(presented), Buffer.from(expected)];
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export async function handleBareDevices(request: Request): Promise<Response> {
  if (!keyMatches(request.headers.get("x-bench-key"))) return new ApiProblem("not_found", "No such endpoint").toResponse();
  const url = new URL(request.url);
  const page = PageQuery.safeParse({ limit: url.searchParams.get("limit") ?? undefined });
  if (!page.success) return new ApiProblem("invalid_request", "The query is not valid").toResponse();
  const caller = { id: url.searchParams.get("userId") ?? "", role: url.searchParams.get("role") === "ADMIN" ? ("ADMIN" as const) : ("STANDARD" as const) };
  const body = await listDevices(caller, page.data);
  return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json", "cache-control": "no-store" } });
}
