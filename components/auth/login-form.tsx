"use client";
// The sign-in form. Every failure shows one message, so it never tells which of the two was wrong.
import { useState } from "react";
import { signIn } from "next-auth/react";

export const SIGN_IN_FAILED = "The email or password is incorrect.";
const SIGN_IN_UNAVAILABLE = "Signing in is not possible right now. Please try again in a moment.";

export function LoginForm({ callbackPath, initialError }: { callbackPath: string; initialError?: "signin" }) {
  const [error, setError] = useState<string | undefined>(initialError ? SIGN_IN_FAILED : undefined);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
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
        window.location.assign(callbackPath);
        return;
      }
      setError(result?.error === "CredentialsSignin" ? SIGN_IN_FAILED : SIGN_IN_UNAVAILABLE);
    } catch {
      setError(SIGN_IN_UNAVAILABLE);
    }
    setPending(false);
  }

  const input =
    "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600 dark:border-zinc-700 dark:bg-zinc-900";
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-describedby="login-error">
      <div>
        <label htmlFor="email" className="text-sm font-medium">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" className={input} aria-invalid={Boolean(error)} aria-describedby="login-error" />
      </div>
      <div>
        <label htmlFor="password" className="text-sm font-medium">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" className={input} aria-invalid={Boolean(error)} aria-describedby="login-error" />
      </div>
      <p id="login-error" role="alert" className="min-h-5 text-sm text-red-700 dark:text-red-400">
        {error}
      </p>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
