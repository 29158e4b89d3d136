// The leak canary itself: the user's dashboard token in a <meta> tag. Only ./leak-canary.tsx loads it,
// in the e2e suite's canary build; e2e/leak-canary.spec.ts checks that no other build contains it.
import { dashboardTokenFor } from "@/lib/tokens/dashboard";

export async function LeakCanaryMeta({ userId }: { userId: string }) {
  const grant = await dashboardTokenFor(userId);
  return grant.state === "ok" ? <meta name="gatehouse-leak-canary" content={grant.token} /> : null;
}
