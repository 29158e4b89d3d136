// A user's role as a badge, the same in the header, the users table and a user's token page.
import type { Role } from "@/lib/generated/prisma/client";
import { Badge, type BadgeTone } from "./badge";

/** How a role is named wherever it is shown: the badge, the role form, the role change's message. */
export const ROLE_LABELS: Record<Role, string> = { ADMIN: "Admin", STANDARD: "Standard" };

const TONES: Record<Role, BadgeTone> = { ADMIN: "violet", STANDARD: "zinc" };

export function RoleBadge({ role }: { role: Role }) {
  return <Badge tone={TONES[role]}>{ROLE_LABELS[role]}</Badge>;
}
