// A deliberate leak, compiled in only by the e2e suite's canary build (GATEHOUSE_LEAK_CANARY=1 at
// build time, inlined by next.config.ts), to prove the leak scanner catches a dashboard token.
// In every other build the condition that renders it is the constant false.
import { dashboardTokenFor } from "@/lib/tokens/dashboard";

export async function LeakCanary({ userId }: { userId: string }) {
  const grant = await dashboardTokenFor(userId);
  return grant.state === "ok" ? <meta name="gatehouse-leak-canary" content={grant.token} /> : null;
}
