// Ends the session and returns to the sign-in page on the host in use: next-auth would send the
// browser to NEXTAUTH_URL's host, which is not the one in use behind another name or address.
"use client";
import { useState } from "react";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  const [pending, setPending] = useState(false);

  async function onClick() {
    if (pending) return;
    setPending(true);
    try {
      await signOut({ redirect: false });
      // A full load, relative to this page, not router.push(): no page the router cached for the
      // session outlives it.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign("/login");
    } catch {
      // Still signed in (the request failed): the button can be pressed again.
      setPending(false);
    }
  }

  return (
    <button
      type="button"
      onClick={onClick}
      aria-disabled={pending}
      className="rounded-md border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
