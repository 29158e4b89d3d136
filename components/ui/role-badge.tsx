// A user's role as a badge, the same in the header, the users table and a user's token page.
import type { Role } from "@/lib/generated/prisma/client";
import { Badge, type BadgeTone } from "./badge";

const ROLES: Record<Role, { tone: BadgeTone; label: string }> = {
  ADMIN: { tone: "violet", label: "Admin" },
  STANDARD: { tone: "zinc", label: "Standard" },
};

export function RoleBadge({ role }: { role: Role }) {
  const { tone, label } = ROLES[role];
  return <Badge tone={tone}>{label}</Badge>;
}
