// The benchmark's ceiling for the API: the framework's own cost of a route answering the same shape
// as GET /api/v1/devices?limit=25 (25 devices, their owner and metrics), from a constant made once
// at module load. No database, no token, no rate limit: what any API route costs at the least.
// Named *.bench.ts, so it is a route only in the build that `npm run bench` makes (see next.config.ts).

import { DEVICE_KINDS } from "@/lib/devices/catalog";

export const dynamic = "force-dynamic";

const KINDS = Object.entries(DEVICE_KINDS).map(([kind, spec]) => ({ kind, metrics: spec.metrics }));

// Fixed times, so that the body is the same on every run.
const CREATED_AT = Date.UTC(2026, 0, 1);

const devices = Array.from({ length: 25 }, (_, i) => {
  const { kind, metrics } = KINDS[i % KINDS.length]!;
  return {
    id: `cmbenchdevice${String(i).padStart(12, "0")}`,
    name: `Bench device ${i + 1}`,
    kind,
    location: `Room ${(i % 7) + 1}`,
    enabled: true,
    status: i % 5 === 4 ? "offline" : "online",
    lastSeenAt: new Date(CREATED_AT + 86_400_000 + i * 60_000).toISOString(),
    createdAt: new Date(CREATED_AT + i * 60_000).toISOString(),
    owner: { id: "cmbenchowner000000000000", name: "Ada Admin" },
    metrics: metrics.map(({ key, unit }) => ({ key, unit })),
  };
});

const BODY = JSON.stringify({ data: devices, nextCursor: null });

export function GET(): Response {
  return new Response(BODY, { status: 200, headers: { "content-type": "application/json", "cache-control": "no-store" } });
}
