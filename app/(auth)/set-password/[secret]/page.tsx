// A one-time link's page: the person it was made for chooses a password. No session is needed.
// An unusable link gets one plain answer that names no one.
import type { Metadata } from "next";
import Link from "next/link";
import { SetPasswordForm } from "@/components/users/set-password-form";
import { findPasswordLink, LINK_NOT_VALID } from "@/lib/auth/password-links";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";
import type { FormState } from "@/lib/form-state";
import { setPasswordFromForm } from "./set-password";

// The URL holds the secret: no Referer may carry it anywhere (next.config.ts sends the header too).
export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer", robots: { index: false, follow: false } };

type Props = { params: Promise<{ secret: string }> };

export default async function SetPasswordPage({ params }: Props) {
  const { secret } = await params;
  const holder = await findPasswordLink(secret);

  // Inline, so that Next encrypts the secret it closes over; a .bind() argument would be written
  // into the page in the clear.
  async function setPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
    "use server";
    return setPasswordFromForm(secret, formData);
  }

  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Set your password</h1>
      {holder ? (
        <>
          <p className="mt-1 mb-6 text-sm text-zinc-600 dark:text-zinc-400">Welcome, {holder.name}. Choose the password you will sign in with.</p>
          <SetPasswordForm action={setPasswordAction} email={holder.email} minLength={MIN_PASSWORD_LENGTH} submitLabel="Set password" />
        </>
      ) : (
        <>
          <p role="alert" className="mt-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">{LINK_NOT_VALID}</p>
          <p className="mt-4 text-sm">
            <Link href="/login" className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">Go to sign in</Link>
          </p>
        </>
      )}
    </>
  );
}
