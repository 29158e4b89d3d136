// Each role's token policy: how long a token may live, how often a server-held one is rotated and
// with how much grace, and after how many idle days a token is disabled.
import type { Metadata } from "next";
import { PolicyForm } from "@/components/policies/policy-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/session";
import { listPolicies, MAX_GRACE_HOURS, MAX_IDLE_DAYS } from "@/lib/tokens/policy";
import { updatePolicyAction } from "./actions";

export const metadata: Metadata = { title: "Policies" };

export default async function PoliciesPage() {
  const admin = await requireAdmin();
  const policies = await listPolicies(admin);
  return (
    <>
      <PageHeader
        title="Policies"
        description="What a token of each role may be. A change applies to tokens issued from now on; the idle limit applies to every token at its next use."
      />
      <div className="grid gap-6 lg:grid-cols-2">
        {policies.map(({ role, maxLifetimeDays, rotationIntervalDays, gracePeriodHours, idleDisableDays, ceilingDays }) => (
          <PolicyForm
            key={role}
            action={updatePolicyAction}
            policy={{ role, maxLifetimeDays, rotationIntervalDays, gracePeriodHours, idleDisableDays }}
            limits={{ ceilingDays, maxGraceHours: MAX_GRACE_HOURS, maxIdleDays: MAX_IDLE_DAYS }}
          />
        ))}
      </div>
    </>
  );
}
