// Who is signed in: read from the session cookie, then checked against the database on every request,
// so that a disabled user, a changed role or a sign-out elsewhere takes effect at once.
import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { personFor, type Person } from "@/lib/access/caller";
import { ipFromForwardedFor } from "@/lib/client-ip";
import { asDate, readRows } from "@/lib/db-read";
import type { Role } from "@/lib/generated/prisma/client";
import { REQUESTED_PATH_HEADER, signInPath } from "./callback-path";
import { authOptions } from "./options";
import { sessionUserSql } from "./sql";

type UserRow = { id: string; email: string; name: string; role: Role; disabledAt: Date | null; sessionsValidAfter: Date | null };
/** Dates as the engine gives them (lib/db-read.ts). */
type StoredUserRow = Omit<UserRow, "disabledAt" | "sessionsValidAfter"> & { disabledAt: number | Date | null; sessionsValidAfter: number | Date | null };

/**
 * Whether a session signed in at `signedInAt` (milliseconds) still stands for this user: not when
 * they are disabled, nor when it was signed in at or before their sessionsValidAfter (a sign-out,
 * role change, disable or password change since). A tie is refused: a sign-in in the very
 * millisecond of the stamp only has to sign in again. A session from before Gatehouse put the time
 * in the token has none, and ends at the first stamp.
 */
export function sessionIsCurrent(user: Pick<UserRow, "disabledAt" | "sessionsValidAfter">, signedInAt: number | undefined): boolean {
  if (user.disabledAt) return false;
  if (!user.sessionsValidAfter) return true;
  return typeof signedInAt === "number" && signedInAt > user.sessionsValidAfter.getTime();
}

export const getCurrentUser = cache(async (): Promise<Person | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const [[stored], requestHeaders] = await Promise.all([readRows<StoredUserRow>(sessionUserSql(id)), headers()]);
  if (!stored) return null;
  const user = { ...stored, disabledAt: asDate(stored.disabledAt), sessionsValidAfter: asDate(stored.sessionsValidAfter) };
  if (!sessionIsCurrent(user, session.signedInAt)) return null;
  return personFor(user, ipFromForwardedFor(requestHeaders.get("x-forwarded-for")));
});

/**
 * The signed-in person, or a redirect to the sign-in page that brings them back to the page they
 * asked for (its path and query, from proxy.ts's header) once they have signed in.
 */
export async function requireUser(): Promise<Person> {
  const user = await getCurrentUser();
  if (!user) redirect(signInPath((await headers()).get(REQUESTED_PATH_HEADER)));
  return user;
}

/** The signed-in admin; a standard user is sent to the homepage. */
export async function requireAdmin(): Promise<Person> {
  const user = await requireUser();
  if (user.role !== "ADMIN") redirect("/");
  return user;
}
