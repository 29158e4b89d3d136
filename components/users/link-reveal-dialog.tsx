"use client";
// Shows a new set-password link once, in a modal dialog with a copy button, as a new token is
// shown. Closing it calls onClose, which must drop the link from state: it cannot be shown again.
import { useEffect, useId, useRef, useState } from "react";
import type { FormState } from "@/lib/form-state";
import { BUTTON, DIALOG, INPUT } from "@/components/ui/styles";

/** An action's state that carries a new link, once: it is never stored. */
export type LinkFormState = FormState & { link?: string; linkFor?: string; expiresAt?: string };

const formatExpiry = (iso: string) => new Date(iso).toISOString().replace("T", " ").slice(0, 16) + " UTC";

export function LinkRevealDialog({ link, name, expiresAt, onClose }: { link: string; name: string; expiresAt: string; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(link);
      setCopy("copied");
    } catch {
      setCopy("failed");
    }
  }

  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby={`${id}-title`} aria-describedby={`${id}-once`} className={DIALOG}>
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        Set-password link for {name}
      </h2>
      <p id={`${id}-once`} className="mt-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
        <strong>You will not see this link again.</strong> Send it to {name} by a channel you trust. It works once, until{" "}
        {formatExpiry(expiresAt)}, and any earlier link for them no longer works.
      </p>
      <label htmlFor={`${id}-link`} className="mt-4 block text-sm font-medium">
        Link
      </label>
      <input
        id={`${id}-link`}
        data-testid="password-link"
        readOnly
        value={link}
        autoComplete="off"
        spellCheck={false}
        onFocus={(event) => event.currentTarget.select()}
        className={`${INPUT} mt-1 font-mono text-xs`}
      />
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button type="button" onClick={copyLink} className={BUTTON.secondary}>
          Copy link
        </button>
        <span aria-live="polite" className="text-sm text-zinc-700 dark:text-zinc-300">
          {copy === "copied" && "Copied to the clipboard."}
          {copy === "failed" && "Copying failed: select the link and copy it by hand."}
        </span>
      </div>
      <form method="dialog" className="mt-5 flex justify-end">
        <button type="submit" className={BUTTON.primary}>
          I have copied it, close
        </button>
      </form>
    </dialog>
  );
}
