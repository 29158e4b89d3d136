// Who is calling: read from the session cookie, then checked against the database on every request,
// so that a disabled user or a changed role takes effect at once.
import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/client";
import { authOptions } from "./options";

export type SessionUser = { id: string; email: string; name: string; role: Role };

export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  // Raw, like the other reads on every page's path (see lib/tokens/policy.ts).
  const [user] = await db.$queryRaw<(SessionUser & { disabledAt: Date | null })[]>`
    SELECT "id", "email", "name", "role", "disabledAt" FROM "User" WHERE "id" = ${id}`;
  if (!user || user.disabledAt) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

/** The signed-in user, or a redirect to the sign-in page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}

/** The signed-in admin; a standard user is sent to the homepage. */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== "ADMIN") redirect("/");
  return user;
}
