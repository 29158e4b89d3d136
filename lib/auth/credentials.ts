// Checks an email and password against the users table. Every failure looks the same to the caller.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/client";
import { countRequest } from "@/lib/rate-limit";
import { dummyPasswordHash, MAX_PASSWORD_LENGTH, verifyPassword } from "./password";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

type AuthenticatedUser = { id: string; email: string; name: string; role: Role };

/** Sign-in attempts a minute, per email and per client address: enough for typos, not for guessing. */
export const SIGN_IN_LIMITS = { perEmail: 10, perIp: 30 };

export async function authenticate(input: unknown, ip: string | null = null): Promise<AuthenticatedUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const limits = [{ key: `sign-in:email:${email}`, max: SIGN_IN_LIMITS.perEmail }];
  if (ip) limits.push({ key: `sign-in:ip:${ip}`, max: SIGN_IN_LIMITS.perIp });
  // Throttled attempts get the same answer as a wrong password, and never reach the hash.
  if ((await countRequest(limits)) !== null) return null;
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, disabledAt: true },
  });
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), password);
    return null;
  }
  const valid = await verifyPassword(user.passwordHash, password);
  if (!valid || user.disabledAt) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
