"use client";
// Shows a new token once, in a modal dialog with a copy button. Closing it calls onClose, which
// must drop the token from state: there is no way to see it again.
import { useEffect, useId, useRef, useState } from "react";
import { BUTTON, DIALOG, INPUT } from "@/components/ui/styles";

export function TokenRevealDialog({ token, name, onClose }: { token: string; name?: string; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    const dialog = ref.current;
    // showModal() focuses the first control (the token, selected) and returns focus on close.
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  async function copyToken() {
    try {
      await navigator.clipboard.writeText(token);
      setCopy("copied");
    } catch {
      setCopy("failed");
    }
  }

  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby={`${id}-title`} aria-describedby={`${id}-once`} className={DIALOG}>
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {name ? `Your new token “${name}”` : "Your new token"}
      </h2>
      <p id={`${id}-once`} className="mt-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
        <strong>You will not see this token again.</strong> Copy it now and keep it somewhere safe, such as a password manager
        or your script&apos;s secret store. If you lose it, revoke it and issue a new one.
      </p>
      <label htmlFor={`${id}-token`} className="mt-4 block text-sm font-medium">
        Token
      </label>
      <input
        id={`${id}-token`}
        data-testid="revealed-token"
        readOnly
        value={token}
        autoComplete="off"
        spellCheck={false}
        onFocus={(event) => event.currentTarget.select()}
        className={`${INPUT} mt-1 font-mono text-xs`}
      />
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button type="button" onClick={copyToken} className={BUTTON.secondary}>
          Copy token
        </button>
        <span aria-live="polite" className="text-sm text-zinc-700 dark:text-zinc-300">
          {copy === "copied" && "Copied to the clipboard."}
          {copy === "failed" && "Copying failed: select the token and copy it by hand."}
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
