// Run by e2e/readings.ts under tsx: stores readings through the ingest code the API runs (rollups,
// last seen and all), which Playwright's own loader cannot import. Reads its batch as JSON on stdin.
import { ingestReadings } from "@/lib/devices/telemetry";
import { personOf } from "@/lib/testing/callers";

type Batch = { caller: { id: string; role: "ADMIN" | "STANDARD" }; deviceId: string; readings: { metric: string; unit: string; time: number; value: number }[] };

async function main() {
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  const batch = JSON.parse(input) as Batch;
  const result = await ingestReadings(personOf(batch.caller), batch.deviceId, batch.readings.map((r) => ({ ...r, time: new Date(r.time) })));
  if (!result || "error" in result) throw new Error(`Readings refused: ${JSON.stringify(result)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
