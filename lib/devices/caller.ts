// Whoever is asking for device data: a signed-in user or a token principal.
import type { Role } from "@/lib/generated/prisma/client";

export type Caller = {
  id: string;
  role: Role;
  /** Set for a device token: it may touch this one device only. */
  deviceId?: string | null;
};

/** The where clause every device query carries: admins see every device, others their own. */
export function visibleTo(caller: Caller): { ownerId?: string; id?: string } {
  const scope = caller.role === "ADMIN" ? {} : { ownerId: caller.id };
  return caller.deviceId ? { ...scope, id: caller.deviceId } : scope;
}
