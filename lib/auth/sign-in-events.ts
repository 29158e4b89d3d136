// Where every sign-in outcome goes: the hook the audit log builds on (issue 11).
import "server-only";
import { personFor } from "@/lib/access/caller";
import { appendAudit } from "@/lib/audit/append";
import type { Role } from "@/lib/generated/prisma/client";

/** What a sign-in gives next-auth: never the password hash. */
export type SignedInUser = { id: string; email: string; name: string; role: Role };

/** Never the password. A failure has the user's id when the email is theirs; a throttled attempt never looks the user up. */
export type SignInEvent =
  | { outcome: "success"; email: string; user: SignedInUser; ip: string | null }
  | { outcome: "failure" | "throttled"; email: string; userId?: string; ip: string | null };

/**
 * Called at every outcome of a sign-in attempt. Only a success is written to the audit log today:
 * it is bounded (it takes the password, and makes a session) and cheap (one row). Failures and
 * throttled attempts are not: anyone can send any number of them, for any email, so a row each would
 * let a stranger grow the log without limit; SignInThrottle keeps their counts meanwhile. Issue 11
 * chooses a bounded record of them (one when a key locks, say).
 */
export async function recordSignIn(event: SignInEvent): Promise<void> {
  if (event.outcome !== "success") return;
  const { user, ip } = event;
  await appendAudit({
    actor: personFor(user, ip),
    action: "user.signed_in",
    target: { type: "user", id: user.id },
  });
}
