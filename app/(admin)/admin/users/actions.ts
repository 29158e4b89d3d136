"use server";
// Admin changes to users: create one, a new set-password link, role, and disabled or enabled.
// lib/auth checks who asks again.
import { z } from "zod";
import { ROLE_LABELS } from "@/components/ui/role-badge";
import type { LinkFormState } from "@/components/users/link-reveal-dialog";
import { issuePasswordLink } from "@/lib/auth/password-links";
import { NO_USER_FILTER, userListHref } from "@/lib/auth/user-filter";
import { changeUserRole, createUser, NewUser, setUserDisabled } from "@/lib/auth/users";
import { Refusal } from "@/lib/refusal";
import { formAction } from "@/lib/server/action";

const RoleInput = z.object({
  userId: z.string().min(1),
  role: z.enum(["ADMIN", "STANDARD"], { error: "Choose Admin or Standard" }),
});

const DisabledInput = z.object({
  userId: z.string().min(1),
  disabled: z.enum(["true", "false"]).transform((value) => value === "true"),
});

const UserInput = z.object({ userId: z.string().min(1) });

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

/** The new user's link is in the answer once, for the dialog; it is stored nowhere. */
export const createUserAction = formAction<typeof NewUser, LinkFormState>({ input: NewUser, admin: true, revalidate: () => ["/admin/users"] }, async (caller, input) => {
  try {
    const { user, link } = await createUser(caller, input);
    return { ok: true, message: `${user.name} was created.`, link: link.url, linkFor: user.name, expiresAt: link.expiresAt.toISOString(), createdHref: userListHref({ ...NO_USER_FILTER, q: user.email }, 1) };
  } catch (error) {
    // A taken email is the email field's error, not the form's.
    if (error instanceof Refusal && error.code === "conflict") return { errors: { email: [error.message] } };
    throw error;
  }
});

export const issuePasswordLinkAction = formAction<typeof UserInput, LinkFormState>({ input: UserInput, admin: true, revalidate: () => [] }, async (caller, { userId }) => {
  const link = await issuePasswordLink(caller, userId);
  return { ok: true, message: "New link issued; earlier ones no longer work.", link: link.url, expiresAt: link.expiresAt.toISOString() };
});
