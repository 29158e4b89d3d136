"use server";
// Changing a role's token policy. lib/tokens/policy checks who asks, and the bounds, again.
import { formAction } from "@/lib/server/action";
import { PolicyChange, updatePolicy } from "@/lib/tokens/policy";

export const updatePolicyAction = formAction({ input: PolicyChange, admin: true, revalidate: () => ["/admin/policies"] }, async (caller, { role, ...values }) => {
  const { changed } = await updatePolicy(caller, role, values);
  return { ok: true, message: changed ? "Saved. Tokens already issued keep their expiry." : "Nothing changed." };
});
