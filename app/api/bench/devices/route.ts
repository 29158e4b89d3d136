// Benchmark-only baseline route; answers 404 unless BENCH_BARE_ROUTE_KEY is set and presented.
import { handleBareDevices } from "@/lib/api/bench";

export const dynamic = "force-dynamic";

export const GET = (request: Request) => handleBareDevices(request);
