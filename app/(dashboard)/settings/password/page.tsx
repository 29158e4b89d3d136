// The signed-in person's own password: the current one, then the new one twice.
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { SetPasswordForm } from "@/components/users/set-password-form";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";
import { requireUser } from "@/lib/auth/session";
import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Your password" };

export default async function SettingsPasswordPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader title="Your password" description="Changing it signs you out everywhere, here included: sign in again with the new one." />
      <section className="max-w-sm rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
        <SetPasswordForm action={changePasswordAction} email={user.email} askCurrent minLength={MIN_PASSWORD_LENGTH} submitLabel="Change password" />
      </section>
    </>
  );
}
