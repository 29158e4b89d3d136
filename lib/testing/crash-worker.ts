// The process lib/crash-safety.test.ts kills: Gatehouse's own write paths (ingest through the API
// core's data function, token issue and revoke through their lifecycle), run concurrently against
// the database in DATABASE_URL, each acknowledged on stdout only after it committed.
// Run with tsx --conditions=react-server (server-only resolves to nothing). Argument: the round.
import { DAY_MS, MINUTE_MS, SECOND_MS } from "@/lib/time";
import { personOf } from "./callers";

const [round = "0", userId = "", deviceId = ""] = process.argv.slice(2);

const ack = (line: string) => process.stdout.write(`${line}\n`);
// Nobody is listening any more (the test has gone): stop writing to its database.
process.stdout.on("error", () => process.exit(1));

async function ingestLoop(first: number) {
  const { ingestReadings } = await import("@/lib/devices/telemetry");
  const caller = personOf({ id: userId, role: "STANDARD" });
  for (let batch = 0; ; batch++) {
    // Each batch a block of minutes of its own, so that what a batch wrote can be counted back.
    const start = first + batch * 50 * MINUTE_MS;
    const readings = Array.from({ length: 50 }, (_, i) => ({ metric: "temperature", time: new Date(start + i * MINUTE_MS), value: batch + i / 100 }));
    const result = await ingestReadings(caller, deviceId, readings);
    if (!result || "error" in result) throw new Error(`ingest refused: ${JSON.stringify(result)}`);
    ack(`R ${start} 50`);
  }
}

async function tokenLoop() {
  const { issueToken, revokeToken } = await import("@/lib/tokens/lifecycle");
  for (let i = 0; ; i++) {
    const { view } = await issueToken("system", { userId, kind: "PERSONAL", name: `crash ${round}.${i}`, scopes: ["devices:read"] });
    ack(`T ${view.id}`);
    if (i % 2 === 0) {
      await revokeToken("system", view.id, "crash test");
      ack(`V ${view.id}`);
    }
  }
}

async function main() {
  // Rounds write to separate stretches of time, all within the last year that ingest accepts.
  // The second loop's readings fall half a minute off the first's, so that the two never meet.
  const first = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS - 300 * DAY_MS + Number(round) * 5 * DAY_MS;
  ack("READY");
  await Promise.all([ingestLoop(first), ingestLoop(first + 30 * SECOND_MS), tokenLoop()]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
