// Whoever is asking for device data: a signed-in user or a token principal.
import type { Prisma, Role } from "@/lib/generated/prisma/client";

export type Caller = {
  id: string;
  role: Role;
  /** Set for a device token: it may touch this one device only. */
  deviceId?: string | null;
};

/**
 * The where clause every device query carries: admins see every device, others their own, a
 * device token its one device. The device limit sits under AND, so that a caller's own `id: …`
 * spread beside it narrows the query instead of replacing the limit.
 */
export function visibleTo(caller: Caller): Prisma.DeviceWhereInput {
  const scope: Prisma.DeviceWhereInput = caller.role === "ADMIN" ? {} : { ownerId: caller.id };
  return caller.deviceId ? { ...scope, AND: [{ id: caller.deviceId }] } : scope;
}
