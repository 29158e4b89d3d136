// The signed-in user as a Manager for token and user changes, with the client address for the audit log.
import "server-only";
import { headers } from "next/headers";
import { ipFromForwardedFor } from "@/lib/server/client-ip";
import type { Manager } from "@/lib/tokens/lifecycle";
import type { SessionUser } from "./session";

export async function managerFor(user: SessionUser): Promise<Manager> {
  return { id: user.id, role: user.role, ip: ipFromForwardedFor((await headers()).get("x-forwarded-for")) };
}
