// Where every sign-in outcome goes in the audit log.
import "server-only";
import { personFor } from "@/lib/access/caller";
import { appendAudit } from "@/lib/audit/append";
import { summariseAudit } from "@/lib/audit/summary";
import type { Role } from "@/lib/generated/prisma/client";

/** What a sign-in gives next-auth: never the password hash. */
export type SignedInUser = { id: string; email: string; name: string; role: Role };

/** Never the password. A failure has the user's id when the email is theirs; a throttled attempt never looks the user up. */
export type SignInEvent =
  | { outcome: "success"; email: string; user: SignedInUser; ip: string | null }
  | { outcome: "failure" | "throttled"; email: string; userId?: string; ip: string | null };

/**
 * Called at every outcome of a sign-in attempt. A success is one record, written at once: it is
 * bounded (it takes the password) and makes a session. Failures and throttled attempts are
 * summarised (lib/audit/summary.ts): anyone can send any number of them, for any email, and a
 * record each would let a stranger grow the log without limit.
 */
export async function recordSignIn(event: SignInEvent): Promise<void> {
  if (event.outcome !== "success") {
    const { email, userId, ip } = event;
    const action = event.outcome === "failure" ? "user.sign_in_failed" : "user.sign_in_throttled";
    summariseAudit({
      actor: { type: "anonymous", ip },
      action,
      outcome: event.outcome === "failure" ? "failure" : "denied",
      target: userId ? { type: "user", id: userId } : undefined,
      detail: { email },
    });
    return;
  }
  const { user, ip } = event;
  await appendAudit({
    actor: personFor(user, ip),
    action: "user.signed_in",
    target: { type: "user", id: user.id },
  });
}

/** After a sign-out has ended the user's sessions: recorded after, since a failed record must not keep a session alive. */
export async function recordSignOut(userId: string, ip: string | null): Promise<void> {
  await appendAudit({ actor: { type: "user", userId, ip }, action: "user.signed_out", target: { type: "user", id: userId } });
}
