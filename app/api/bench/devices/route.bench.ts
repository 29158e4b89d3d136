// The benchmark's baseline route. Named *.bench.ts, so it is a route only in the build that
// `npm run bench` makes (GATEHOUSE_BUILD_BENCH=1, see next.config.ts); no other build has it.
import { handleBareDevices } from "@/lib/api/bench";

export const dynamic = "force-dynamic";

export const GET = (request: Request) => handleBareDevices(request);
