"use server";
// Admin changes to a user: role, and disabled or enabled. lib/auth/users checks who asks again.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { invalidInput, refusal, type FormState } from "@/lib/auth/form-state";
import { managerFor } from "@/lib/auth/manager";
import { requireAdmin } from "@/lib/auth/session";
import { changeUserRole, setUserDisabled } from "@/lib/auth/users";

const RoleInput = z.object({
  userId: z.string().min(1),
  role: z.enum(["ADMIN", "STANDARD"], { error: "Choose Admin or Standard" }),
});

const DisabledInput = z.object({
  userId: z.string().min(1),
  disabled: z.enum(["true", "false"]).transform((value) => value === "true"),
});

const tokens = (n: number) => `${n} token${n === 1 ? "" : "s"}`;

export async function changeRoleAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const manager = await managerFor(await requireAdmin());
  const input = RoleInput.safeParse({ userId: formData.get("userId"), role: formData.get("role") });
  if (!input.success) return invalidInput(input.error);
  try {
    const result = await changeUserRole(manager, input.data.userId, input.data.role);
    revalidatePath("/admin/users");
    if (!result.changed) return { ok: true, message: "The role is unchanged." };
    const label = input.data.role === "ADMIN" ? "Admin" : "Standard";
    const effect = result.narrowed + result.revoked > 0 ? ` ${tokens(result.narrowed)} narrowed, ${tokens(result.revoked)} revoked.` : "";
    return { ok: true, message: `Role changed to ${label}.${effect}` };
  } catch (error) {
    return refusal(error);
  }
}

export async function setDisabledAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const manager = await managerFor(await requireAdmin());
  const input = DisabledInput.safeParse({ userId: formData.get("userId"), disabled: formData.get("disabled") });
  if (!input.success) return invalidInput(input.error);
  try {
    const result = await setUserDisabled(manager, input.data.userId, input.data.disabled);
    revalidatePath("/admin/users");
    revalidatePath(`/admin/users/${input.data.userId}/tokens`);
    if (!input.data.disabled) return { ok: true, message: "Enabled. Their old tokens stay revoked." };
    return { ok: true, message: `Disabled; ${tokens(result.revoked)} revoked.` };
  } catch (error) {
    return refusal(error);
  }
}
