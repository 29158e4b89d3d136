"use client";
// Shows a new set-password link once, in a modal dialog with a copy button, as a new token is
// shown. Closing it calls onClose, which must drop the link from state: it cannot be shown again.
import type { FormState } from "@/lib/form-state";
import { RevealOnceDialog } from "@/components/ui/reveal-once-dialog";

/** An action's state that carries a new link, once: it is never stored. */
/** `createdHref`: the users list searched for a new user, who may not be on its first page. */
export type LinkFormState = FormState & { link?: string; linkFor?: string; expiresAt?: string; createdHref?: string };

const formatExpiry = (iso: string) => new Date(iso).toISOString().replace("T", " ").slice(0, 16) + " UTC";

export function LinkRevealDialog({ link, name, expiresAt, onClose }: { link: string; name: string; expiresAt: string; onClose: () => void }) {
  return (
    <RevealOnceDialog
      title={`Set-password link for ${name}`}
      warning={
        <>
          <strong>You will not see this link again.</strong> Send it to {name} by a channel you trust. It works once, until{" "}
          {formatExpiry(expiresAt)}, and any earlier link for them no longer works.
        </>
      }
      noun="Link"
      value={link}
      testId="password-link"
      onClose={onClose}
    />
  );
}
