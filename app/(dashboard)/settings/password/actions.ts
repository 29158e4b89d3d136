"use server";
// Changing one's own password. It ends every session, this one included: the person signs in again.
import { changeOwnPassword } from "@/lib/auth/password-change";
import { ChangePasswordFields } from "@/lib/auth/password-rules";
import { formAction } from "@/lib/server/action";

export const changePasswordAction = formAction(
  { input: ChangePasswordFields, revalidate: () => [], redirectTo: "/login?reason=password-changed" },
  async (caller, { currentPassword, password }) => {
    await changeOwnPassword(caller, { currentPassword, password });
    return { ok: true };
  },
);
