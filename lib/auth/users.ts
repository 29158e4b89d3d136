// Reading users, for admins only: the caller is checked here, next to the query.
import "server-only";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/client";
import type { Caller } from "@/lib/devices/queries";

export type UserSummary = {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabledAt: Date | null;
  createdAt: Date;
  deviceCount: number;
};

export class ForbiddenError extends Error {
  override name = "ForbiddenError";
}

export async function listUsers(caller: Caller): Promise<UserSummary[]> {
  if (caller.role !== "ADMIN") throw new ForbiddenError("Only admins can list users");
  const rows = await db.user.findMany({
    select: { id: true, email: true, name: true, role: true, disabledAt: true, createdAt: true, _count: { select: { devices: true } } },
    orderBy: [{ role: "asc" }, { email: "asc" }],
  });
  return rows.map(({ _count, ...user }) => ({ ...user, deviceCount: _count.devices }));
}
