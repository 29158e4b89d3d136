"use client";
// The sign-in form. Every failure shows one message, so it never tells which of the two was wrong.
import { useState } from "react";
import { signIn } from "next-auth/react";
import { FormMessage } from "@/components/ui/field-error";
import { BUTTON, INPUT } from "@/components/ui/styles";
import { safeCallbackPath } from "@/lib/auth/callback-path";

const SIGN_IN_FAILED = "The email or password is incorrect.";
const SIGN_IN_UNAVAILABLE = "Signing in is not possible right now. Please try again in a moment.";

export function LoginForm({ callbackPath, initialError }: { callbackPath: string; initialError?: "signin" }) {
  const [error, setError] = useState<string | undefined>(initialError ? SIGN_IN_FAILED : undefined);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The busy button is only aria-disabled (styles.ts), so a second press still lands here.
    if (pending) return;
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    try {
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (result?.ok && !result.error) {
        // Checked again where it is used: location.assign() goes to exactly the path the check returns.
        window.location.assign(safeCallbackPath(callbackPath));
        return;
      }
      setError(result?.error === "CredentialsSignin" ? SIGN_IN_FAILED : SIGN_IN_UNAVAILABLE);
    } catch {
      setError(SIGN_IN_UNAVAILABLE);
    }
    setPending(false);
  }

  return (
    // method="post": a press before the script has loaded must not put the password in the URL (the
    // proxy answers that POST with 405); once loaded, onSubmit signs in through next-auth.
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-describedby="login-error">
      <div>
        <label htmlFor="email" className="text-sm font-medium">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" className={`${INPUT} mt-1`} aria-invalid={Boolean(error)} aria-describedby="login-error" />
      </div>
      <div>
        <label htmlFor="password" className="text-sm font-medium">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" className={`${INPUT} mt-1`} aria-invalid={Boolean(error)} aria-describedby="login-error" />
      </div>
      <FormMessage id="login-error" message={error} />
      <button type="submit" aria-disabled={pending} className={`${BUTTON.primary} w-full`}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
