// A signed-in person changes their own password: the current one first, then the new one, which
// ends every session they hold, this one included, so that a stolen cookie stops working too.
import "server-only";
import type { Person } from "@/lib/access/caller";
import { appendAudit } from "@/lib/audit/append";
import { db, transaction } from "@/lib/db";
import { countRequest } from "@/lib/rate-limit";
import { Refusal } from "@/lib/refusal";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password";
import { newPassword } from "./password-rules";

/**
 * Attempts a person may make in a minute. A wrong current password is not a sign-in failure (the
 * caller is signed in already), but guessing it through this form must be slow too.
 */
export const PASSWORD_CHANGES_PER_MINUTE = 5;

export async function changeOwnPassword(caller: Person, input: { currentPassword: string; password: string }): Promise<void> {
  const wait = await countRequest([{ key: `password-change:${caller.userId}`, max: PASSWORD_CHANGES_PER_MINUTE }]);
  if (wait !== null) throw new Refusal(`Too many attempts. Try again in ${wait} s.`, "invalid");
  const user = await db.user.findUnique({ where: { id: caller.userId }, select: { passwordHash: true, disabledAt: true } });
  const current = user?.passwordHash ?? null;
  // One argon2 check whatever the case, as at sign-in.
  const valid = (await verifyPassword(current ?? (await dummyPasswordHash()), input.currentPassword)) && current !== null;
  if (!valid || !user || user.disabledAt) throw new Refusal("The current password is not correct", "invalid", "currentPassword");
  const checked = newPassword.safeParse(input.password);
  if (!checked.success) throw new Refusal(checked.error.issues[0]!.message, "invalid", "password");
  if (input.password === input.currentPassword) throw new Refusal("Choose a password other than the current one", "invalid", "password");
  const passwordHash = await hashPassword(input.password);
  await transaction(async (tx) => {
    // On the hash just checked: of two changes at once, the second finds the password changed.
    const { count } = await tx.user.updateMany({
      where: { id: caller.userId, passwordHash: current, disabledAt: null },
      data: { passwordHash, sessionsValidAfter: new Date() },
    });
    if (count === 0) throw new Refusal("Your password was changed meanwhile. Sign in again.", "conflict");
    await appendAudit({ actor: caller, action: "user.password_changed", target: { type: "user", id: caller.userId } }, tx);
  });
}
