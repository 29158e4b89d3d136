// The sign-in page; a signed-in visitor goes straight on.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { getCurrentUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/auth/callback-path";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[]; reason?: string | string[] }> };

/** Why the person is here, after a password was set or changed (the only reasons there are). */
const NOTICES: Record<string, string> = {
  "password-set": "Password set — sign in.",
  "password-changed": "Password changed, and every session ended — sign in with the new one.",
};

export default async function LoginPage({ searchParams }: Props) {
  const { callbackUrl, error, reason } = await searchParams;
  // Own keys only: ?reason=constructor must not reach Object.prototype.
  const notice = typeof reason === "string" && Object.hasOwn(NOTICES, reason) ? NOTICES[reason] : undefined;
  const next = safeCallbackPath(callbackUrl);
  if (await getCurrentUser()) redirect(next);
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-600 dark:text-zinc-400">to the dashboard of your devices.</p>
      {notice && <p role="status" className="mb-4 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">{notice}</p>}
      <LoginForm callbackPath={next} initialError={error ? "signin" : undefined} />
    </>
  );
}
