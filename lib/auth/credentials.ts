// Checks an email and password against the users table. Every failure looks the same to the caller.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { dummyPasswordHash, MAX_PASSWORD_LENGTH, verifyPassword } from "./password";
import { recordSignIn, type SignedInUser } from "./sign-in-events";
import { beginSignIn, signInSucceeded } from "./throttle";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

/**
 * The user, or null for every refusal alike: throttled, unknown email, wrong password, disabled.
 * `ip` is the client's address where a trusted proxy gives it (lib/client-ip.ts); `now` is for tests.
 */
export async function authenticate(input: unknown, ip: string | null = null, now = Date.now()): Promise<SignedInUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  // Counted as a failure up front (lib/auth/throttle.ts); a throttled attempt never reaches the hash.
  const attempt = await beginSignIn(email, ip, now);
  if (!attempt) {
    await recordSignIn({ outcome: "throttled", email, ip });
    return null;
  }
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, disabledAt: true },
  });
  if (!user) {
    // The same work as for a known email, so that the time taken does not tell them apart.
    await verifyPassword(await dummyPasswordHash(), password);
    await recordSignIn({ outcome: "failure", email, ip });
    return null;
  }
  // A disabled account's right password stays a counted failure: counting it differently would say it was right.
  // An account whose password is not set yet (its one-time link unused) takes the dummy's time.
  const valid = await verifyPassword(user.passwordHash ?? (await dummyPasswordHash()), password) && user.passwordHash !== null;
  if (!valid || user.disabledAt) {
    await recordSignIn({ outcome: "failure", email, userId: user.id, ip });
    return null;
  }
  await signInSucceeded(attempt);
  const signedIn = { id: user.id, email: user.email, name: user.name, role: user.role };
  await recordSignIn({ outcome: "success", email, user: signedIn, ip });
  return signedIn;
}
