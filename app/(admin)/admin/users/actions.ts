"use server";
// Admin changes to a user: role, and disabled or enabled. lib/auth/users checks who asks again.
import { z } from "zod";
import { ROLE_LABELS } from "@/components/ui/role-badge";
import { changeUserRole, setUserDisabled } from "@/lib/auth/users";
import { formAction } from "@/lib/server/action";

const RoleInput = z.object({
  userId: z.string().min(1),
  role: z.enum(["ADMIN", "STANDARD"], { error: "Choose Admin or Standard" }),
});

const DisabledInput = z.object({
  userId: z.string().min(1),
  disabled: z.enum(["true", "false"]).transform((value) => value === "true"),
});

const tokens = (n: number) => `${n} token${n === 1 ? "" : "s"}`;

export const changeRoleAction = formAction({ input: RoleInput, admin: true, revalidate: () => ["/admin/users"] }, async (caller, { userId, role }) => {
  const result = await changeUserRole(caller, userId, role);
  if (!result.changed) return { ok: true, message: "The role is unchanged." };
  const effect = result.narrowed + result.revoked > 0 ? ` ${tokens(result.narrowed)} narrowed, ${tokens(result.revoked)} revoked.` : "";
  return { ok: true, message: `Role changed to ${ROLE_LABELS[role]}.${effect}` };
});

export const setDisabledAction = formAction(
  { input: DisabledInput, admin: true, revalidate: ({ userId }) => ["/admin/users", `/admin/users/${userId}/tokens`] },
  async (caller, { userId, disabled }) => {
    const result = await setUserDisabled(caller, userId, disabled);
    if (!disabled) return { ok: true, message: "Enabled. Their old tokens stay revoked." };
    return { ok: true, message: `Disabled; ${tokens(result.revoked)} revoked.` };
  },
);
