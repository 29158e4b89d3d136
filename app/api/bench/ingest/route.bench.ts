// The benchmark's ceiling for ingest: the framework's own cost of a POST that brings a batch of
// readings as JSON and answers 201 with their count, as POST /api/v1/devices/{id}/telemetry does.
// No token, no validation, no database: what taking in such a body costs at the least.
// Named *.bench.ts, so it is a route only in the build that `npm run bench` makes (see next.config.ts).

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const { readings } = (await request.json()) as { readings: unknown[] };
  return Response.json({ accepted: readings.length }, { status: 201, headers: { "cache-control": "no-store" } });
}
