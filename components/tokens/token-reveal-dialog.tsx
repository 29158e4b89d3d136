"use client";
// Shows a new token once, in a modal dialog with a copy button. Closing it calls onClose, which
// must drop the token from state: there is no way to see it again.
import { RevealOnceDialog } from "@/components/ui/reveal-once-dialog";

export function TokenRevealDialog({ token, name, onClose }: { token: string; name?: string; onClose: () => void }) {
  return (
    <RevealOnceDialog
      title={name ? `Your new token “${name}”` : "Your new token"}
      warning={
        <>
          <strong>You will not see this token again.</strong> Copy it now and keep it somewhere safe, such as a password manager
          or your script&apos;s secret store. If you lose it, revoke it and issue a new one.
        </>
      }
      noun="Token"
      value={token}
      testId="revealed-token"
      onClose={onClose}
    />
  );
}
