// A second app instance for lib/rate-limit.test.ts: counts requests against one limit in its own
// process, sharing the database in DATABASE_URL, then flushes and says how many it admitted.
// Run with tsx --conditions=react-server. Arguments: the key, the limit, how many requests.
import { countRequest, flushRateLimits } from "@/lib/rate-limit";

const [key = "", max = "0", requests = "0"] = process.argv.slice(2);

async function main() {
  let admitted = 0;
  for (let i = 0; i < Number(requests); i++) if ((await countRequest([{ key, max: Number(max) }])) === null) admitted++;
  await flushRateLimits();
  process.stdout.write(`${admitted}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
