// `npm run audit:verify`: checks the whole audit chain of DATABASE_URL and names the first record
// that breaks it. Exit status 0 when the chain holds, 1 when it is broken, 2 when it cannot be read.
import { loadEnvConfig } from "@next/env";
import { databaseUrl } from "@/lib/env-schema";

async function main(): Promise<number> {
  loadEnvConfig(process.cwd());
  process.env.DATABASE_URL = databaseUrl();
  const { verifyChain } = await import("@/lib/audit/verify");
  const started = Date.now();
  const status = await verifyChain();
  const took = `${Date.now() - started} ms`;
  if (status.ok) {
    console.log(`Audit chain intact: ${status.records} records, head ${status.head ?? "(empty)"} (${took}).`);
    return 0;
  }
  console.error(`Audit chain BROKEN at record #${status.firstBroken.id}: ${status.firstBroken.reason}. Checked ${status.records} records (${took}).`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Could not verify the audit chain: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
