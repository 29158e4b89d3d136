// A deliberate leak, compiled in only by the e2e suite's canary build (GATEHOUSE_BUILD_LEAK_CANARY=1
// at build time; next.config.ts inlines the result), to prove the leak scanner catches a dashboard
// token. In every other build the condition that renders it is the constant "0" === "1".
import { dashboardTokenFor } from "@/lib/tokens/dashboard";

export async function LeakCanary({ userId }: { userId: string }) {
  const grant = await dashboardTokenFor(userId);
  return grant.state === "ok" ? <meta name="gatehouse-leak-canary" content={grant.token} /> : null;
}
